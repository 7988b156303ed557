/**
 * A small, tolerant XML element reader that keeps line numbers (which an object-mapping parser
 * loses), for Maven POMs and MSBuild-style files: elements with their children and text; comments,
 * processing instructions and declarations skipped; CDATA kept as text. Attributes are not read.
 *
 * Hostile input is bounded: it stops at the first structural error (a closing tag that does not
 * match, an unterminated tag, nesting deeper than `maxDepth`) and says so in `problems`; what was
 * read before stays, and elements never closed are marked so (`closed: false`).
 */

export interface XmlElement {
  readonly name: string
  /** 1-based line of the opening tag. */
  readonly line: number
  readonly children: XmlElement[]
  /** The element's own text (between its tags, children's text excluded), untrimmed. */
  text: string
  closed: boolean
}

export interface XmlDocument {
  readonly root: XmlElement
  readonly problems: readonly { readonly line: number; readonly message: string }[]
}

export const MAX_XML_DEPTH = 64

export function parseXml(src: string, maxDepth = MAX_XML_DEPTH): XmlDocument {
  const root: XmlElement = { name: '#root', line: 1, children: [], text: '', closed: true }
  const problems: { line: number; message: string }[] = []
  const stack: XmlElement[] = [root]
  let line = 1
  let i = 0
  const advance = (to: number): void => {
    for (let k = src.indexOf('\n', i); k >= 0 && k < to; k = src.indexOf('\n', k + 1)) line++
    i = to
  }
  while (i < src.length) {
    const lt = src.indexOf('<', i)
    if (lt < 0) break
    stack[stack.length - 1]!.text += src.slice(i, lt)
    advance(lt)
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4)
      advance(end < 0 ? src.length : end + 3)
      continue
    }
    if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i)
      stack[stack.length - 1]!.text += src.slice(i + 9, end < 0 ? src.length : end)
      advance(end < 0 ? src.length : end + 3)
      continue
    }
    if (src.startsWith('<?', i) || src.startsWith('<!', i)) {
      const end = src.indexOf('>', i)
      advance(end < 0 ? src.length : end + 1)
      continue
    }
    const gt = src.indexOf('>', i)
    if (gt < 0) {
      problems.push({ line, message: 'invalid XML: unterminated tag' })
      break
    }
    const at = line
    const raw = src.slice(i + 1, gt)
    advance(gt + 1)
    if (raw.startsWith('/')) {
      const name = raw.slice(1).trim()
      const open = stack.length > 1 ? stack.pop() : undefined
      if (open?.name !== name) {
        problems.push({ line: at, message: `invalid XML: </${name}> closes <${open?.name ?? 'nothing'}>` })
        break
      }
      open.closed = true
      continue
    }
    const selfClosing = raw.endsWith('/')
    const name = raw.replace(/\/$/, '').trim().split(/\s+/)[0] ?? ''
    const element: XmlElement = { name, line: at, children: [], text: '', closed: selfClosing }
    stack[stack.length - 1]!.children.push(element)
    if (selfClosing) continue
    if (stack.length > maxDepth) {
      problems.push({ line: at, message: `XML nested deeper than ${maxDepth}; rest ignored` })
      break
    }
    stack.push(element)
  }
  if (problems.length === 0 && stack.length > 1) problems.push({ line, message: `invalid XML: <${stack[stack.length - 1]!.name}> is never closed` })
  return { root, problems }
}

/** The first child element with this name. */
export function child(n: XmlElement | undefined, name: string): XmlElement | undefined {
  return n?.children.find((c) => c.name === name)
}

/** Every child element with this name. */
export function children(n: XmlElement | undefined, name: string): XmlElement[] {
  return n?.children.filter((c) => c.name === name) ?? []
}

/** An element's own text, trimmed ('' when absent). */
export function textOf(n: XmlElement | undefined): string {
  return n?.text.trim() ?? ''
}
