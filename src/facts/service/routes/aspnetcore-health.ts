import { memoKey } from '../../run-memo.js'
import { ASPNET_CUSTOM_CHECK_CALLS, ASPNET_HEALTH_CHECKS, DEPENDENCY_TOKENS, DEPENDENCY_TYPE_NAME, DOTNET_CHECK_TOUCHES } from '../../catalog/health.js'
import type { ExtractContext } from './context.js'
import { assignment, chains, lineAt, maskCSharp, segments, type CsText } from './csharp-text.js'

const MASKED = memoKey<CsText>('aspnetcore:masked')

/**
 * What ASP.NET Core health checks check: the checks registered on `AddHealthChecks()` and by .NET
 * Aspire client integrations. The registration methods, their packages and traps are data in the
 * health catalogue (catalog/health-platforms.ts, ASPNET_HEALTH_CHECKS); this follows the call
 * chains, and reads custom `IHealthCheck` classes' `CheckHealthAsync` for a dependency touch.
 */

/** A C# file's masked text, once per route scan (shared by the route and health-check readers). */
export function maskedSource(ctx: ExtractContext, file: string): CsText | undefined {
  const lines = ctx.src.lines(file)
  if (!lines) return undefined
  return ctx.memo.get(MASKED, file, () => maskCSharp(lines.join('\n')))
}

const BY_METHOD = new Map(ASPNET_HEALTH_CHECKS.map((r) => [r.method, r]))
const MENTIONS = ['HealthCheck', ...ASPNET_HEALTH_CHECKS.filter((r) => r.aspire).map((r) => r.method)]

export interface HealthRegistration {
  /** `AddSqlServer (SQL Server)`, `AddCheck<MongoHealthCheck>`. */
  readonly name: string
  readonly file: string
  readonly line: number
  /** It reaches a dependency (a database, a cache, another service). */
  readonly dependency: boolean
}

/** Every health check registered in the service's C# files. */
export function healthRegistrations(ctx: ExtractContext, files: readonly string[]): HealthRegistration[] {
  const candidates = files.filter((f) => ctx.src.mentions(f, MENTIONS))
  if (candidates.length === 0) return []
  const deps = new Set(ctx.manifests.manifests.flatMap((m) => m.dependencies).filter((d) => d.ecosystem === 'dotnet').map((d) => d.name.toLowerCase()))
  const out: HealthRegistration[] = []
  const custom: { type: string; file: string; line: number }[] = []
  for (const file of candidates) {
    const t = maskedSource(ctx, file)
    if (!t) continue
    const builders = new Set<string>()
    for (const s of segments(t)) {
      if (!s.text.includes('Add')) continue
      const assign = assignment(s.text)
      for (const c of chains(s.text)) {
        const from = c.calls.findIndex((k) => k.name === 'AddHealthChecks' && k.args.length === 0)
        if (from >= 0 && assign) builders.add(assign.name)
        const onBuilder = from >= 0 || builders.has(c.receiver)
        c.calls.forEach((call, k) => {
          if (from >= 0 && k <= from) return
          const line = lineAt(t, s.start + call.at)
          const row = BY_METHOD.get(call.name)
          if (row) {
            if (row.aspire && call.args.some((a) => /DisableHealthChecks\s*=\s*true/.test(a))) return
            const known = onBuilder || (row.package !== undefined && deps.has(row.package.toLowerCase())) || !row.ambiguous
            if (known && !(row.notWithTypeArgument && call.generic !== '')) out.push({ name: `${row.method} (${row.checks})`, file, line, dependency: true })
            return
          }
          if (!ASPNET_CUSTOM_CHECK_CALLS.has(call.name)) return
          const type = call.generic || /\bnew\s+([A-Za-z_][\w.]*)/.exec(call.args[1] ?? '')?.[1] || ''
          if (type) custom.push({ type, file, line })
          else out.push({ name: `${call.name}(${(call.args[0] ?? '').slice(0, 40)})`, file, line, dependency: DEPENDENCY_TOKENS.concat(DOTNET_CHECK_TOUCHES).some((tok) => (call.args[1] ?? '').includes(tok)) })
        })
      }
    }
  }
  for (const c of custom) out.push({ name: `AddCheck<${c.type}>`, file: c.file, line: c.line, dependency: customTouches(ctx, files, c.type) })
  return out.slice(0, 50)
}

/** Whether a custom IHealthCheck class reaches a dependency: its code, else its name. */
function customTouches(ctx: ExtractContext, files: readonly string[], type: string): boolean {
  const name = type.replace(/<[\s\S]*$/, '').replace(/^.*\./, '')
  if (!/^[A-Za-z_]\w*$/.test(name)) return DEPENDENCY_TYPE_NAME.test(type)
  const decl = new RegExp(`\\bclass\\s+${name}\\b`)
  for (const f of files) {
    if (!ctx.src.mentions(f, ['IHealthCheck'])) continue
    const lines = ctx.src.lines(f) ?? []
    const at = lines.findIndex((l) => decl.test(l))
    if (at < 0) continue
    const body = lines.slice(at, at + 150)
    return body.some((l) => !l.trimStart().startsWith('//') && (DEPENDENCY_TOKENS.some((tok) => l.includes(tok)) || DOTNET_CHECK_TOUCHES.some((tok) => l.includes(tok))))
  }
  return DEPENDENCY_TYPE_NAME.test(type)
}
