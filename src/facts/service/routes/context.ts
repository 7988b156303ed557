import type { ParseProblem } from '../../ci/types.js'
import { memoOnRead, memoOnReadIf } from '../../read-memo.js'
import type { ManifestFacts } from '../../manifests/types.js'
import type { SourceSet } from '../files.js'
import type { Framework, HealthLibrary, Route } from '../types.js'

/** What every framework extractor gets, and what it returns. */
export interface ExtractContext {
  readonly src: SourceSet
  readonly frameworks: ReadonlySet<Framework>
  readonly manifests: ManifestFacts
  readonly problems: ParseProblem[]
}

export interface Extracted {
  readonly routes: Route[]
  readonly libraries?: HealthLibrary[]
}

export type Extractor = (ctx: ExtractContext) => Extracted

export const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options'] as const

/**
 * A per-file answer of an extractor that depends on the file's text and path alone, memoised on
 * the file's read: every monorepo view and the PR base (whose unchanged files are the head's own
 * reads) get it for free. Files the route scan does not read as text are computed each time.
 */
export function memoOnFile<T>(ctx: ExtractContext, file: string, key: string, compute: () => T): T {
  const read = ctx.src.snapshot.read(file)
  return read.kind === 'text' && ctx.src.text(file) !== undefined ? memoOnRead(read, key, compute) : compute()
}

/** memoOnFile for an answer that also depends on other files: a memoised answer is reused while `holds` says so, else recomputed. */
export function memoOnFileIf<T>(ctx: ExtractContext, file: string, key: string, holds: (value: T) => boolean, compute: () => T): T {
  const read = ctx.src.snapshot.read(file)
  return read.kind === 'text' && ctx.src.text(file) !== undefined ? memoOnReadIf(read, key, holds, compute) : compute()
}
