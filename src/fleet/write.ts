import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'

/**
 * Writes the dashboard's files into DIR as one step as far as a file system allows: everything is
 * written into a staging directory beside DIR first, then each file is renamed into place, so a
 * failure leaves the previous output whole and never a half-written file.
 */
export function writeOutput(dir: string, files: ReadonlyMap<string, string>): void {
  const target = resolve(dir)
  mkdirSync(target, { recursive: true })
  const stage = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`)
  rmSync(stage, { recursive: true, force: true })
  try {
    for (const [rel, text] of files) {
      const p = join(stage, rel)
      mkdirSync(dirname(p), { recursive: true })
      writeFileSync(p, text)
    }
    // Detail pages of repositories that left the fleet must not linger: repos/ is replaced whole.
    rmSync(join(target, 'repos'), { recursive: true, force: true })
    if (existsSync(join(stage, 'repos'))) renameSync(join(stage, 'repos'), join(target, 'repos'))
    for (const rel of files.keys()) if (!rel.startsWith('repos/')) renameSync(join(stage, rel), join(target, rel))
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
}
