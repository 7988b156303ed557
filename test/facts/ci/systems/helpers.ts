import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'
import type { ParseContext } from '../../../../src/facts/ci/systems/common.js'

/** A parse context over an in-memory repository. */
export function ctxOf(files: Record<string, string>): ParseContext {
  return { snapshot: new MemorySnapshot(files), problems: [] }
}

/** Joins lines so fixtures can be written with their line numbers in view. */
export function lines(...ls: string[]): string {
  return ls.join('\n') + '\n'
}
