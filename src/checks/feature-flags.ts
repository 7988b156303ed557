import { TOGGLE_ROUTE_SEGMENTS, TOGGLE_WRITE_METHODS } from '../facts/catalog/flags.js'
import type { Ecosystem } from '../facts/ecosystems.js'
import { sdkEvaluated, type CodeLine, type InHouseFlags, type SdkUse } from '../facts/flags.js'
import { serviceProfile } from './catalog/ecosystem.js'
import { notAService } from './catalog/framework-repo.js'
import { defineCheck, type CheckContext, type Evidence } from './types.js'

/** Shown when no ecosystem was detected: the most common stacks, not all of them. */
const FALLBACK_SHOWN: readonly Ecosystem[] = ['python', 'node', 'go', 'java', 'ruby']

const REMEDIATION: Readonly<Record<Ecosystem, string>> = {
  python: [
    '**Python** — OpenFeature with a provider (flagd, Unleash, LaunchDarkly, …):',
    '```bash',
    'pip install openfeature-sdk openfeature-provider-flagd',
    '```',
    '```python',
    'from openfeature import api',
    'from openfeature.contrib.provider.flagd import FlagdProvider',
    '',
    'api.set_provider(FlagdProvider())',
    'flags = api.get_client()',
    '',
    'if flags.get_boolean_value("new-checkout", False):',
    '    return new_checkout(order)',
    '```',
    'Django: `pip install django-waffle`, add `waffle` to `INSTALLED_APPS`, then `if waffle.flag_is_active(request, "new-checkout"):`.'
  ].join('\n'),
  node: [
    '**Node / TypeScript** — OpenFeature server SDK (or `unleash-client`):',
    '```bash',
    'npm install @openfeature/server-sdk @openfeature/flagd-provider',
    '```',
    '```ts',
    "import { OpenFeature } from '@openfeature/server-sdk'",
    "import { FlagdProvider } from '@openfeature/flagd-provider'",
    '',
    'await OpenFeature.setProviderAndWait(new FlagdProvider())',
    'const flags = OpenFeature.getClient()',
    "if (await flags.getBooleanValue('new-checkout', false)) { /* new path */ }",
    '```'
  ].join('\n'),
  go: [
    '**Go** — OpenFeature go-sdk:',
    '```go',
    'import "github.com/open-feature/go-sdk/openfeature"',
    '',
    'client := openfeature.NewDefaultClient()',
    'evalCtx := openfeature.EvaluationContext{}',
    'enabled, _ := client.BooleanValue(ctx, "new-checkout", false, evalCtx)',
    'if enabled { /* new path */ }',
    '```'
  ].join('\n'),
  java: [
    '**Java / Kotlin** — OpenFeature Java SDK (or Unleash, Togglz; `io.getunleash:springboot-unleash-starter` on Spring):',
    '```xml',
    '<dependency>',
    '  <groupId>dev.openfeature</groupId>',
    '  <artifactId>sdk</artifactId>',
    '  <version>1.14.0</version>',
    '</dependency>',
    '```',
    '```java',
    'Client flags = OpenFeatureAPI.getInstance().getClient();',
    'if (flags.getBooleanValue("new-checkout", false)) { /* new path */ }',
    '```'
  ].join('\n'),
  ruby: [
    '**Ruby / Rails** — Flipper:',
    '```ruby',
    "gem 'flipper-active_record'",
    '',
    'if Flipper.enabled?(:new_checkout, current_user)',
    '  # new path',
    'end',
    '```'
  ].join('\n'),
  rust: [
    '**Rust** — the OpenFeature SDK (`open-feature` crate) with a provider (flagd, Unleash, …):',
    '```rust',
    'let client = open_feature::OpenFeature::singleton().await.create_client();',
    'let new_checkout = client',
    '    .get_bool_value("new-checkout", None, None)',
    '    .await',
    '    .unwrap_or(false);',
    'if new_checkout {',
    '    // new path',
    '}',
    '```'
  ].join('\n'),
  php: [
    '**PHP / Laravel** — Laravel Pennant:',
    '```php',
    'use Laravel\\Pennant\\Feature;',
    '',
    "Feature::define('new-checkout', fn (User $user) => $user->isInternal());",
    "if (Feature::active('new-checkout')) {",
    '    // new path',
    '}',
    '```'
  ].join('\n'),
  dotnet: [
    '**.NET** — Microsoft.FeatureManagement (flags from the `FeatureManagement` configuration section):',
    '```csharp',
    'builder.Services.AddFeatureManagement();',
    '',
    '// in a handler, with IFeatureManager injected:',
    'if (await featureManager.IsEnabledAsync("NewCheckout")) { /* new path */ }',
    '```'
  ].join('\n'),
  elixir: [
    '**Elixir** — fun_with_flags:',
    '```elixir',
    'if FunWithFlags.enabled?(:new_checkout, for: user) do',
    '  new_checkout(order)',
    'else',
    '  checkout(order)',
    'end',
    '```'
  ].join('\n')
}

function remediationFor(ecosystems: readonly Ecosystem[]): string {
  const chosen = ecosystems.length > 0 ? ecosystems : FALLBACK_SHOWN
  return ['Release risky changes behind a flag evaluated at runtime, so they can be turned off without a deploy:', ...chosen.map((e) => REMEDIATION[e])].join('\n\n')
}

type SdkFinding = SdkUse

function depEvidence(f: SdkFinding, note: string): Evidence {
  const d = f.use.deps[0]!
  return { path: d.manifest, ...(d.line !== undefined ? { line: d.line } : {}), message: `${f.sig.label} SDK \`${d.name}\` is a dependency${note}` }
}

function useEvidence(f: SdkFinding): Evidence[] {
  const out: Evidence[] = []
  const imp = f.use.imports[0]
  if (imp) out.push({ path: imp.path, line: imp.line, message: `imported: ${imp.text}` })
  for (const c of f.use.calls.slice(0, 3)) out.push({ path: c.path, line: c.line, message: `flag evaluated: ${c.text}` })
  return out
}

const at = (c: CodeLine, what: string): Evidence => ({ path: c.path, line: c.line, message: `${what}: ${c.text}` })

/** The in-house flag system's definitions and the places code checks them, as evidence. */
function inHouseEvidence(h: InHouseFlags | undefined): { defined: Evidence[]; checked: Evidence[] } {
  if (!h) return { defined: [], checked: [] }
  return {
    defined: [...h.resolvers.map((r) => at(r, 'in-house flag resolver')), ...h.devToolingOnly.map((d) => at(d, 'read only by developer tooling, which gates nothing')), ...h.models.map((m) => at(m, 'flag model'))],
    checked: [...h.resolverChecks.map((c) => at(c, 'in-house flags checked in code')), ...h.modelChecks.map((c) => at(c, 'flag model checked in code'))]
  }
}

/** Routes that switch the service's own flags at runtime (`PATCH /experimental-features`). */
function toggleRoutes(ctx: CheckContext): Evidence[] {
  const out: Evidence[] = []
  for (const r of ctx.facts.service.routes) {
    const last = (r.path.split('/').filter(Boolean).pop() ?? '').toLowerCase()
    if (!TOGGLE_ROUTE_SEGMENTS.includes(last) || !r.methods.some((m) => TOGGLE_WRITE_METHODS.includes(m))) continue
    out.push({ path: r.file, line: r.line, message: `in-house flags toggled at runtime: ${r.methods.join('/')} ${r.prefixUnknown ? `{${r.prefixUnknown}}` : ''}${r.path}` })
    if (out.length >= 3) break
  }
  return out
}

/** Manifests that could not be read may hide a dependency: said on every non-pass outcome. */
function problemEvidence(ctx: CheckContext): Evidence[] {
  return ctx.facts.manifests.problems.slice(0, 3).map((p) => ({ path: p.path, ...(p.line !== undefined ? { line: p.line } : {}), message: `manifest could not be fully read: ${p.message}` }))
}

export default defineCheck({
  meta: {
    id: 'feature-flags',
    title: 'Feature flags',
    question: 'Are features released behind flags?',
    messages: {
      'sdk-used': '{sdk} is a dependency and flags are evaluated in code.',
      'in-house': 'An in-house flag system is defined and checked in code.',
      'sdk-unused': '{sdk} is a dependency, but no production code uses it.',
      'in-house-unused': 'An in-house flag module or model exists, but no production code checks it.',
      'env-toggles': 'Only environment-variable / settings toggles were found, no flag system.',
      none: 'No feature-flag SDK, library or in-house flag system was found.',
      'no-service': 'No HTTP framework found in dependencies or imports: there is no service to release features of.',
      'framework-repo': 'This repository publishes {name}, an HTTP framework itself, not a service built on it: there is no service to release features of.'
    },
    why: 'Flags separate deploying code from releasing it: a change ships dark, is turned on for a few users, and is turned off in seconds when it misbehaves — no rollback, no hotfix deploy. Env-var toggles need a redeploy to flip and cannot target users.',
    remediation: remediationFor([])
  },
  run(ctx: CheckContext) {
    const na = notAService(ctx.facts.service)
    if (na) return na
    const ecosystems = serviceProfile(ctx.facts).ecosystems
    const remediation = remediationFor(ecosystems)
    const flags = ctx.facts.flags
    const used = flags.sdks.filter(sdkEvaluated)
    const unused = flags.sdks.filter((f) => !f.sig.analytics && !sdkEvaluated(f))
    const analyticsOnly = flags.sdks.filter((f) => f.sig.analytics && !sdkEvaluated(f))
    const analyticsNotes: Evidence[] = analyticsOnly.map((f) => depEvidence(f, ', but only for analytics: no flag evaluation (e.g. `feature_enabled(`/`isFeatureEnabled(`) was found'))
    if (used.length > 0) {
      const first = used[0]!
      return {
        status: 'pass',
        messageId: 'sdk-used',
        data: { sdk: [...new Set(used.map((u) => u.sig.label))].join(', ') },
        evidence: used.flatMap((u) => [depEvidence(u, ''), ...useEvidence(u)]).slice(0, 12).concat(first.use.calls.length === 0 ? [{ message: `${first.sig.label} is imported; no evaluation call was recognised` }] : [])
      }
    }
    const house = inHouseEvidence(flags.inHouse)
    house.checked.push(...toggleRoutes(ctx))
    if (house.checked.length > 0) {
      return { status: 'pass', messageId: 'in-house', evidence: [...house.defined.slice(0, 3), ...house.checked.slice(0, 3), ...analyticsNotes] }
    }
    if (unused.length > 0) {
      return {
        status: 'partial',
        messageId: 'sdk-unused',
        data: { sdk: [...new Set(unused.map((u) => u.sig.label))].join(', ') },
        evidence: [
          ...unused.map((u) => depEvidence(u, u.use.testOnly.length > 0 ? ', used only in tests' : ', but it is never imported or called outside tests')),
          ...unused.flatMap((u) => u.use.testOnly.slice(0, 2).map((t) => ({ path: t.path, line: t.line, message: `test-only use: ${t.text}` }))),
          ...analyticsNotes,
          ...problemEvidence(ctx)
        ],
        remediation
      }
    }
    if (house.defined.length > 0) return { status: 'partial', messageId: 'in-house-unused', evidence: [...house.defined.slice(0, 5), ...analyticsNotes, ...problemEvidence(ctx)], remediation }
    const toggles = (flags.envToggles ?? []).map((t) => at(t, 'env/settings toggle'))
    if (toggles.length > 0) return { status: 'partial', messageId: 'env-toggles', evidence: [...toggles, ...analyticsNotes, ...problemEvidence(ctx)], remediation }
    return { status: 'fail', messageId: 'none', evidence: [...analyticsNotes, ...problemEvidence(ctx)], remediation }
  }
})
