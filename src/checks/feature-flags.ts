import { IN_HOUSE_MODEL_NAMES, IN_HOUSE_MODEL_TOKENS, IN_HOUSE_MODULE_STEMS, IN_HOUSE_RESOLVER_TOKENS, ENV_TOGGLE_NAMES, ENV_TOGGLE_NOT_FLAGS, ENV_TOGGLE_READERS, FLAG_SDKS, TOGGLE_ROUTE_SEGMENTS, TOGGLE_WRITE_METHODS, type FlagSignature, IN_HOUSE_DEV_TOOLING } from './catalog/flags.js'
import { normalizePythonName } from '../facts/manifests/python.js'
import { ECOSYSTEM_IDS, type Ecosystem } from '../facts/ecosystems.js'
import { inCode, packageUse, type PackageUse, type SourceFile, type UsageFacts } from '../facts/usage.js'
import { basename } from '../facts/paths.js'
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

function genericSignatures(packages: readonly string[]): FlagSignature[] {
  return packages.flatMap((p) => ECOSYSTEM_IDS.map((ecosystem) => ({ label: p, ecosystem, packages: [ecosystem === 'python' ? normalizePythonName(p) : p], calls: [] })))
}

interface SdkFinding {
  readonly sig: FlagSignature
  readonly use: PackageUse
}

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

/** `from app import feature_flags` / `import flags, os`: the module is named among the imported names. */
function importsName(text: string, stem: string): boolean {
  const at = text.indexOf('import ')
  if (at < 0) return false
  return text
    .slice(at + 7)
    .split(',')
    .some((part) => part.trim().split(/\s+/)[0] === stem)
}

function camelCase(snake: string): string {
  return snake.split(/[_-]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')
}

/** An in-house resolver module or flag model, and where code checks it. */
function inHouse(usage: UsageFacts): { defined: Evidence[]; checked: Evidence[] } {
  const defined: Evidence[] = []
  const checked: Evidence[] = []
  const stems = new Set(IN_HOUSE_MODULE_STEMS)
  const resolvers: SourceFile[] = []
  for (const f of usage.sources()) {
    if (f.test || f.template) continue
    const name = basename(f.path)
    const stem = name.slice(0, name.lastIndexOf('.') < 0 ? name.length : name.lastIndexOf('.'))
    if (!stems.has(stem.toLowerCase()) && !stems.has(stem)) continue
    const lines = usage.lines(f.path) ?? []
    // The definition (`def enabled?(`, `function isEnabled(`) over a mention in its documentation.
    const mentions = (l: string): boolean => IN_HOUSE_RESOLVER_TOKENS.some((t) => l.includes(t) && inCode(l, t))
    const def = lines.findIndex((l) => /^\s*(export\s+)?(async\s+)?(def|defp|function|func|fn|pub fn|public|static)\b/.test(l) && mentions(l))
    const at = def >= 0 ? def : lines.findIndex(mentions)
    if (at < 0) continue
    resolvers.push(f)
    defined.push({ path: f.path, line: at + 1, message: `in-house flag resolver: ${lines[at]!.trim()}` })
  }
  for (const r of resolvers) {
    const name = basename(r.path)

    const file = name.slice(0, name.lastIndexOf('.'))
    // Elixir names the module after the file in CamelCase (`feature_flags.ex` → `Realtime.FeatureFlags`).
    const stem = r.ecosystem === 'elixir' ? camelCase(file) : file
    const importers = usage.imports(r.ecosystem, [stem]).filter((imp) => !imp.test && imp.path !== r.path && (imp.module === stem || imp.module.endsWith('.' + stem) || imp.module.endsWith('/' + stem) || imp.module.endsWith('\\' + stem) || imp.module.startsWith(stem + '::') || imp.module.includes('::' + stem) || importsName(imp.text, stem)))
    const hit = importers.find((imp) => !IN_HOUSE_DEV_TOOLING.test(imp.path))
    // …and calls it fully qualified without an alias (`Realtime.FeatureFlags.enabled?(…)`).
    const call = hit ?? (r.ecosystem === 'elixir' ? usage.grep(IN_HOUSE_RESOLVER_TOKENS.map((t) => `${stem}.${t}`), { ecosystems: ['elixir'], limit: 5 }).find((h) => h.path !== r.path && !IN_HOUSE_DEV_TOOLING.test(h.path)) : undefined)
    if (call) checked.push({ path: call.path, line: call.line, message: `in-house flags checked in code: ${call.text}` })
    else for (const dev of importers.slice(0, 2)) defined.push({ path: dev.path, line: dev.line, message: `read only by developer tooling, which gates nothing: ${dev.text}` })
  }
  const models = usage.grep(IN_HOUSE_MODEL_TOKENS, { limit: 10 })
  for (const m of models) defined.push({ path: m.path, line: m.line, message: `flag model: ${m.text}` })
  if (models.length > 0) {
    const modelFiles = new Set(models.map((m) => m.path))
    const refs = usage.grep(IN_HOUSE_MODEL_NAMES, { limit: 50 }).filter((h) => !modelFiles.has(h.path) && !h.path.includes('/migrations/') && !h.path.includes('/migrate/') && !/^\s*(import|from|require)\b/.test(h.text) && !IN_HOUSE_DEV_TOOLING.test(h.path))
    const ref = refs[0]
    if (ref) checked.push({ path: ref.path, line: ref.line, message: `flag model checked in code: ${ref.text}` })
  }
  return { defined, checked }
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

function envToggles(usage: UsageFacts): Evidence[] {
  // The flag name is usually a quoted key (`os.getenv("FEATURE_X")`); the reader must be code.
  const hits = usage.grep(ENV_TOGGLE_NAMES, { limit: 200, inStrings: true }).filter((h) => ENV_TOGGLE_READERS.some((r) => h.text.includes(r) && inCode(h.text, r)) && !ENV_TOGGLE_NOT_FLAGS.some((n) => h.text.includes(n)))
  return hits.slice(0, 5).map((h) => ({ path: h.path, line: h.line, message: `env/settings toggle: ${h.text}` }))
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
    const { manifests, usage } = ctx.facts
    const na = notAService(ctx.facts.service)
    if (na) return na
    const ecosystems = serviceProfile(ctx.facts).ecosystems
    const remediation = remediationFor(ecosystems)
    const sigs = [...FLAG_SDKS, ...genericSignatures(ctx.extra.packages)]
    const used: SdkFinding[] = []
    const unused: SdkFinding[] = []
    const analyticsOnly: SdkFinding[] = []
    for (const sig of sigs) {
      const use = packageUse(manifests, usage, sig)
      if (use.deps.length === 0) continue
      const ruby = sig.ecosystem === 'ruby'
      const generic = sig.calls.length === 0
      if (sig.analytics) {
        if (use.calls.length > 0) used.push({ sig, use })
        else analyticsOnly.push({ sig, use })
      } else if (use.calls.length > 0 || (!ruby && use.imports.length > 0) || (ruby && generic && !use.deps[0]!.noAutoRequire)) used.push({ sig, use })
      else unused.push({ sig, use })
    }
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
    const house = inHouse(usage)
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
    const toggles = envToggles(usage)
    if (toggles.length > 0) return { status: 'partial', messageId: 'env-toggles', evidence: [...toggles, ...analyticsNotes, ...problemEvidence(ctx)], remediation }
    return { status: 'fail', messageId: 'none', evidence: [...analyticsNotes, ...problemEvidence(ctx)], remediation }
  }
})
