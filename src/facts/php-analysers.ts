/**
 * The strictness PHP's static analysers are configured at, read from their configuration files
 * (never run). PHPStan and Psalm are PHP's type checkers; at a strict enough level they are also
 * its quality gate, which is how `static-analysis` counts them (docs/checks/static-analysis.md):
 *
 * - PHPStan from level 5: from there it checks the types of the arguments of every call (below,
 *   it only checks that classes, methods and functions exist, PHPDoc, return types and dead
 *   code). `max` is the highest level. The level is `parameters.level` in a NEON file.
 * - Psalm at `errorLevel` 4 or stricter (1 is the strictest, 8 the most lenient; a config without
 *   the attribute runs at 2): from level 4 down it reports wrong argument, return and operand
 *   types, not only missing symbols.
 *
 * A baseline (`phpstan-baseline.neon`, `<psalm errorBaseline=…>`) does not lower the level: it
 * accepts the errors that existed when it was written, and every new one still fails.
 */

export const PHPSTAN_GATING_LEVEL = 5
export const PSALM_GATING_LEVEL = 4
/** Psalm's level when the configuration does not set one. */
const PSALM_DEFAULT_LEVEL = 2
/** PHPStan's `max`, as a number (level 10 is the highest since PHPStan 2). */
const PHPSTAN_MAX = 10

/** A PHPStan configuration file name: `phpstan.neon`, `phpstan.neon.dist`, `phpstan.dist.neon`, `phpstan-ci.neon`. */
export function isPhpstanConfig(name: string): boolean {
  return name.startsWith('phpstan') && (name.endsWith('.neon') || name.endsWith('.neon.dist')) && !name.includes('baseline')
}

export function isPsalmConfig(name: string): boolean {
  return name === 'psalm.xml' || name === 'psalm.xml.dist' || name === 'psalm.dist.xml'
}

/**
 * `parameters: level:` of a NEON file: the level (0-10), its 1-based line, or undefined when the
 * file sets none (an include may). Only a `level` key directly under a top-level `parameters:`.
 */
export function phpstanLevel(text: string): { level: number; line: number } | undefined {
  const lines = text.split('\n')
  let inParameters = false
  let keyIndent = -1
  for (let i = 0; i < lines.length && i < 5000; i++) {
    const l = lines[i]!.replace(/\r$/, '')
    const t = l.trim()
    if (t === '' || t.startsWith('#')) continue
    const indent = l.length - l.trimStart().length
    if (indent === 0) {
      inParameters = /^parameters\s*:\s*$/.test(t)
      keyIndent = -1
      continue
    }
    if (!inParameters) continue
    if (keyIndent < 0) keyIndent = indent
    if (indent !== keyIndent) continue
    const m = /^level\s*:\s*['"]?(\d{1,2}|max)['"]?\s*(#.*)?$/.exec(t)
    if (m) return { level: m[1] === 'max' ? PHPSTAN_MAX : Number(m[1]), line: i + 1 }
  }
  return undefined
}

/** Psalm's `errorLevel` on the root `<psalm>` element (default 2), with the element's line. */
export function psalmLevel(text: string): { level: number; line: number } | undefined {
  const open = text.indexOf('<psalm')
  if (open < 0 || /[\w-]/.test(text[open + 6] ?? '')) return undefined
  const close = text.indexOf('>', open)
  const tag = text.slice(open, close < 0 ? Math.min(text.length, open + 4000) : close)
  const line = text.slice(0, open).split('\n').length
  const m = /\berrorLevel\s*=\s*["'](\d)["']/.exec(tag)
  if (m) return { level: Number(m[1]), line: line + tag.slice(0, m.index).split('\n').length - 1 }
  // The legacy `totallyTyped="true"` is level 1.
  if (/\btotallyTyped\s*=\s*["']true["']/.test(tag)) return { level: 1, line }
  return { level: PSALM_DEFAULT_LEVEL, line }
}
