import { describe, expect, it } from 'vitest'
import type { Status } from '../../src/checks/ids.js'
import { fillTemplate, type Check, type CheckContext, type MessageData } from '../../src/checks/types.js'
import type { ExtraSignatures } from '../../src/config/types.js'
import { factsFor, NO_EXTRA, testConfig, type FactsInput } from './facts.js'

/**
 * Table tests for checks, in the manner of ESLint's RuleTester: one table per expected status,
 * one `it` per case. The tester is strict about its own input — duplicate names, unknown
 * message ids ("Expected one of …") and empty tables are rejected before any case runs — and
 * about every outcome: placeholders filled, evidence repo-relative with 1-based lines, a
 * remediation for every status but pass.
 */

export interface ExpectedEvidence {
  readonly path?: string
  readonly line?: number
  /** A substring of the evidence message. */
  readonly message?: string
}

export interface Case<M extends string> {
  readonly name: string
  readonly facts: FactsInput
  /** The check's extra signatures from config (ctx.extra). */
  readonly extra?: Partial<ExtraSignatures>
  readonly messageId: M
  /** Expected subset of the outcome's data. */
  readonly data?: MessageData
  /** Expected evidence, matched in order against the first items. */
  readonly evidence?: readonly ExpectedEvidence[]
  /** Exact number of evidence items. */
  readonly evidenceCount?: number
  /** Substrings the remediation must contain. */
  readonly remediation?: readonly string[]
  /** Substring the filled summary must contain. */
  readonly summary?: string
}

export interface Tables<M extends string> {
  readonly pass?: readonly Case<M>[]
  readonly partial?: readonly Case<M>[]
  readonly fail?: readonly Case<M>[]
  readonly unknown?: readonly Case<M>[]
  readonly notApplicable?: readonly Case<M>[]
}

const TABLE_STATUS: Readonly<Record<keyof Tables<string>, Exclude<Status, 'waived'>>> = {
  pass: 'pass',
  partial: 'partial',
  fail: 'fail',
  unknown: 'unknown',
  notApplicable: 'not-applicable'
}

/** Validates the tables; throws on the first problem (so a broken table fails loudly). */
export function validateTables<M extends string>(check: Check<M>, tables: Tables<M>): void {
  const ids = Object.keys(check.meta.messages)
  const names = new Set<string>()
  let total = 0
  for (const key of Object.keys(tables) as (keyof Tables<M>)[]) {
    if (!(key in TABLE_STATUS)) throw new Error(`Unknown table '${String(key)}'. Expected one of ${Object.keys(TABLE_STATUS).join(', ')}.`)
    const cases = tables[key]!
    if (cases.length === 0) throw new Error(`Table '${key}' of ${check.meta.id} is empty: remove it or add cases.`)
    for (const c of cases) {
      total++
      if (!c.name || !c.name.trim()) throw new Error(`A case in table '${key}' of ${check.meta.id} has no name.`)
      if (names.has(c.name)) throw new Error(`Detected duplicate test case '${c.name}' in ${check.meta.id}.`)
      names.add(c.name)
      if (!ids.includes(c.messageId)) throw new Error(`Invalid messageId '${c.messageId}' in case '${c.name}'. Expected one of ${ids.map((i) => `'${i}'`).join(', ')}.`)
    }
  }
  if (total === 0) throw new Error(`No test cases for ${check.meta.id}: give at least one table.`)
}

export function contextFor<M extends string>(c: Case<M>): CheckContext {
  return { facts: factsFor(c.facts), extra: { ...NO_EXTRA, ...c.extra }, config: testConfig }
}

function runCase<M extends string>(check: Check<M>, status: Exclude<Status, 'waived'>, c: Case<M>): void {
  const out = check.run(contextFor(c))
  expect({ status: out.status, messageId: out.messageId }).toEqual({ status, messageId: c.messageId })
  const template = (check.meta.messages as Record<string, string>)[out.messageId]!
  const summary = fillTemplate(template, out.data)
  expect(summary, 'every placeholder of the message is filled').not.toMatch(/\{\w+\}/)
  if (c.summary !== undefined) expect(summary).toContain(c.summary)
  if (c.data) expect(out.data ?? {}).toMatchObject(c.data)
  const evidence = out.evidence ?? []
  for (const e of evidence) {
    expect(e.message.length, 'evidence has a message').toBeGreaterThan(0)
    if (e.path !== undefined) expect(e.path, 'evidence paths are repo-relative').not.toMatch(/^\/|(^|\/)\.\.(\/|$)/)
    if (e.line !== undefined) expect(Number.isInteger(e.line) && e.line >= 1, `line ${e.line} is 1-based`).toBe(true)
  }
  if (c.evidenceCount !== undefined) expect(evidence).toHaveLength(c.evidenceCount)
  if (c.evidence) {
    expect(evidence.length, `at least ${c.evidence.length} evidence item(s): ${JSON.stringify(evidence, null, 1)}`).toBeGreaterThanOrEqual(c.evidence.length)
    c.evidence.forEach((want, i) => {
      const got = evidence[i]!
      if (want.path !== undefined) expect(got.path, `evidence[${i}].path`).toBe(want.path)
      if (want.line !== undefined) expect(got.line, `evidence[${i}].line`).toBe(want.line)
      if (want.message !== undefined) expect(got.message, `evidence[${i}].message`).toContain(want.message)
    })
  }
  const remediation = out.status === 'pass' ? null : (out.remediation ?? check.meta.remediation)
  if (out.status !== 'pass') expect(remediation?.trim().length ?? 0, 'a non-passing outcome has a remediation').toBeGreaterThan(0)
  for (const r of c.remediation ?? []) expect(remediation ?? '').toContain(r)
}

/** Registers one vitest case per table row, grouped under the check id. */
export function checkTester<M extends string>(check: Check<M>, tables: Tables<M>): void {
  validateTables(check, tables)
  describe(check.meta.id, () => {
    for (const key of Object.keys(tables) as (keyof Tables<M>)[]) {
      const status = TABLE_STATUS[key]
      describe(status, () => {
        for (const c of tables[key]!) it(c.name, () => runCase(check, status, c))
      })
    }
  })
}
