import { isCiHome } from '../ci/files.js'
import { excludedSegment, isTestPath, VENDORED_DIRS } from '../excluded.js'
import type { Snapshot } from '../snapshot.js'
import { MAX_SPEC_BYTES, parseSpec, sniffJsonSpec, sniffSpec, sniffYamlSpec } from './parse.js'
import type { SpecDoc } from './types.js'
import { plural } from '../../prose.js'

/**
 * Committed OpenAPI documents, recognised by content (a top-level `openapi: 3.x` or
 * `swagger: "2.0"` in the first KB, or anywhere at the top level of a spec-named JSON file whose
 * keys are sorted), never by file name alone. Vendored trees are not read;
 * fixtures, examples and test data are read but marked as not this service's spec.
 */

const VENDORED = new Set([...VENDORED_DIRS, 'dist', 'build', 'target', 'coverage', '.next'])
const NOT_OWN = new Set(['fixtures', '__fixtures__', 'testdata', 'examples', 'example', 'samples', 'third_party'])
/** JSON/YAML files that are never specs: skip the read. */
const NEVER = /(^|\/)(package(-lock)?\.json|composer\.(json|lock)|tsconfig[\w.-]*\.json|pnpm-lock\.yaml|yarn\.lock|\.eslintrc[\w.]*|\.prettierrc[\w.]*|renovate\.json|\.pre-commit-config\.yaml|docker-compose[\w.-]*\.ya?ml|compose[\w.-]*\.ya?ml|mkdocs\.ya?ml|\.gitlab-ci\.yml|openapitools\.json|\.spectral\.ya?ml|redocly\.ya?ml)$/
/** Candidate files read at most; names that look like specs go first. */
const MAX_CANDIDATES = 3000

export function findSpecs(snapshot: Snapshot, skipped: { path: string; reason: string }[]): SpecDoc[] {
  const candidates: string[] = []
  for (const path of snapshot.files()) {
    const lower = path.toLowerCase()
    if (!(lower.endsWith('.yaml') || lower.endsWith('.yml') || lower.endsWith('.json'))) continue
    if (isCiHome(path) || NEVER.test(lower) || excludedSegment(path, VENDORED) !== null) continue
    candidates.push(path)
  }
  const likely = (p: string): number => (/(openapi|swagger|oas|api|spec|schema)/i.test(p) ? 0 : 1)
  candidates.sort((a, b) => likely(a) - likely(b) || (a < b ? -1 : 1))
  if (candidates.length > MAX_CANDIDATES) skipped.push({ path: '', reason: `${plural(candidates.length - MAX_CANDIDATES, 'JSON/YAML file')} not examined for OpenAPI content (over ${MAX_CANDIDATES} candidates)` })
  const out: SpecDoc[] = []
  for (const path of candidates.slice(0, MAX_CANDIDATES)) {
    const r = snapshot.read(path)
    if (r.kind === 'too-large') {
      if (likely(path) === 0) skipped.push({ path, reason: `${r.size} bytes, over the read cap: not examined` })
      continue
    }
    if (r.kind !== 'text') continue
    // A spec-named JSON or YAML file whose head does not say: its keys may be sorted (`"openapi"` after `"components"`).
    const sorted = likely(path) === 0 && r.text.length <= MAX_SPEC_BYTES
    const sniff = sniffSpec(r.text) ?? (sorted && path.toLowerCase().endsWith('.json') ? sniffJsonSpec(r.text) : sorted && !path.toLowerCase().endsWith('.json') ? sniffYamlSpec(r.text) : undefined)
    if (!sniff) continue
    if (r.text.length > MAX_SPEC_BYTES) {
      skipped.push({ path, reason: `${r.text.length} bytes, over ${MAX_SPEC_BYTES}: not parsed` })
      continue
    }
    const parsed = parseSpec(r.text, sniff.format, sniff)
    if (parsed.problem && parsed.pathCount === null) skipped.push({ path, reason: parsed.problem })
    const seg = path.split('/').slice(0, -1).find((s) => NOT_OWN.has(s.toLowerCase()))
    const notOwn = seg ? `under ${seg}/ (fixture or example)` : isTestPath(path) ? 'test code' : null
    out.push({ path, format: sniff.format, ...parsed, notOwn })
  }
  return out
}
