import type { ParseProblem } from '../../ci/types.js'
import type { RunMemo } from '../../run-memo.js'
import type { ManifestFacts } from '../../manifests/types.js'
import type { SourceSet } from '../files.js'
import type { Framework, HealthLibrary, Route } from '../types.js'

/** What every framework extractor gets, and what it returns. */
export interface ExtractContext {
  readonly src: SourceSet
  readonly frameworks: ReadonlySet<Framework>
  readonly manifests: ManifestFacts
  readonly problems: ParseProblem[]
  /** Per-file answers asked again within this route scan (a module's constants, a file's parse). */
  readonly memo: RunMemo
}

export interface Extracted {
  readonly routes: Route[]
  readonly libraries?: HealthLibrary[]
}

export type Extractor = (ctx: ExtractContext) => Extracted

export const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options'] as const
