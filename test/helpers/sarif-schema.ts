import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import type { AnySchema, ValidateFunction } from 'ajv'

/**
 * The official SARIF 2.1.0 JSON Schema, vendored in schema/ (see schema/sarif-2.1.0.LICENSE.md for
 * where it comes from), compiled once. It declares JSON Schema 2020-12, so Ajv's 2020 mode reads
 * it; formats (uri, date-time) are checked too.
 */
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020
const schema = JSON.parse(readFileSync(new URL('../../schema/sarif-2.1.0.json', import.meta.url), 'utf8')) as AnySchema

let compiled: ValidateFunction | null = null

export function sarifValidator(): ValidateFunction {
  compiled ??= addFormats(new Ajv2020({ strict: false, allErrors: true })).compile(schema)
  return compiled
}

/** Validation errors, as short lines (empty when the log is valid). */
export function sarifErrors(log: unknown): string[] {
  const validate = sarifValidator()
  return validate(log) ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
}
