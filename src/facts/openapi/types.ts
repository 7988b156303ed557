import type { ParseProblem } from '../ci/types.js'

/**
 * OpenAPI facts: committed specs (found by content), framework generation of a spec (and the
 * route it is served on), and contract tests written as test files. Whether that is enough is
 * the checks' call.
 */

export interface SpecDoc {
  readonly path: string
  readonly format: 'json' | 'yaml'
  /** `3.1.0`, `2.0`. */
  readonly version: string
  readonly kind: 'openapi' | 'swagger'
  readonly title?: string
  /** Number of `paths`, null when the document could not be parsed. */
  readonly pathCount: number | null
  /** Why the document could not be read fully (broken YAML, too deep, alias bomb), or null. */
  readonly problem: string | null
  /** Why it is not this service's spec (vendored, fixture, example), or null. */
  readonly notOwn: string | null
}

export interface SpecGenerator {
  /** `FastAPI`, `drf-spectacular`, `springdoc`, `NestJS SwaggerModule`, `swaggo`… */
  readonly tool: string
  readonly path: string
  readonly line?: number
  readonly text: string
  /** The route the spec or its UI is served on, when the app serves it; null when not served. */
  readonly servedAt: string | null
  /** Why it is not served (`openapi_url=None`), or a condition (`only outside production`). */
  readonly note?: string
  /** Spec-first: the code is generated from (or validated against) a committed spec. */
  readonly specFirst?: boolean
}

export interface ContractTestFile {
  readonly tool: string
  readonly path: string
  readonly line: number
  readonly text: string
}

/** A spec file a documentation host publishes (docs-sites.ts): the site copies its directory. */
export interface DocsPublication {
  readonly spec: string
  /** How the directory gets into the site (`Sphinx html_extra_path`, `MkDocs docs_dir`). */
  readonly tool: string
  readonly host: string
  /** The host's configuration file (`.readthedocs.yaml`). */
  readonly hostConfig: string
  /** The documentation project's configuration and the line naming the directory. */
  readonly config: string
  readonly line: number
  readonly dir: string
}

export interface OpenApiFacts {
  readonly specs: readonly SpecDoc[]
  /** Specs published by a documentation site the repository configures. */
  readonly docsSites: readonly DocsPublication[]
  readonly generators: readonly SpecGenerator[]
  readonly contractTests: readonly ContractTestFile[]
  /** Spec candidates skipped (size, nesting, aliases) and why. */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[]
  readonly problems: readonly ParseProblem[]
}

export const EMPTY_OPENAPI: OpenApiFacts = { specs: [], docsSites: [], generators: [], contractTests: [], skipped: [], problems: [] }
