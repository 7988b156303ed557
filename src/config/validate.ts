import { didYouMean, joinPath, show } from './messages.js'
import type { Infer, Node } from './schema.js'

/** One problem in the config. `message` starts with `path`, quotes the bad value and says what is allowed. */
export interface ConfigError {
  readonly path: string
  readonly message: string
}

/** Where the validator reports; rules use the same sink so everything comes back at once. */
export interface Problems {
  readonly errors: ConfigError[]
  readonly warnings: string[]
}

/** Path used for problems with the document as a whole. */
export const ROOT_PATH = '(root)'

/** What a node accepts, in words, for `expected …` messages. Derived from the schema, never hand-written. */
export function expectation(node: Node): string {
  switch (node.kind) {
    case 'integer':
      return `an integer from ${node.min} to ${node.max}${node.unit ? ` (${node.unit})` : ''}`
    case 'boolean':
      return 'true or false'
    case 'string':
      return 'a non-empty string'
    case 'date':
      return 'a date written YYYY-MM-DD'
    case 'enum':
      return `a ${node.noun} (${node.values.join(', ')})`
    case 'array':
      return `a list of ${plural(node.items)}`
    case 'object': {
      const keys = Object.keys(node.properties)
      return keys.length > 9 ? 'a mapping' : `a mapping with keys ${keys.join(', ')}`
    }
    case 'either':
      return `${expectation(node.options[0])}, or ${expectation(node.options[1])}`
  }
}

/** What a list holds, in words. */
function plural(node: Node): string {
  switch (node.kind) {
    case 'integer':
      return 'integers'
    case 'boolean':
      return 'booleans'
    case 'string':
      return 'non-empty strings'
    case 'date':
      return 'dates (YYYY-MM-DD)'
    case 'enum':
      return `${node.noun}s`
    case 'array':
      return 'lists'
    case 'object':
    case 'either':
      return 'mappings'
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

/** Which YAML shape a node takes, to pick the branch of an `either`. */
function shapeOf(node: Node): 'number' | 'boolean' | 'string' | 'list' | 'mapping' {
  switch (node.kind) {
    case 'integer':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'string':
    case 'date':
    case 'enum':
      return 'string'
    case 'array':
      return 'list'
    case 'object':
      return 'mapping'
    case 'either':
      return shapeOf(node.options[0])
  }
}

function shapeOfValue(value: unknown): string {
  if (Array.isArray(value)) return 'list'
  if (isMapping(value)) return 'mapping'
  if (value instanceof Date) return 'string'
  return typeof value
}

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/

/** `YYYY-MM-DD` if the string names a real day, else null. */
export function calendarDate(text: string): string | null {
  const m = DATE_SHAPE.exec(text)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = new Date(Date.UTC(y, mo - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? text : null
}

/**
 * Checks `value` against `node`, pushing every problem to `out.errors`, and returns the value
 * rebuilt from what was valid (fresh objects: nothing from the parsed document is kept by
 * reference), or undefined when the value itself is unusable.
 */
export function validate<N extends Node>(node: N, value: unknown, path: string, out: Problems): Infer<N> | undefined {
  return check(node, value, path, out) as Infer<N> | undefined
}

function check(node: Node, value: unknown, path: string, out: Problems): unknown {
  const fail = (detail = ''): undefined => {
    const where = path === '' ? ROOT_PATH : path
    out.errors.push({ path: where, message: `${where}: expected ${expectation(node)}, got ${show(value)}${detail}` })
    return undefined
  }
  switch (node.kind) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < node.min || value > node.max) return fail()
      return value
    case 'boolean':
      return typeof value === 'boolean' ? value : fail()
    case 'string':
      if (typeof value !== 'string' || value.trim() === '') return fail()
      if (value.length > node.maxLength) {
        out.errors.push({ path, message: `${path}: expected a string of at most ${node.maxLength} characters, got ${value.length} characters: ${show(value)}` })
        return undefined
      }
      return value
    case 'date':
      if (value instanceof Date) {
        const iso = Number.isNaN(value.getTime()) ? '' : value.toISOString()
        return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : fail()
      }
      if (typeof value !== 'string') return fail()
      if (!DATE_SHAPE.test(value)) return fail()
      return calendarDate(value) ?? fail(', which is not a day on the calendar')
    case 'enum':
      if (typeof value === 'string' && node.values.includes(value)) return value
      return fail(typeof value === 'string' ? didYouMean(value, node.values) : '')
    case 'array': {
      if (!Array.isArray(value)) return fail()
      if (value.length > node.maxItems) {
        out.errors.push({ path, message: `${path}: expected at most ${node.maxItems} entries, got ${value.length}` })
        return undefined
      }
      return value.map((item, i) => check(node.items, item, joinPath(path, i), out))
    }
    case 'object':
      return checkObject(node, value, path, out, fail)
    case 'either': {
      const shape = shapeOfValue(value)
      const branch = node.options.find((o) => shapeOf(o) === shape)
      return branch ? check(branch, value, path, out) : fail()
    }
  }
}

function checkObject(node: Extract<Node, { kind: 'object' }>, value: unknown, path: string, out: Problems, fail: () => undefined): unknown {
  if (!isMapping(value)) return fail()
  const allowed = Object.keys(node.properties)
  const result: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const keyPath = joinPath(path, key)
    if (!Object.hasOwn(node.properties, key)) {
      out.errors.push({
        path: keyPath,
        message: `${keyPath}: unknown ${node.noun} ${show(key)}${didYouMean(key, allowed)}; allowed ${node.noun}s: ${allowed.join(', ')}`
      })
      continue
    }
    const child = check(node.properties[key], value[key], keyPath, out)
    if (child !== undefined) result[key] = child
  }
  let complete = true
  for (const key of node.required) {
    if (Object.hasOwn(value, key)) {
      if (!Object.hasOwn(result, key)) complete = false
      continue
    }
    const keyPath = joinPath(path, key)
    out.errors.push({ path: keyPath, message: `${keyPath}: missing; expected ${expectation(node.properties[key])}` })
    complete = false
  }
  // A mapping without its required keys is unusable as a whole (a waiver without a check).
  return complete ? result : undefined
}
