import type { SourceSet } from '../service/files.js'
import { callText } from '../service/text.js'
import type { SpecGenerator } from './types.js'

/**
 * ASP.NET Core OpenAPI generation, and where the app serves the document:
 * - Swashbuckle: `AddSwaggerGen` generates; `UseSwagger()` serves `/swagger/{documentName}/swagger.json`,
 *   or its `RouteTemplate`; the document name comes from the first `SwaggerDoc("name", …)` (`v1`).
 * - NSwag: `AddOpenApiDocument`/`AddSwaggerDocument` generate; `UseOpenApi()` serves
 *   `/swagger/{documentName}/swagger.json`, or its `Path`; `DocumentName = "x"` names it.
 * - Microsoft.AspNetCore.OpenApi (.NET 9+): `AddOpenApi("name")` generates; `MapOpenApi()` serves
 *   `/openapi/{documentName}.json`, or its pattern argument.
 * - FastEndpoints.Swagger: `SwaggerDocument(…)` generates; `UseSwaggerGen()` serves the NSwag default.
 * Trap: the project templates serve the document only `if (app.Environment.IsDevelopment())`; the
 * generator is still reported as served, with that condition as its note (as for NestJS).
 */

interface Row {
  readonly tool: string
  readonly generate: readonly string[]
  readonly serve: readonly string[]
  /** Default route, `{documentName}` filled in. */
  readonly servedAt: string
  /** How the serving call overrides the route (a property set in its options, or its first argument). */
  readonly override: RegExp
  /** How a generating call names the document. */
  readonly docName: RegExp
}

const ROWS: readonly Row[] = [
  { tool: 'Swashbuckle', generate: ['AddSwaggerGen('], serve: ['UseSwagger('], servedAt: '/swagger/{documentName}/swagger.json', override: /RouteTemplate\s*=\s*@?"([^"]{0,200})"/, docName: /SwaggerDoc\(\s*"([^"]{1,100})"/ },
  { tool: 'NSwag', generate: ['AddOpenApiDocument(', 'AddSwaggerDocument('], serve: ['UseOpenApi('], servedAt: '/swagger/{documentName}/swagger.json', override: /\bPath\s*=\s*@?"([^"]{0,200})"/, docName: /DocumentName\s*=\s*"([^"]{1,100})"/ },
  { tool: 'Microsoft.AspNetCore.OpenApi', generate: ['AddOpenApi('], serve: ['MapOpenApi('], servedAt: '/openapi/{documentName}.json', override: /^\(\s*(?:pattern\s*:\s*)?@?"([^"]{0,200})"/, docName: /AddOpenApi\(\s*"([^"]{1,100})"/ },
  { tool: 'FastEndpoints.Swagger', generate: ['SwaggerDocument('], serve: ['UseSwaggerGen('], servedAt: '/swagger/{documentName}/swagger.json', override: /\bPath\s*=\s*@?"([^"]{0,200})"/, docName: /DocumentName\s*=\s*"([^"]{1,100})"/ }
]

const TOKENS: readonly string[] = [...new Set(ROWS.flatMap((r) => [...r.generate, ...r.serve]))]
/** A condition guarding the serving call: development only, or a setting. */
const GUARD = /\bif\s*\((.{0,160})\)/

interface Hit {
  readonly path: string
  readonly line: number
  readonly text: string
  readonly call: string
  readonly guard?: string
}

export function dotnetGenerators(src: SourceSet): SpecGenerator[] {
  const gen = new Map<Row, Hit>()
  const serve = new Map<Row, Hit>()
  const names = new Map<Row, string>()
  // Document names anywhere (`SwaggerDoc("public", …)` is often in the extension method AddSwaggerGen calls).
  const anyName = new Map<Row, string>()
  for (const file of src.files('dotnet')) {
    if (!file.endsWith('.cs') || !src.mentions(file, TOKENS)) continue
    const lines = src.lines(file) ?? []
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!
      const t = l.trim()
      if (t.startsWith('//') || t.startsWith('*')) continue
      for (const row of ROWS) {
        if (!anyName.has(row)) {
          const n = row.docName.exec(l)?.[1]
          if (n) anyName.set(row, n)
        }
      }
      // An extension method named like the call (`static void AddSwaggerGen(this IServiceCollection s)`) is no call.
      if (/\bstatic\b.*\(\s*this\b/.test(l)) continue
      for (const row of ROWS) {
        for (const [tokens, into] of [[row.generate, gen], [row.serve, serve]] as const) {
          const token = tokens.find((k) => l.includes(k) && !/[\w]/.test(l[l.indexOf(k) - 1] ?? ' '))
          if (!token || into.has(row)) continue
          const col = l.indexOf(token) + token.length - 1
          const call = callText(lines, i, col)
          into.set(row, { path: file, line: i + 1, text: t.slice(0, 200), call, ...guardOf(lines, i) })
          if (into === gen) {
            const name = row.docName.exec(call)?.[1] ?? (row.tool === 'Swashbuckle' ? docNameNear(lines, i, row.docName) : undefined)
            if (name && !names.has(row)) names.set(row, name)
          }
        }
      }
    }
  }
  const out: SpecGenerator[] = []
  for (const row of ROWS) {
    const g = gen.get(row)
    const s = serve.get(row)
    // Minimal APIs' MapOpenApi and UseOpenApi also stand alone; NSwag's UseOpenApi needs its generator.
    const at = g ?? (row.tool === 'Microsoft.AspNetCore.OpenApi' ? s : undefined)
    if (!at) continue
    if (!s) {
      out.push({ tool: row.tool, path: at.path, line: at.line, text: at.text, servedAt: null, note: `no ${row.serve[0]!.replace('(', '()')} call serves it` })
      continue
    }
    const template = row.override.exec(s.call)?.[1] ?? row.servedAt
    const servedAt = '/' + template.replace(/\{documentName\}/g, names.get(row) ?? anyName.get(row) ?? 'v1').replace(/^\/+/, '')
    out.push({ tool: row.tool, path: at.path, line: at.line, text: at.text, servedAt, ...(s.guard ? { note: `served conditionally: ${s.guard}` } : {}) })
  }
  return out
}

/** The `if (…)` just above a call (within a few lines, before any closing brace), as its condition. */
function guardOf(lines: readonly string[], i: number): { guard?: string } {
  for (let k = i; k >= 0 && k >= i - 6; k--) {
    const l = lines[k]!
    if (k < i && /^\s*}/.test(l)) return {}
    const m = GUARD.exec(l)
    if (m) return { guard: `if (${m[1]!.trim()})` }
  }
  return {}
}

/** `SwaggerDoc("name", …)` written a few lines after `AddSwaggerGen(c => {`. */
function docNameNear(lines: readonly string[], i: number, re: RegExp): string | undefined {
  for (let k = i; k < lines.length && k < i + 40; k++) {
    const m = re.exec(lines[k]!)
    if (m) return m[1]
  }
  return undefined
}
