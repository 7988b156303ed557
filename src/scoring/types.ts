/** What scoring produces: the grade of a score and the gate's verdict. Renderers read these; nothing here knows a format. */

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F'

export interface GateVerdict {
  readonly passed: boolean
  readonly minScore: number
  /** Every reason the gate failed (empty when it passed). */
  readonly reasons: readonly string[]
}
