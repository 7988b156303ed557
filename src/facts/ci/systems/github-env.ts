import { get, isMap, list, str } from '../../parse/yaml.js'
import { stringMap } from './common.js'

/**
 * Environment variables a GitHub Actions `run:` script reads, so `bin/rails $TEST_COMMAND` with
 * `env: { TEST_COMMAND: ${{ matrix.tests.command }} }` reads as the commands the matrix runs.
 * Values are literals from `env:` (workflow, job, step; the nearer wins) or, for an expression
 * naming a matrix key, every value the job's `strategy.matrix` lists for it. Anything else stays
 * as written.
 */

export type EnvValues = ReadonlyMap<string, readonly string[]>

const MAX_VALUES = 8
/** `$NAME` or `${NAME}` in a script. */
const VAR_REF = /\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g
const MATRIX_REF = /^\$\{\{\s*matrix\.([A-Za-z0-9_-]{1,60})(?:\.([A-Za-z0-9_-]{1,60}))?\s*\}\}$/

/** The values of `matrix.key` (or `matrix.key.field` for a list of maps), include entries too. */
function matrixValues(matrix: unknown, key: string, field: string | undefined): string[] {
  const out: string[] = []
  const add = (v: unknown): void => {
    const s = field === undefined ? str(v) : str(get(v, field))
    if (s !== undefined && !s.includes('${{') && !out.includes(s) && out.length < MAX_VALUES) out.push(s.replace(/\n/g, ' '))
  }
  for (const v of list(get(matrix, key))) add(v)
  for (const inc of list(get(matrix, 'include'))) if (isMap(inc)) add(get(inc, key))
  return out
}

/** Variables of one scope (`env:` of a workflow, job or step) over the outer ones. */
export function envScope(outer: EnvValues, envNode: unknown, matrix: unknown): EnvValues {
  const env = stringMap(envNode)
  if (Object.keys(env).length === 0) return outer
  const out = new Map(outer)
  for (const [name, raw] of Object.entries(env)) {
    const v = raw.trim()
    const m = MATRIX_REF.exec(v)
    if (m) {
      const found = matrixValues(matrix, m[1]!, m[2])
      if (found.length > 0) out.set(name, found)
      else out.delete(name)
    } else if (!v.includes('${{') && !v.includes('\n')) out.set(name, [v])
    else out.delete(name)
  }
  return out
}

/** `${{ matrix.key }}` / `${{ matrix.key.field }}` written straight into a script. */
const MATRIX_IN_SCRIPT = /\$\{\{\s*matrix\.([A-Za-z0-9_-]{1,60})(?:\.([A-Za-z0-9_-]{1,60}))?\s*\}\}/g

/**
 * `${{ matrix.x }}` written in a script (`run: ${{ matrix.command }}`, `make ${{ matrix.target }}`)
 * becomes every value the job's matrix lists for it (include entries too), one command per value
 * on the same line, like a variable read from `env:`. A reference the matrix does not list stays
 * as written (and is reported as an expression that cannot be expanded).
 */
export function substituteMatrix(script: string, matrix: unknown): string {
  if (matrix === undefined || !script.includes('matrix.')) return script
  const vars = new Map<string, readonly string[]>()
  let n = 0
  const named = script.replace(MATRIX_IN_SCRIPT, (whole, key: string, field: string | undefined) => {
    const values = matrixValues(matrix, key, field)
    if (values.length === 0) return whole
    const name = `__SHIPSHAPE_MATRIX_${n++}`
    vars.set(name, values)
    return '${' + name + '}'
  })
  return vars.size === 0 ? script : substituteEnv(named, vars)
}

/**
 * `$NAME`/`${NAME}` of known variables substituted, line by line; a variable with several values
 * (a matrix) makes its line one command per value, joined with `;` on the same line so line
 * numbers stay right.
 */
export function substituteEnv(script: string, vars: EnvValues): string {
  if (vars.size === 0 || !script.includes('$')) return script
  return script
    .split('\n')
    .map((line) => {
      const names = [...line.matchAll(VAR_REF)].map((m) => m[1] ?? m[2]!).filter((n) => vars.has(n))
      if (names.length === 0 || line.trimStart().startsWith('#')) return line
      const multi = names.find((n) => vars.get(n)!.length > 1)
      const variants = multi ? vars.get(multi)! : [vars.get(names[0]!)![0]!]
      return variants
        .map((value) =>
          line.replace(VAR_REF, (whole, a: string | undefined, b: string | undefined) => {
            const n = (a ?? b)!
            const vs = vars.get(n)
            if (!vs) return whole
            return n === multi ? value : vs[0]!
          })
        )
        .join(' ; ')
    })
    .join('\n')
}
