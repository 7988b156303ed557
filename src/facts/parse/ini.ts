/**
 * INI files as Python's configparser reads them (`tox.ini`, `setup.cfg`, the `legacy_tox_ini`
 * string in pyproject): `[section]` headers, `key = value` or `key: value`, and values continued on
 * indented lines. Full-line comments (`#`, `;`) and blank lines are skipped without ending a
 * multi-line value, as configparser's defaults do. A section that appears twice is merged, a key
 * given twice keeps the last value. Nothing here interpolates (`{[testenv]deps}` stays as written).
 */

/** One line of a value: its text, trimmed, and its 1-based line in the file. */
export interface IniLine {
  readonly text: string
  readonly line: number
}

/** Section name → key → the value's lines (the text after `=`, when not empty, then each continuation line). */
export type IniSections = Map<string, Map<string, IniLine[]>>

const HEADER = /^\[([^\]]+)\]\s*$/
const KEY_VALUE = /^([A-Za-z0-9_.-]+)\s*[=:]\s*(.*)$/

/** Parses INI text; `lineOffset` shifts line numbers when the text is embedded in another file. */
export function parseIni(text: string, lineOffset = 0): IniSections {
  const sections: IniSections = new Map()
  let section: Map<string, IniLine[]> | undefined
  let value: IniLine[] | undefined
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '')
    const header = HEADER.exec(raw)
    if (header) {
      const name = header[1]!.trim()
      section = sections.get(name) ?? new Map<string, IniLine[]>()
      sections.set(name, section)
      value = undefined
      continue
    }
    if (raw.trim() === '' || /^\s*[#;]/.test(raw)) continue
    if (/^\s/.test(raw)) {
      if (value) value.push({ text: raw.trim(), line: i + 1 + lineOffset })
      continue
    }
    const kv = KEY_VALUE.exec(raw)
    value = undefined
    if (kv && section) {
      value = []
      if (kv[2]!.trim() !== '') value.push({ text: kv[2]!.trim(), line: i + 1 + lineOffset })
      section.set(kv[1]!, value)
    }
  }
  return sections
}
