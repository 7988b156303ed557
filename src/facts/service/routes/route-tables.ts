import { callText } from '../text.js'

/**
 * Route tables mounted in a loop, a common Express layout:
 *
 *   const defaultRoutes = [{ path: '/auth', route: authRoute }, { path: '/users', route: userRoute }]
 *   defaultRoutes.forEach((route) => { router.use(route.path, route.route) })
 *
 * (also `for (const r of table)` and a destructured `({ path, route }) =>`). Each entry becomes a
 * mount with a literal prefix, resolved exactly like `router.use('/auth', authRoute)`. Only string
 * literals and plain identifiers are taken from the table; anything else is left out, never guessed.
 */
export interface TableMount {
  readonly receiver: string
  readonly prefix: string
  readonly child: string
  readonly line: number
}

interface Entry {
  readonly fields: ReadonlyMap<string, string>
  readonly line: number
}

const TABLE = /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]{0,80})\s*(?::[^=]{1,60})?=\s*\[/
const OBJECT = /\{([^{}]{0,400})\}/g
const FIELD = /([A-Za-z_$][\w$]{0,40})\s*:\s*('[^'\n]{0,200}'|"[^"\n]{0,200}"|`[^`$\n]{0,200}`|[A-Za-z_$][\w$.]{0,80})/g
const FOR_EACH = /\b([A-Za-z_$][\w$]{0,80})\.forEach\( ?(?:async )?(?:\( ?\{ ?([A-Za-z_$][\w$]{0,40}), ?([A-Za-z_$][\w$]{0,40}) ?\} ?\)|(?:\( ?)?([A-Za-z_$][\w$]{0,40})(?: ?\))? ?=>|function ?\( ?([A-Za-z_$][\w$]{0,40}))/
const FOR_OF = /\bfor ?\( ?(?:const|let|var) (?:\{ ?([A-Za-z_$][\w$]{0,40}), ?([A-Za-z_$][\w$]{0,40}) ?\}|([A-Za-z_$][\w$]{0,40})) of ([A-Za-z_$][\w$]{0,80}) ?\)/
/** Lines of a loop body searched for the mounting call, and the most of it read. */
const BODY_LINES = 12
const BODY_CHARS = 2000
/** Table and loop heads are short lines: longer ones are not tried (keeps every pattern cheap). */
const HEAD_CHARS = 300

function unquote(v: string): string | undefined {
  const q = v[0]
  return q === "'" || q === '"' || q === '`' ? v.slice(1, -1) : undefined
}

function tables(lines: readonly string[]): Map<string, Entry[]> {
  const out = new Map<string, Entry[]>()
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i]!.length <= HEAD_CHARS ? TABLE.exec(lines[i]!) : null
    if (!m) continue
    const text = callText(lines, i, lines[i]!.indexOf('[', m[0].length - 1))
    const entries: Entry[] = []
    for (const o of text.matchAll(OBJECT)) {
      const fields = new Map<string, string>()
      for (const f of o[1]!.matchAll(FIELD)) fields.set(f[1]!, f[2]!)
      if (fields.size === 0) continue
      const first = [...fields.values()][0]!
      let line = i
      for (let k = i; k < lines.length && k < i + 200; k++) {
        if (lines[k]!.includes(first)) {
          line = k
          break
        }
      }
      entries.push({ fields, line: line + 1 })
    }
    if (entries.length > 0) out.set(m[1]!, entries)
  }
  return out
}

/** Mounts made by looping over route tables in one file, for receivers the extractor knows (callers pass files that loop). */
export function tableMounts(lines: readonly string[], isReceiver: (name: string) => boolean): TableMount[] {
  const byName = tables(lines)
  if (byName.size === 0) return []
  const out: TableMount[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.length > HEAD_CHARS) continue
    const each = FOR_EACH.exec(line)
    const loop = each ? undefined : FOR_OF.exec(line)
    const table = each?.[1] ?? loop?.[4]
    const entries = table ? byName.get(table) : undefined
    if (!entries) continue
    const pair = each ? (each[2] ? [each[2], each[3]] : undefined) : loop![1] ? [loop![1], loop![2]] : undefined
    const param = each ? (each[4] ?? each[5]) : loop![3]
    const body = lines.slice(i, i + BODY_LINES).join(' ').slice(0, BODY_CHARS)
    const arg = param ? `${param.replace(/\$/g, '\\$')}\\.([A-Za-z_$][\\w$]*)` : '([A-Za-z_$][\\w$]*)'
    const use = new RegExp(`\\b([A-Za-z_$][\\w$]*)\\.use\\(\\s*${arg}\\s*,\\s*${arg}\\s*\\)`).exec(body)
    if (!use || !isReceiver(use[1]!)) continue
    // Destructured loops name the fields by their own variables (`({ path, route }) => router.use(path, route)`).
    const [pathKey, childKey] = pair ? [use[2], use[3]].map((v) => (pair.includes(v!) ? v : undefined)) : [use[2], use[3]]
    if (!pathKey || !childKey) continue
    for (const e of entries) {
      const prefix = unquote(e.fields.get(pathKey) ?? '')
      const child = e.fields.get(childKey)
      if (prefix === undefined || !child || unquote(child) !== undefined) continue
      out.push({ receiver: use[1]!, prefix, child, line: e.line })
    }
  }
  return out
}
