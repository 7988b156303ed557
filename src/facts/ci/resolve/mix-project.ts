import { dirname } from '../../paths.js'

/**
 * What the mix resolver needs from a `mix.exs` (Elixir code, never evaluated): its aliases, read
 * as a keyword list of task strings and function captures, the bodies of the captured functions
 * (the `Mix.Task.run/2` and `Mix.shell().cmd/1` calls they make), whether the compiler is told to
 * fail on warnings, where an umbrella keeps its apps, and which dependencies it declares.
 *
 * The reader is a bounded tokenizer of Elixir literals (strings with escapes and interpolation,
 * charlists, sigils, comments, brackets): a malformed file yields fewer aliases, never a hang.
 */

/** One step of an alias: a task command line (`credo --strict`, `cmd mkdir -p x`) or a captured function. */
export interface MixAliasStep {
  readonly text: string
  readonly line: number
  /** The step is `&name/1`: `text` is the function's name. */
  readonly fn?: true
}

export interface MixAlias {
  readonly line: number
  readonly steps: readonly MixAliasStep[]
}

export interface MixProject {
  readonly path: string
  readonly dir: string
  readonly text: string
  /** The text's lines, split once (captured functions are looked up in them). */
  readonly lines: readonly string[]
  readonly aliases: ReadonlyMap<string, MixAlias>
  /** `apps_path: "apps"` of an umbrella project. */
  readonly appsPath?: string
  /** 1-based line of `warnings_as_errors: true` (in `elixirc_options`), when set. */
  readonly warningsAsErrors?: number
  /** Dependency names (`{:credo, …}`), for tools enabled by being installed (ex_check). */
  readonly deps: ReadonlySet<string>
}

/** Bytes of a mix.exs read at most; tokens and list items parsed at most. */
const MAX_TEXT = 256 * 1024
const MAX_TOKENS = 20_000
const MAX_ALIASES = 400

type Token =
  | { readonly k: 'open' | 'close'; readonly c: string; readonly line: number }
  | { readonly k: 'comma'; readonly line: number }
  | { readonly k: 'str'; readonly v: string; readonly line: number }
  | { readonly k: 'key'; readonly v: string; readonly line: number }
  | { readonly k: 'capture'; readonly v: string; readonly line: number }
  | { readonly k: 'word'; readonly v: string; readonly line: number }

const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '<': '>', '|': '|', '/': '/', '"': '"', "'": "'" }

/** Reads a quoted string starting at `at` (the quote); returns its text (escapes kept as written, interpolation kept) and the index after it. */
function readQuoted(s: string, at: number, close: string): { value: string; end: number } {
  let i = at + 1
  let out = ''
  let interp = 0
  while (i < s.length) {
    const ch = s[i]!
    if (ch === '\\') {
      out += s[i + 1] ?? ''
      i += 2
      continue
    }
    if (interp === 0 && ch === '#' && s[i + 1] === '{') {
      interp = 1
      out += '#{'
      i += 2
      continue
    }
    if (interp > 0) {
      if (ch === '{') interp++
      else if (ch === '}') interp--
      out += ch
      i++
      continue
    }
    if (ch === close) return { value: out, end: i + 1 }
    out += ch
    i++
  }
  return { value: out, end: i }
}

/** Tokens of `s` from `from`, stopping when the bracket opened at `from` closes. */
export function tokenize(s: string, from: number): Token[] {
  const out: Token[] = []
  let line = 1
  for (let k = s.indexOf('\n'); k >= 0 && k < from; k = s.indexOf('\n', k + 1)) line++
  let depth = 0
  let i = from
  const lineAt = (to: number): void => {
    for (let k = i; k < to; k++) if (s[k] === '\n') line++
  }
  while (i < s.length && out.length < MAX_TOKENS) {
    const ch = s[i]!
    if (ch === '\n') {
      line++
      i++
      continue
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++
      continue
    }
    if (ch === '#') {
      const nl = s.indexOf('\n', i)
      i = nl < 0 ? s.length : nl
      continue
    }
    if (ch === '"' || ch === "'") {
      if (s.startsWith(ch.repeat(3), i)) {
        const endAt = s.indexOf(ch.repeat(3), i + 3)
        const stop = endAt < 0 ? s.length : endAt + 3
        lineAt(stop)
        i = stop
        out.push({ k: 'word', v: 'heredoc', line })
        continue
      }
      const q = readQuoted(s, i, ch)
      const startLine = line
      lineAt(q.end)
      i = q.end
      if (s[i] === ':' && /\s/.test(s[i + 1] ?? ' ')) {
        out.push({ k: 'key', v: q.value, line: startLine })
        i++
      } else out.push({ k: 'str', v: q.value, line: startLine })
      continue
    }
    if (ch === '~' && /[a-zA-Z]/.test(s[i + 1] ?? '')) {
      const letter = s[i + 1]!
      const open = s[i + 2] ?? ''
      const close = CLOSERS[open]
      if (close === undefined) {
        i += 2
        continue
      }
      const q = readQuoted(s, i + 2, close)
      const startLine = line
      lineAt(q.end)
      i = q.end
      while (/[a-z]/.test(s[i] ?? '')) i++
      // `~w(a b)` is a list of words; any other sigil is one string.
      const words = letter === 'w' || letter === 'W' ? q.value.trim().split(/\s+/) : [q.value]
      for (const w of words) if (w !== '') out.push({ k: 'str', v: w, line: startLine })
      continue
    }
    if (ch === '[' || ch === '(' || ch === '{') {
      depth++
      out.push({ k: 'open', c: ch, line })
      i++
      continue
    }
    if (ch === ']' || ch === ')' || ch === '}') {
      depth--
      out.push({ k: 'close', c: ch, line })
      i++
      if (depth <= 0) break
      continue
    }
    if (ch === ',') {
      out.push({ k: 'comma', line })
      i++
      continue
    }
    if (ch === '&') {
      const m = /^&\s*((?:[A-Z][\w.]*\.)?[a-z_][\w?!]*)\s*\/\s*\d/.exec(s.slice(i, i + 120))
      if (m) {
        out.push({ k: 'capture', v: m[1]!, line })
        i += m[0].length
        continue
      }
    }
    const m = /^[^\s,[\](){}"'#]+/.exec(s.slice(i, i + 200))
    const word = m ? m[0] : ch
    if (/^[a-z_][\w?!]*:$/.test(word) && /\s/.test(s[i + word.length] ?? ' ')) out.push({ k: 'key', v: word.slice(0, -1), line })
    else out.push({ k: 'word', v: word, line })
    i += word.length
  }
  return out
}

/** The items of the list whose `[` token is at `at`: each item's tokens, split on top-level commas. */
function listItems(tokens: readonly Token[], at: number): Token[][] {
  const items: Token[][] = []
  let cur: Token[] = []
  let depth = 0
  for (let i = at; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.k === 'open') {
      depth++
      if (depth === 1) continue
    } else if (t.k === 'close') {
      depth--
      if (depth === 0) break
    } else if (t.k === 'comma' && depth === 1) {
      items.push(cur)
      cur = []
      continue
    }
    cur.push(t)
  }
  if (cur.length > 0) items.push(cur)
  return items
}

function stepsOf(value: readonly Token[]): MixAliasStep[] {
  const steps: MixAliasStep[] = []
  for (const t of value) {
    if (t.k === 'str') steps.push({ text: t.v.trim(), line: t.line })
    else if (t.k === 'capture' && !t.v.includes('.')) steps.push({ text: t.v, line: t.line, fn: true })
  }
  return steps
}

/** Where the aliases keyword list opens: `defp aliases do [` / `defp aliases, do: [`, else `aliases: [` in the project. */
function aliasesStart(text: string): number {
  const def = /^[ \t]*defp?[ \t]+aliases\b[^\n]*/m.exec(text)
  if (def) {
    const open = text.indexOf('[', def.index)
    if (open >= 0 && open - def.index < 400) return open
  }
  const inline = /\baliases:\s*\[/.exec(text)
  return inline ? inline.index + inline[0].length - 1 : -1
}

function parseAliases(text: string): Map<string, MixAlias> {
  const out = new Map<string, MixAlias>()
  const start = aliasesStart(text)
  if (start < 0) return out
  const tokens = tokenize(text, start)
  for (const item of listItems(tokens, 0).slice(0, MAX_ALIASES)) {
    const key = item[0]
    if (!key || key.k !== 'key' || out.has(key.v)) continue
    out.set(key.v, { line: key.line, steps: stepsOf(item.slice(1)) })
  }
  return out
}

/** `{:name, …}` dependency names anywhere in the file (comment lines left out). */
function depNames(lines: readonly string[]): Set<string> {
  const out = new Set<string>()
  for (const l of lines) {
    if (l.trimStart().startsWith('#')) continue
    for (const m of l.matchAll(/\{\s*:([a-z_][a-z0-9_]*)\s*,/g)) out.add(m[1]!)
  }
  return out
}

function lineOfMatch(lines: readonly string[], re: RegExp): number | undefined {
  for (let i = 0; i < lines.length; i++) if (!lines[i]!.trimStart().startsWith('#') && re.test(lines[i]!)) return i + 1
  return undefined
}

export function parseMixProject(path: string, raw: string): MixProject {
  const text = raw.length > MAX_TEXT ? raw.slice(0, MAX_TEXT) : raw
  const lines = text.split('\n')
  const apps = /apps_path:\s*"([^"\n]{1,100})"/.exec(text)?.[1]
  const wae = lineOfMatch(lines, /\bwarnings_as_errors:\s*true\b/)
  return {
    path,
    dir: dirname(path),
    text,
    lines,
    aliases: parseAliases(text),
    ...(apps !== undefined ? { appsPath: apps } : {}),
    ...(wae !== undefined ? { warningsAsErrors: wae } : {}),
    deps: depNames(lines)
  }
}

/**
 * The steps a function of `lines` runs (a captured function of mix.exs, a custom task's `run/1`):
 * `Mix.Task.run("task", ["arg"])`, `Mix.Task.rerun(…)`,
 * `Mix.shell().cmd("…")` (a shell command, as `cmd …`), `System.cmd("mix", ["task", …])`. The
 * body is the `def`/`defp` of that name up to its matching `end` (or its `do:` line).
 */
export function functionSteps(lines: readonly string[], name: string): MixAliasStep[] {
  const head = new RegExp(`^\\s*defp?\\s+${name.replace(/[?!]/g, '\\$&')}\\b`)
  const at = lines.findIndex((l) => head.test(l))
  if (at < 0) return []
  let end = at + 1
  if (!/,\s*do:/.test(lines[at]!)) {
    let depth = 0
    for (let i = at; i < lines.length && i < at + 200; i++) {
      const t = lines[i]!.replace(/#.*$/, '').trim()
      if (/\b(do|fn)\s*$/.test(t) || /\bfn\b.*->\s*$/.test(t)) depth++
      if (/^end\b/.test(t)) depth--
      end = i + 1
      if (depth <= 0 && i > at) break
    }
  }
  const steps: MixAliasStep[] = []
  for (let i = at; i < end; i++) {
    const l = lines[i]!
    if (l.trimStart().startsWith('#')) continue
    for (const m of l.matchAll(/Mix\.Task\.(?:re)?run\(\s*"([^"]{1,100})"\s*(?:,\s*\[([^\]]{0,300})\])?/g)) {
      const args = [...(m[2] ?? '').matchAll(/"([^"]*)"/g)].map((a) => a[1]!)
      steps.push({ text: [m[1]!, ...args].join(' '), line: i + 1 })
    }
    for (const m of l.matchAll(/Mix\.shell\(\)\.cmd\(\s*"([^"]{1,300})"/g)) steps.push({ text: `cmd ${m[1]!}`, line: i + 1 })
    for (const m of l.matchAll(/System\.cmd\(\s*"mix"\s*,\s*\[([^\]]{0,300})\]/g)) {
      const args = [...m[1]!.matchAll(/"([^"]*)"/g)].map((a) => a[1]!)
      if (args.length > 0) steps.push({ text: args.join(' '), line: i + 1 })
    }
  }
  return steps
}

/** The module of a mix task: `crap.ci` → `Mix.Tasks.Crap.Ci`, `ecto.gen_repo` → `Mix.Tasks.Ecto.GenRepo`. */
export function taskModule(task: string): string {
  return ['Mix', 'Tasks', ...task.split('.').map((seg) => seg.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''))].join('.')
}

/** ex_check's curated tools: the command, and what enables it (a dependency or a file of the project). */
export const EX_CHECK_TOOLS: readonly { readonly name: string; readonly command: string; readonly dep?: string; readonly file?: string; readonly cd?: string }[] = [
  { name: 'compiler', command: 'mix compile --warnings-as-errors --force' },
  { name: 'unused_deps', command: 'mix deps.unlock --check-unused' },
  { name: 'formatter', command: 'mix format --check-formatted', file: '.formatter.exs' },
  { name: 'mix_audit', command: 'mix deps.audit', dep: 'mix_audit' },
  { name: 'credo', command: 'mix credo', dep: 'credo' },
  { name: 'doctor', command: 'mix doctor', dep: 'doctor' },
  { name: 'sobelow', command: 'mix sobelow --exit', dep: 'sobelow' },
  { name: 'ex_doc', command: 'mix docs', dep: 'ex_doc' },
  { name: 'ex_unit', command: 'mix test', file: 'test' },
  { name: 'dialyzer', command: 'mix dialyzer', dep: 'dialyxir' },
  { name: 'gettext', command: 'mix gettext.extract --check-up-to-date', dep: 'gettext' },
  { name: 'npm_test', command: 'npm test', file: 'assets/package.json', cd: 'assets' }
]

/** `.check.exs` tool entries: `{:name, false}` disables, `{:name, "cmd"}` / `{:name, command: "cmd"}` sets the command, `enabled: false` disables. */
export function parseCheckExs(text: string): Map<string, { command?: string; enabled: boolean; line: number }> {
  const out = new Map<string, { command?: string; enabled: boolean; line: number }>()
  const lines = text.slice(0, MAX_TEXT).split('\n')
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    if (l.trimStart().startsWith('#')) continue
    for (const m of l.matchAll(/\{\s*:([a-z_][a-z0-9_]*)\s*,\s*(false|"([^"]{1,300})"|command:\s*"([^"]{1,300})"|enabled:\s*false)?/g)) {
      const command = m[3] ?? m[4]
      const enabled = m[2] !== 'false' && !(m[2] ?? '').startsWith('enabled')
      out.set(m[1]!, { ...(command !== undefined ? { command } : {}), enabled, line: i + 1 })
    }
  }
  return out
}
