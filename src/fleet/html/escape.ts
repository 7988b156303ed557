import { createHash } from 'node:crypto'
import { sanitize } from '../../report/escape.js'

/**
 * HTML escaping for the fleet pages. Text is sanitised (controls, bidi overrides, lone
 * surrogates) and entity-escaped, so it is inert in element content and in quoted attributes.
 * Data for the page's script travels as JSON inside `<script type="application/json">`, with
 * every character that could end the element or confuse an HTML parser written as a \u escape.
 */
const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function esc(text: string | number): string {
  return sanitize(String(text)).replace(/[&<>"']/g, (c) => ENTITY[c]!)
}

/** JSON safe inside a `<script>` element: `<`, `>`, `&` and the JS line separators escaped. */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** A CSP source for an inline element's exact text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

/**
 * A whole page: nothing is loaded from anywhere (default-src 'none'); the one style element and
 * the one script (when given) run because their hashes are listed, and nothing else would, even
 * if some text escaped escaping. No referrer leaves with a followed link.
 */
export function page(opts: { title: string; css: string; body: string; script?: string; data?: string }): string {
  const csp = [
    "default-src 'none'",
    `style-src ${cspHash(opts.css)}`,
    opts.script ? `script-src ${cspHash(opts.script)}` : "script-src 'none'",
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'"
  ].join('; ')
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${esc(opts.title)}</title>`,
    `<style>${opts.css}</style>`,
    '</head>',
    '<body>',
    opts.body,
    opts.data !== undefined ? `<script type="application/json" id="fleet-data">${opts.data}</script>` : '',
    opts.script ? `<script>${opts.script}</script>` : '',
    '</body>',
    '</html>',
    ''
  ].join('\n')
}
