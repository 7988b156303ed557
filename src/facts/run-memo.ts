/**
 * Answers computed once per run and asked again within it: a build file's parse when several CI
 * steps run the same tool, a Python module's constants when many imports look them up. A run is
 * one CI resolution or one route scan of one snapshot view, so an answer never outlives the files
 * it was computed from and nothing is shared between views or with the PR base (measured on the
 * corpus: sharing answers across views and the base saved about 3 % of scan time).
 *
 * A key carries the type of its answers, so a lookup needs no cast at the call site:
 * `const CONSTS = memoKey<ReadonlyMap<string, string>>('python constants')`, then
 * `ctx.memo.get(CONSTS, file, () => pythonConstants(lines))`.
 */
export interface MemoKey<T> {
  readonly name: string
  /** Never set: it only ties the key to the type of its answers. */
  readonly answer?: (value: T) => T
}

export function memoKey<T>(name: string): MemoKey<T> {
  return { name }
}

export class RunMemo {
  private readonly answers = new Map<MemoKey<never>, Map<string, unknown>>()

  /** The answer to `key` about `subject` (a path, a directory), computed on first ask. */
  get<T>(key: MemoKey<T>, subject: string, compute: () => T): T {
    let bySubject = this.answers.get(key as unknown as MemoKey<never>)
    if (!bySubject) this.answers.set(key as unknown as MemoKey<never>, (bySubject = new Map()))
    if (bySubject.has(subject)) return bySubject.get(subject) as T
    const value = compute()
    bySubject.set(subject, value)
    return value
  }
}
