import { basename } from '../../paths.js'
import type { CiJob, CiStep } from '../types.js'
import { link, triggers, type ParseContext } from './common.js'

/**
 * Jenkinsfiles, read line by line (no Groovy parser): `sh '…'`, `sh "…"`, `sh '''…'''`,
 * `sh """…"""`, `sh(script: '…')` and `bat` steps become run steps, named after the enclosing
 * `stage('…')`. Multibranch pipelines build branches and PRs, so the job runs on push and PR.
 * A few Jenkins steps that stand for tools (`withSonarQubeEnv`, `recordIssues`, `junit`) become
 * `uses` steps named `jenkins:<step>`.
 */

const MAX_SCRIPT_LINES = 500

/** Jenkins pipeline steps recorded as actions (lower-cased names, matched at a statement start). */
const JENKINS_STEPS = ['withSonarQubeEnv', 'waitForQualityGate', 'recordIssues', 'junit', 'dependencyCheck', 'publishCoverage', 'recordCoverage']

const SH = /^(?:sh|bat)\b\s*\(?\s*(?:script\s*:\s*)?('''|"""|'|")/
const STAGE = /^stage\s*\(\s*['"]([^'"]{1,120})['"]/
const STEP_CALL = /^([A-Za-z]{1,40})\b/
const BLOCK_OPENER = /^[A-Za-z]{1,40} ?(?:\([^()]{0,200}\))? ?\{ */

export function parseJenkinsfile(ctx: ParseContext, path: string): CiJob[] {
  const text = ctx.snapshot.text(path)
  if (text === undefined) {
    ctx.problems.push({ path, message: `${path} could not be read` })
    return []
  }
  const lines = text.split('\n')
  const steps: CiStep[] = []
  let stage: string | undefined
  let inComment = false
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i]!.trim()
    if (inComment) {
      const end = l.indexOf('*/')
      if (end < 0) continue
      inComment = false
      l = l.slice(end + 2).trim()
    }
    if (l.startsWith('//')) continue
    if (l.startsWith('/*')) {
      if (!l.includes('*/')) inComment = true
      continue
    }
    const st = STAGE.exec(l)
    if (st) stage = st[1]
    const call = STEP_CALL.exec(l)?.[1]
    const known = call === undefined ? undefined : JENKINS_STEPS.find((s) => s === call)
    if (known !== undefined) {
      steps.push({ loc: link(path, i + 1, l), ...(stage !== undefined ? { name: stage } : {}), uses: { raw: known, name: `jenkins:${known.toLowerCase()}`, with: {}, local: false }, canFail: false, disabled: null, via: [] })
    }
    // `steps { sh '…' }`, `stage('x') { … }`: look past block openers on the same line.
    let stmt = l
    for (let n = 0; n < 5; n++) {
      const opener = BLOCK_OPENER.exec(stmt)
      if (!opener) break
      stmt = stmt.slice(opener[0].length)
    }
    const sh = SH.exec(stmt)
    if (sh) {
      const quote = sh[1]!
      const rest = stmt.slice(sh[0].length)
      const found = quote.length === 3 ? tripleQuoted(lines, i, rest, quote) : { text: singleQuoted(rest, quote), line: i + 1, next: i }
      if (found.text !== undefined) {
        steps.push({ loc: link(path, i + 1, stage ?? found.text), ...(stage !== undefined ? { name: stage } : {}), run: found.text, runLine: found.line, canFail: false, disabled: null, via: [] })
      }
      i = found.next
    }
  }
  return [
    {
      system: 'jenkins',
      file: path,
      line: 1,
      id: path,
      name: basename(path),
      triggers: triggers({ pullRequest: true, push: true }, ['push', 'pull_request']),
      disabled: null,
      canFail: false,
      steps,
      images: [],
      services: [],
      via: []
    }
  ]
}

/** The text up to the closing quote on the same line (backslash escapes skipped), or undefined. */
function singleQuoted(rest: string, quote: string): string | undefined {
  let out = ''
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!
    if (c === '\\' && i + 1 < rest.length) {
      out += rest[++i]
      continue
    }
    if (c === quote) return out
    out += c
  }
  return undefined
}

/** A `'''…'''` / `"""…"""` block starting on line `start`; `line` is where its text begins. */
function tripleQuoted(lines: readonly string[], start: number, rest: string, quote: string): { text: string | undefined; line: number; next: number } {
  const close = rest.indexOf(quote)
  if (close >= 0) return { text: rest.slice(0, close), line: start + 1, next: start }
  const body: string[] = rest.trim() === '' ? [] : [rest]
  const firstLine = rest.trim() === '' ? start + 2 : start + 1
  for (let j = start + 1; j < lines.length && j - start <= MAX_SCRIPT_LINES; j++) {
    const l = lines[j]!
    const end = l.indexOf(quote)
    if (end >= 0) {
      if (l.slice(0, end).trim() !== '') body.push(l.slice(0, end))
      return { text: dedent(body), line: firstLine, next: j }
    }
    body.push(l)
  }
  return { text: undefined, line: start + 1, next: start }
}

function dedent(lines: readonly string[]): string {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length)
  const n = indents.length === 0 ? 0 : Math.min(...indents)
  return lines.map((l) => l.slice(n)).join('\n')
}
