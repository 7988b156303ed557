/**
 * Code versus data on one line of source: a token inside a string literal is data (a catalogue's
 * token list, a linter's rule table, a message), never a use of what it names. Line-local and
 * linear; a string that spans lines (a docstring) is not followed.
 */

/**
 * Whether `token` occurs in `line` outside string literals. A token inside quotes is data — a
 * catalogue's token list, a linter's rule table, a message — never a use of what it names.
 */
export function inCode(line: string, token: string): boolean {
  for (let at = line.indexOf(token); at >= 0; at = line.indexOf(token, at + 1)) if (!insideString(line, at)) return true
  return false
}

/** Whether position `at` lies inside a '…', "…" or `…` literal that opens earlier on the line (backslash escapes honoured). */
function insideString(line: string, at: number): boolean {
  let quote: string | null = null
  for (let i = 0; i < at; i++) {
    const c = line[i]!
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = null
    } else if (c === '"' || c === "'" || c === '`') {
      // An apostrophe inside a word (Ruby `it's`, Go runes aside) opens nothing.
      if (c === "'" && /\w/.test(line[i - 1] ?? '') && /\w/.test(line[i + 1] ?? '')) continue
      quote = c
    }
  }
  return quote !== null
}
