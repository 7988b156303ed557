import { readFileSync } from 'node:fs'
import { Ajv, type AnySchema, type ValidateFunction } from 'ajv'

type Json = Record<string, unknown>

/** The shipped schemas allow later fields; the closed copy proves they name every field we write. */
export function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed)
  if (typeof node !== 'object' || node === null) return node
  const out: Json = {}
  for (const [k, v] of Object.entries(node)) out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, closed(s)])) : closed(v)
  if ('properties' in out) out.additionalProperties = false
  return out
}

/** A schema of schema/ compiled as shipped (open) and closed, strictly. */
export function schemaValidators(file: string): { schema: Json; open: ValidateFunction; closed: ValidateFunction } {
  const schema = JSON.parse(readFileSync(new URL(`../../schema/${file}`, import.meta.url), 'utf8')) as Json
  const ajv = (): Ajv => new Ajv({ strict: true, allErrors: true, allowUnionTypes: true })
  return { schema, open: ajv().compile(schema as AnySchema), closed: ajv().compile(closed(schema) as AnySchema) }
}
