/** A file Shipshape could not parse, reported as evidence on the checks it affects. */
export interface ParseProblem {
  readonly path: string
  readonly line?: number
  readonly message: string
}
