import type { ManifestFacts } from '../manifests/types.js'
import type { SourceSet } from '../service/files.js'
import { dotnetProjects } from '../service/routes/dotnet-projects.js'
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

export function dotnetGenerators(src: SourceSet, manifests: ManifestFacts): SpecGenerator[] {
  const projects = dotnetProjects(manifests)
  const gens = new Map<Row, Hit[]>(ROWS.map((r) => [r, []]))
  const serves = new Map<Row, Hit[]>(ROWS.map((r) => [r, []]))
  // Document names by project, and anywhere (`SwaggerDoc("public", …)` is often in an extension method AddSwaggerGen calls).
  const names = new Map<string, string>()
  for (const file of src.files('dotnet')) {
    if (!file.endsWith('.cs') || !src.mentions(file, TOKENS)) continue
    const lines = src.lines(file) ?? []
    const seen = new Set<string>()
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!
      const t = l.trim()
      if (t.startsWith('//') || t.startsWith('*')) continue
      for (const row of ROWS) {
        const n = row.docName.exec(l)?.[1]
        const key = `${row.tool}\0${projects.of(file)}`
        if (n && !names.has(key)) names.set(key, n)
        if (n && !names.has(row.tool)) names.set(row.tool, n)
      }
      // An extension method named like the call (`static void AddSwaggerGen(this IServiceCollection s)`) is no call.
      if (/\bstatic\b.*\(\s*this\b/.test(l)) continue
      for (const row of ROWS) {
        for (const [tokens, into] of [[row.generate, gens], [row.serve, serves]] as const) {
          const token = tokens.find((k) => l.includes(k) && !/[\w]/.test(l[l.indexOf(k) - 1] ?? ' '))
          const once = `${row.tool}\0${into === gens ? 'g' : 's'}`
          if (!token || seen.has(once)) continue
          seen.add(once)
          const call = callText(lines, i, l.indexOf(token) + token.length - 1)
          into.get(row)!.push({ path: file, line: i + 1, text: t.slice(0, 200), call, ...guardOf(lines, i) })
        }
      }
    }
  }
  const out: SpecGenerator[] = []
  for (const row of ROWS) {
    const g = gens.get(row)!
    const s = serves.get(row)!
    // Minimal APIs' MapOpenApi stands alone; the others serve only what a generator generates.
    const sources = g.length > 0 ? g : row.tool === 'Microsoft.AspNetCore.OpenApi' ? s : []
    const byProject = new Map<string, Hit>()
    for (const h of sources) if (!byProject.has(projects.of(h.path)) && byProject.size < 50) byProject.set(projects.of(h.path), h)
    for (const [project, at] of byProject) {
      // Served by the same project, or by a shared library's extension method; a library's generator by any app.
      const serve = s.find((x) => projects.of(x.path) === project) ?? s.find((x) => !projects.isWeb(projects.of(x.path))) ?? (projects.isWeb(project) ? undefined : s[0])
      if (!serve) {
        out.push({ tool: row.tool, path: at.path, line: at.line, text: at.text, servedAt: null, note: `no ${row.serve[0]!.replace('(', '()')} call serves it` })
        continue
      }
      const template = row.override.exec(serve.call)?.[1] ?? row.servedAt
      const doc = names.get(`${row.tool}\0${project}`) ?? names.get(row.tool) ?? 'v1'
      const servedAt = '/' + template.replace(/\{documentName\}/g, doc).replace(/^\/+/, '')
      out.push({ tool: row.tool, path: at.path, line: at.line, text: at.text, servedAt, ...(serve.guard ? { note: `served conditionally: ${serve.guard}` } : {}) })
    }
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
