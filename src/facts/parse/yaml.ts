import * as jsyaml from 'js-yaml'
import { CORE_SCHEMA, loadAll, Type, type State } from 'js-yaml'
import type { Snapshot } from '../snapshot.js'
import type { ParseProblem } from './problem.js'

/**
 * Safe YAML loading for CI files, with 1-based line numbers for keys, values and list items.
 *
 * Why not plain `load`: a CI file is hostile input. We cap its size, refuse documents whose alias
 * expansion would make our walkers visit more than a node budget (js-yaml shares aliased objects
 * by reference, so a "billion laughs" document parses fast but explodes every tree walk), and keep
 * parse errors as ParseProblems with the line of js-yaml's mark.
 *
 * Lines come from js-yaml's `listener`: every composed node fires `open`/`close`, properly nested,
 * so the direct children of a mapping node are its keys and values in order and those of a
 * sequence its items. We record, per mapping/sequence object, where its keys, values and items
 * start, in a WeakMap keyed by the parsed object (objects survive being passed around; scalars
 * do not need an identity since we always ask through their parent).
 */

/** Per-file cap: a CI file larger than this is not a CI file we should trust to parse. */
export const MAX_YAML_BYTES = 1024 * 1024
/** Nodes a walker may visit, counting every alias expansion again. */
export const MAX_YAML_NODES = 200_000

/** Where a mapping or sequence was declared. */
export interface NodePos {
  readonly path: string
  /** 1-based line where the node's content starts. */
  readonly line: number
  readonly keyLines: ReadonlyMap<string, number>
  /** 1-based line where each key's value content starts (block scalars: the line after `|`). */
  readonly valueLines: ReadonlyMap<string, number>
  readonly itemLines: readonly number[]
}

const positions = new WeakMap<object, NodePos>()

/** GitLab's `!reference [job, key]` tag, kept as data so the GitLab parser can resolve it. */
export interface YamlReference {
  readonly __yamlReference: readonly unknown[]
}

const referenceType = new Type('!reference', {
  kind: 'sequence',
  construct: (data: unknown) => ({ __yamlReference: Array.isArray(data) ? data : [] })
})

/** YAML 1.2 core types, plus merge keys (`<<: *x`, common in GitLab/Bitbucket) and `!reference`. */
// js-yaml exports its built-in types at run time; @types/js-yaml does not declare them.
const mergeType = (jsyaml as unknown as { types: { merge: Type } }).types.merge
const SCHEMA = CORE_SCHEMA.extend({ implicit: [mergeType], explicit: [referenceType] })
/** The same without merge keys: `<<` stays a plain key, merged by `mergeKeys` (sequence merges too). */
const PLAIN_SCHEMA = CORE_SCHEMA.extend({ explicit: [referenceType] })
/** `[-]`: a flow list holding a lone dash (quoted, it stays on its line). */
const DASH_IN_FLOW = /\[-\]/g

/** `value` is the first non-empty document; `docs` all of them (GitLab puts a `spec:` header document first). */
export type YamlResult = { ok: true; value: unknown; docs: readonly unknown[] } | { ok: false; problem: ParseProblem }

/**
 * Parses a repository file's YAML, once per read: every monorepo view and the PR base (whose
 * unchanged files are the head's own reads) get the same parsed documents, positions included.
 * Undefined when the file is not readable text. Callers treat the documents as read-only.
 */
export function parseYamlFile(snapshot: Snapshot, path: string): YamlResult | undefined {
  const read = snapshot.read(path)
  return read.kind === 'text' ? parseYaml(read.text, path) : undefined
}

/** Parses the first document of a YAML file. Never throws. */
export function parseYaml(text: string, path: string, maxBytes = MAX_YAML_BYTES): YamlResult {
  if (Buffer.byteLength(text) > maxBytes) {
    return { ok: false, problem: { path, message: `YAML file larger than ${maxBytes} bytes, not parsed` } }
  }
  const load = (source: string, schema: typeof SCHEMA): unknown[] => {
    const recorder = new PositionRecorder(source, path, indexLines(source))
    return loadAll(source, null, {
      schema,
      // Duplicate keys: last one wins (GitLab's and most runners' behaviour) instead of failing the file.
      json: true,
      filename: path,
      listener(event, state) {
        recorder.on(event, state)
      }
    })
  }
  let docs: unknown[]
  try {
    // Two things CI runners' YAML readers accept and js-yaml does not, retried only after a failure:
    // `waitFor: [-]` (Cloud Build: a `-` alone in a flow list) and `- <<: *list` (Woodpecker splices
    // a list into a list; js-yaml only merges mappings).
    const source = text.includes('[-]') ? text.replace(DASH_IN_FLOW, '["-"]') : text
    try {
      docs = load(text, SCHEMA)
    } catch (err) {
      const message = (err as Error)?.message ?? ''
      if (source !== text && /flow collection/.test(message)) docs = load(source, SCHEMA)
      else if (/cannot merge mappings/.test(message)) {
        docs = load(text, PLAIN_SCHEMA)
        if (!mergeKeys(docs, MAX_YAML_NODES)) return { ok: false, problem: { path, line: 1, message: `YAML document expands to more than ${MAX_YAML_NODES} nodes (alias expansion), not analysed` } }
      } else throw err
    }
  } catch (err) {
    const e = err as { mark?: { line?: number }; reason?: string; message?: string }
    const line = typeof e.mark?.line === 'number' ? e.mark.line + 1 : undefined
    const message = `YAML parse error: ${e.reason ?? e.message ?? String(err)}`
    return { ok: false, problem: line === undefined ? { path, message } : { path, line, message } }
  }
  const value = docs.find((d) => d !== null && d !== undefined) ?? null
  if (!withinBudget(docs, MAX_YAML_NODES)) {
    return { ok: false, problem: { path, line: 1, message: `YAML document expands to more than ${MAX_YAML_NODES} nodes (alias expansion), not analysed` } }
  }
  return { ok: true, value, docs }
}

/**
 * Merge keys done by hand, for documents js-yaml refuses to merge: a list item that is only
 * `<<: [a, b]` becomes the items a and b (the list spliced in, each at the `<<` item's line); a
 * mapping's `<<` (a mapping or a list of mappings) adds the keys it does not have. Objects are
 * changed in place (aliases share them), each once; false past the node budget.
 */
function mergeKeys(root: unknown, budget: number): boolean {
  let left = budget
  const done = new Set<object>()
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const v = stack.pop()
    if (v === null || typeof v !== 'object' || done.has(v)) continue
    done.add(v)
    if (Array.isArray(v)) {
      const pos = positions.get(v)
      const items: unknown[] = []
      const lines: number[] = []
      let spliced = false
      v.forEach((item, i) => {
        const only = item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length === 1 && Array.isArray((item as Record<string, unknown>)['<<'])
        const line = pos?.itemLines[i] ?? pos?.line ?? 1
        for (const x of only ? ((item as Record<string, unknown>)['<<'] as unknown[]) : [item]) {
          items.push(x)
          lines.push(line)
        }
        spliced ||= only
      })
      left -= items.length
      if (left < 0) return false
      if (spliced) {
        v.splice(0, v.length, ...items)
        if (pos) positions.set(v, { ...pos, itemLines: lines })
      }
      for (const x of v) stack.push(x)
      continue
    }
    const map = v as Record<string, unknown>
    if (Object.hasOwn(map, '<<')) {
      const src = map['<<']
      delete map['<<']
      for (const from of Array.isArray(src) ? src : [src]) {
        if (from === null || typeof from !== 'object' || Array.isArray(from)) continue
        for (const [k, x] of Object.entries(from)) if (!Object.hasOwn(map, k) && k !== '<<') map[k] = x
      }
    }
    const children = Object.values(map)
    left -= children.length
    if (left < 0) return false
    for (const x of children) stack.push(x)
  }
  return true
}

/** Counts nodes depth-first, following aliases every time, and stops at the budget (also breaks cycles). */
function withinBudget(root: unknown, budget: number): boolean {
  let left = budget
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const v = stack.pop()
    if (v === null || typeof v !== 'object') continue
    const children = Array.isArray(v) ? v : Object.values(v)
    left -= children.length
    if (left < 0) return false
    for (const x of children) if (x !== null && typeof x === 'object') stack.push(x)
  }
  return true
}

function indexLines(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

interface Frame {
  line: number
  children: { line: number; result: unknown }[]
}

class PositionRecorder {
  private readonly stack: Frame[] = []

  constructor(
    private readonly text: string,
    private readonly path: string,
    private readonly lineStarts: number[]
  ) {}

  on(event: 'open' | 'close', state: State): void {
    if (event === 'open') {
      this.stack.push({ line: this.contentLine(state.position), children: [] })
      return
    }
    const frame = this.stack.pop()
    if (frame === undefined) return
    const result: unknown = state.result
    this.stack.at(-1)?.children.push({ line: frame.line, result })
    if (result === null || typeof result !== 'object' || positions.has(result)) return
    if (state.kind === 'mapping' && !Array.isArray(result)) this.recordMapping(result, frame)
    else if (state.kind === 'sequence' && Array.isArray(result)) this.recordSequence(result, frame)
  }

  private recordMapping(result: object, frame: Frame): void {
    const keyLines = new Map<string, number>()
    const valueLines = new Map<string, number>()
    const c = frame.children
    for (let i = 0; i + 1 < c.length; i += 2) {
      const key = c[i]!.result
      if (key === null || typeof key === 'object') continue
      keyLines.set(String(key), c[i]!.line)
      valueLines.set(String(key), c[i + 1]!.line)
    }
    positions.set(result, { path: this.path, line: frame.line, keyLines, valueLines, itemLines: [] })
  }

  private recordSequence(result: unknown[], frame: Frame): void {
    // Empty items (`-` alone) compose no node; then item lines would be shifted: keep none.
    const itemLines = frame.children.length === result.length ? frame.children.map((c) => c.line) : []
    positions.set(result, { path: this.path, line: frame.line, keyLines: new Map(), valueLines: new Map(), itemLines })
  }

  /**
   * The 1-based line where a node opened at `pos` really starts: js-yaml opens a value node right
   * after `key:`, before skipping spaces, comments and line breaks. A block scalar (`|`, `>`)
   * starts on the line after its header. Scans only whitespace, comments and properties.
   */
  private contentLine(pos: number): number {
    const t = this.text
    let p = pos
    for (;;) {
      const ch = t.charCodeAt(p)
      if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) p++
      else if (ch === 0x23 /* # */ && (p === 0 || isWs(t.charCodeAt(p - 1)))) {
        const nl = t.indexOf('\n', p)
        p = nl < 0 ? t.length : nl
      } else if ((ch === 0x26 /* & */ || ch === 0x21) /* ! */ && p > pos) {
        // Node properties (anchor, tag) before the content.
        while (p < t.length && !isWs(t.charCodeAt(p))) p++
      } else break
    }
    const line = this.lineAt(p)
    const ch = t.charCodeAt(p)
    if (ch === 0x7c /* | */ || ch === 0x3e /* > */) {
      const next = t.charCodeAt(p + 1)
      if (Number.isNaN(next) || isWs(next) || next === 0x2d || next === 0x2b || (next >= 0x30 && next <= 0x39)) return line + 1
    }
    return line
  }

  private lineAt(pos: number): number {
    const s = this.lineStarts
    let lo = 0
    let hi = s.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (s[mid]! <= pos) lo = mid
      else hi = mid - 1
    }
    return lo + 1
  }
}

function isWs(ch: number): boolean {
  return ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d
}

// ---- Reading parsed values -------------------------------------------------------------------

export type YamlMap = Readonly<Record<string, unknown>>

export function isMap(v: unknown): v is YamlMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !isReference(v)
}

export function isReference(v: unknown): v is YamlReference {
  return v !== null && typeof v === 'object' && Object.hasOwn(v, '__yamlReference')
}

/** An own property of a mapping (never the prototype's `constructor`, `toString`, …). */
export function get(v: unknown, key: string): unknown {
  return isMap(v) && Object.hasOwn(v, key) ? v[key] : undefined
}

/** A scalar as a string (numbers and booleans too), else undefined. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return undefined
}

/** A list, or a single value as a one-item list, or [] when absent. */
export function list(v: unknown): readonly unknown[] {
  if (v === undefined || v === null) return []
  return Array.isArray(v) ? v : [v]
}

/** String items of a list (or a lone string). */
export function strings(v: unknown): string[] {
  return list(v).flatMap((x) => {
    const s = str(x)
    return s === undefined ? [] : [s]
  })
}

/** `true`, `'true'` (any case): YAML booleans as CI systems accept them. */
export function truthy(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true')
}

export function posOf(node: unknown): NodePos | undefined {
  return node !== null && typeof node === 'object' ? positions.get(node) : undefined
}

/** Line of a mapping's key, falling back to the mapping's own line (e.g. keys merged by `<<`). */
export function keyLine(map: unknown, key: string): number | undefined {
  const p = posOf(map)
  return p?.keyLines.get(key) ?? p?.line
}

/** Line where a key's value content starts (the line after `key: |`). */
export function valueLine(map: unknown, key: string): number | undefined {
  const p = posOf(map)
  return p?.valueLines.get(key) ?? p?.keyLines.get(key) ?? p?.line
}

export function itemLine(seq: unknown, index: number): number | undefined {
  const p = posOf(seq)
  return p?.itemLines[index] ?? p?.line
}

/** Path of the file a mapping or sequence was parsed from. */
export function fileOf(node: unknown): string | undefined {
  return posOf(node)?.path
}

/**
 * Plain data from a YAML document whose positions are not needed (an OpenAPI description, a Spring
 * `application.yml` segment, a settings file): js-yaml's default schema, a repeated key keeping its
 * last value. Throws on invalid YAML; callers bound the size and depth of what they pass and catch.
 */
export function loadYamlData(text: string): unknown {
  return jsyaml.load(text, { json: true })
}
