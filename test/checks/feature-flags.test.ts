import { describe, expect, it } from 'vitest'
import check from '../../src/checks/feature-flags.js'
import { factsFor, runCheck } from './dependency-facts.js'

const run = (files: Record<string, string>, extra: { packages?: string[] } = {}) => runCheck(check, factsFor(files, extra.packages ? { signatures: { 'feature-flags': { packages: extra.packages } } } : {}), extra)

describe('feature-flags', () => {
  it('passes when a Python SDK is declared and flags are evaluated (LaunchDarkly → ldclient)', () => {
    const out = run({
      'requirements.txt': 'fastapi\nlaunchdarkly-server-sdk==9.*\n',
      'app/flags_client.py': 'import ldclient\nfrom ldclient.config import Config\nldclient.set_config(Config("sdk-key"))\n',
      'app/routes.py': 'def checkout(ctx):\n    if ldclient.get().variation("new-checkout", ctx, False):\n        return 1\n'
    })
    expect(out.status).toBe('pass')
    expect(out.messageId).toBe('sdk-used')
    expect(out.data).toEqual({ sdk: 'LaunchDarkly' })
    expect(out.evidence).toEqual([
      { path: 'requirements.txt', line: 2, message: 'LaunchDarkly SDK `launchdarkly-server-sdk` is a dependency' },
      { path: 'app/flags_client.py', line: 1, message: 'imported: import ldclient' },
      { path: 'app/routes.py', line: 2, message: 'flag evaluated: if ldclient.get().variation("new-checkout", ctx, False):' }
    ])
  })

  it('passes for Node OpenFeature and for Go OpenFeature', () => {
    const node = run({
      'package.json': JSON.stringify({ dependencies: { '@openfeature/server-sdk': '^1' } }, null, 2),
      'src/checkout.ts': "import { OpenFeature } from '@openfeature/server-sdk'\nconst on = await OpenFeature.getClient().getBooleanValue('x', false)\n"
    })
    expect([node.status, node.messageId, node.evidence?.[2]]).toEqual(['pass', 'sdk-used', { path: 'src/checkout.ts', line: 2, message: "flag evaluated: const on = await OpenFeature.getClient().getBooleanValue('x', false)" }])
    const go = run({
      'go.mod': 'module x\nrequire github.com/open-feature/go-sdk v1.13.0\n',
      'internal/flags.go': 'package flags\nimport "github.com/open-feature/go-sdk/openfeature"\nfunc On() bool { v, _ := openfeature.NewDefaultClient().BooleanValue(ctx, "x", false, ec); return v }\n'
    })
    expect([go.status, go.data]).toEqual(['pass', { sdk: 'OpenFeature' }])
  })

  it('passes for django-waffle used only through a template tag', () => {
    const out = run({ 'pyproject.toml': '[project]\ndependencies = ["django", "django-waffle"]\n', 'shop/templates/cart.html': '{% load waffle_tags %}\n{% flag "new_cart" %}new{% endflag %}\n' })
    expect(out.status).toBe('pass')
    expect(out.evidence?.[1]).toEqual({ path: 'shop/templates/cart.html', line: 2, message: 'flag evaluated: {% flag "new_cart" %}new{% endflag %}' })
  })

  it('passes for Flipper in Rails only when code calls it (auto-require is not use)', () => {
    const gemfile = "source 'https://rubygems.org'\ngem 'rails'\ngem 'flipper-active_record'\n"
    const used = run({ Gemfile: gemfile, 'app/controllers/cart_controller.rb': 'class CartController\n  def show\n    if Flipper.enabled?(:new_cart, current_user)\n    end\n  end\nend\n' })
    expect([used.status, used.evidence?.[1]]).toEqual(['pass', { path: 'app/controllers/cart_controller.rb', line: 3, message: 'flag evaluated: if Flipper.enabled?(:new_cart, current_user)' }])
    const unused = run({ Gemfile: gemfile, 'app/models/user.rb': 'class User; end\n' })
    expect([unused.status, unused.messageId]).toEqual(['partial', 'sdk-unused'])
  })

  it('is partial when the SDK is installed but unused, naming the manifest line', () => {
    const out = run({ 'package.json': JSON.stringify({ dependencies: { express: '^5', 'unleash-client': '^6' } }, null, 2), 'src/app.ts': "import express from 'express'\n" })
    expect(out.status).toBe('partial')
    expect(out.messageId).toBe('sdk-unused')
    expect(out.evidence).toEqual([{ path: 'package.json', line: 4, message: 'Unleash SDK `unleash-client` is a dependency, but it is never imported or called outside tests' }])
    expect(out.remediation).toContain('@openfeature/server-sdk')
    expect(out.remediation).not.toContain('Flipper')
  })

  it('does not count use in tests as production use', () => {
    const out = run({ 'requirements.txt': 'UnleashClient\n', 'tests/test_flags.py': 'from UnleashClient import UnleashClient\nclient.is_enabled("x")\n' })
    expect(out.status).toBe('partial')
    expect(out.evidence).toEqual([
      { path: 'requirements.txt', line: 1, message: 'Unleash SDK `unleashclient` is a dependency, used only in tests' },
      { path: 'tests/test_flags.py', line: 1, message: 'test-only use: from UnleashClient import UnleashClient' },
      { path: 'tests/test_flags.py', line: 2, message: 'test-only use: client.is_enabled("x")' }
    ])
  })

  it('fails when PostHog is only used for analytics, and says so', () => {
    const out = run({ 'requirements.txt': 'posthog\n', 'app/analytics.py': 'import posthog\ndef configure_posthog():\n    posthog.capture("id", "signup")\n' })
    expect(out.status).toBe('fail')
    expect(out.messageId).toBe('none')
    expect(out.evidence).toEqual([{ path: 'requirements.txt', line: 1, message: 'PostHog SDK `posthog` is a dependency, but only for analytics: no flag evaluation (e.g. `feature_enabled(`/`isFeatureEnabled(`) was found' }])
  })

  it('passes when PostHog evaluates flags', () => {
    const out = run({ 'requirements.txt': 'posthog\n', 'app/views.py': 'import posthog\nif posthog.feature_enabled("beta", user_id):\n    pass\n' })
    expect([out.status, out.data]).toEqual(['pass', { sdk: 'PostHog' }])
  })

  it('passes for an in-house resolver checked in code, partial when nothing checks it', () => {
    const resolver = 'from django.conf import settings\n\ndef is_enabled(name: str) -> bool:\n    return FeatureFlag.objects.filter(name=name, on=True).exists()\n'
    const used = run({ 'requirements.txt': 'django\n', 'app/feature_flags.py': resolver, 'app/views.py': 'from app.feature_flags import is_enabled\n' })
    expect(used.status).toBe('pass')
    expect(used.messageId).toBe('in-house')
    expect(used.evidence).toEqual([
      { path: 'app/feature_flags.py', line: 3, message: 'in-house flag resolver: def is_enabled(name: str) -> bool:' },
      { path: 'app/views.py', line: 1, message: 'in-house flags checked in code: from app.feature_flags import is_enabled' }
    ])
    const unused = run({ 'requirements.txt': 'django\n', 'app/feature_flags.py': resolver })
    expect([unused.status, unused.messageId]).toEqual(['partial', 'in-house-unused'])
  })

  it('does not take model mixins in a features module, or is_active, for a flag system', () => {
    const out = run({
      'requirements.txt': 'django\n',
      'app/models/features.py': 'class CustomFieldsMixin:\n    def cf(self):\n        return {"is_active": True}\n\ndef register_models(*models):\n    return models\n',
      'app/users/apps.py': 'from app.models.features import register_models\n\nif user.is_active:\n    register_models()\n'
    })
    expect(out.status).toBe('fail')
  })

  it('is partial for bare env-var toggles, not a flag system', () => {
    const out = run({ 'requirements.txt': 'flask\n', 'app/main.py': 'import os\nif os.getenv("FEATURE_NEW_SEARCH") == "1":\n    pass\nif settings.DEBUG:\n    pass\n' })
    expect(out.status).toBe('partial')
    expect(out.messageId).toBe('env-toggles')
    expect(out.evidence).toEqual([{ path: 'app/main.py', line: 2, message: 'env/settings toggle: if os.getenv("FEATURE_NEW_SEARCH") == "1":' }])
  })

  it('reads *_ENABLED / ENABLE_* settings read from the environment as toggles; the Feature-Policy header is none', () => {
    const toggles = run({ 'requirements.txt': 'django\n', 'hc/settings.py': 'SHELL_ENABLED = envbool("SHELL_ENABLED", "False")\n', 'hc/views.py': 'if not settings.SHELL_ENABLED:\n    raise Http404\n' })
    expect([toggles.status, toggles.messageId]).toEqual(['partial', 'env-toggles'])
    expect(toggles.evidence?.map((e) => `${e.path}:${e.line}`)).toEqual(['hc/settings.py:1', 'hc/views.py:1'])
    const header = run({ 'requirements.txt': 'flask\n', 'app/security.py': 'talisman.init_app(app, feature_policy=settings.FEATURE_POLICY)\n' })
    expect(header.status).toBe('fail')
    const tooling = run({ 'requirements.txt': 'django\n', 'config/settings.py': 'DEBUG_TOOLBAR_ENABLED = env.bool("DEBUG_TOOLBAR_ENABLED", default=True)\nSENTRY_ENABLED = os.getenv("SENTRY_ENABLED")\n' })
    expect(tooling.status).toBe('fail')
    // Diagnostics switches (a profiler endpoint, slow-query logging, a metrics exporter) gate no product feature.
    const diagnostics = run({ 'go.mod': 'module x\n\nrequire github.com/gin-gonic/gin v1.9.0\n', 'lib/pprof.go': 'package lib\n\nfunc init() { enabled := os.Getenv("PPROF_ENABLED") }\n', 'config/slow.rb': 'if ENV["ENABLE_SLOW_QUERY_LOGS"] == "true"\nend\n', 'hc/views.py': 'x = settings.PROMETHEUS_ENABLED\n' })
    expect(diagnostics.status).toBe('fail')
    // Trap: whole words only; a login or a blog switch is a product feature.
    const product = run({ 'requirements.txt': 'django\n', 'app/settings.py': 'ENABLE_LOGIN_WITH_SSO = os.getenv("ENABLE_LOGIN_WITH_SSO")\n' })
    expect(product.status).toBe('partial')
  })

  it('fails with nothing; a management client or a lockfile entry is not an SDK', () => {
    const out = run({ 'requirements.txt': 'launchdarkly-api\n', 'poetry.lock': '[[package]]\nname = "launchdarkly-server-sdk"\n', 'app/main.py': 'import argparse\nparser.add_argument("--flag")\n' })
    expect([out.status, out.messageId, out.evidence]).toEqual(['fail', 'none', []])
  })

  it('names a manifest it could not read, since it may hide the SDK', () => {
    const out = run({ 'pyproject.toml': '[project]\ndependencies = ["launchdarkly-server-sdk"\n' })
    expect(out.status).toBe('fail')
    expect(out.evidence).toHaveLength(1)
    expect(out.evidence?.[0]).toMatchObject({ path: 'pyproject.toml' })
    expect(out.evidence?.[0]?.message).toMatch(/^manifest could not be fully read: invalid TOML/)
  })

  it('accepts extra packages from config (Python names normalised)', () => {
    const out = run({ 'requirements.txt': 'acme-toggles\n', 'app/main.py': 'import acme_toggles\n' }, { packages: ['Acme_Toggles'] })
    expect([out.status, out.data]).toEqual(['pass', { sdk: 'Acme_Toggles' }])
  })

  it('PHP: Laravel Pennant evaluated in code or only in a Blade view; Unleash through its namespace', () => {
    const composer = (dep: string): string => JSON.stringify({ require: { 'laravel/framework': '^11.0', [dep]: '^1.0' } }, null, 2)
    const code = run({ 'composer.json': composer('laravel/pennant'), 'app/Http/Controllers/CheckoutController.php': "<?php\nuse Laravel\\Pennant\\Feature;\nclass CheckoutController\n{\n    public function show()\n    {\n        return Feature::active('new-checkout') ? 'new' : 'old';\n    }\n}\n" })
    expect([code.status, code.data, code.evidence?.[2]]).toEqual(['pass', { sdk: 'Laravel Pennant' }, { path: 'app/Http/Controllers/CheckoutController.php', line: 7, message: "flag evaluated: return Feature::active('new-checkout') ? 'new' : 'old';" }])
    const blade = run({ 'composer.json': composer('laravel/pennant'), 'resources/views/cart.blade.php': "@feature('new-cart')\n<x-new-cart />\n@endfeature\n" })
    expect([blade.status, blade.evidence?.[1]?.path]).toEqual(['pass', 'resources/views/cart.blade.php'])
    const unused = run({ 'composer.json': composer('laravel/pennant') })
    expect([unused.status, unused.messageId]).toEqual(['partial', 'sdk-unused'])
    const unleash = run({ 'composer.json': composer('unleash/client'), 'app/Flags.php': "<?php\nuse Unleash\\Client\\UnleashBuilder;\n$on = $unleash->isEnabled('beta');\n" })
    expect([unleash.status, unleash.data]).toEqual(['pass', { sdk: 'Unleash' }])
  })

  it('PHP: an in-house FeatureFlags class imported by namespace is checked in code', () => {
    const out = run({
      'composer.json': JSON.stringify({ require: { 'symfony/framework-bundle': '^7.0' } }),
      'src/Service/FeatureFlags.php': "<?php\nnamespace App\\Service;\nfinal class FeatureFlags\n{\n    public function isEnabled(string $name): bool { return $this->repo->find($name)?->on ?? false; }\n}\n",
      'src/Controller/ShopController.php': "<?php\nuse App\\Service\\FeatureFlags;\nclass ShopController {}\n"
    })
    expect([out.status, out.messageId]).toEqual(['pass', 'in-house'])
  })
})

describe('feature-flags: in-house flag systems of the known stacks', () => {
  const lines = (...ls: string[]): string => ls.join('\n') + '\n'

  it('passes for a flags object whose method is `enabled`, checked as request.flags.enabled(…) (warehouse)', () => {
    const out = runCheck(check, factsFor({
      'requirements.txt': 'pyramid\n',
      'warehouse/admin/flags.py': lines('class Flags:', '    def __init__(self, request):', '        self.request = request', '', '    def enabled(self, flag_member):', '        return self._fetch().get(flag_member.value, False)'),
      'warehouse/forklift/legacy.py': lines('from warehouse.admin.flags import AdminFlagValue', '', 'def upload(request):', '    if request.flags.enabled(AdminFlagValue.READ_ONLY):', '        raise ReadOnly()')
    }))
    expect([out.status, out.messageId]).toEqual(['pass', 'in-house'])
    expect(out.evidence).toEqual([
      { path: 'warehouse/admin/flags.py', line: 5, message: 'in-house flag resolver: def enabled(self, flag_member):' },
      { path: 'warehouse/forklift/legacy.py', line: 1, message: 'in-house flags checked in code: from warehouse.admin.flags import AdminFlagValue' }
    ])
  })

  it('passes for per-request flags set by middleware and read through a hook (aspel)', () => {
    const out = runCheck(check, factsFor({
      'package.json': JSON.stringify({ dependencies: { express: '^4' } }),
      'ui/feature-flag.js': lines('module.exports = {', '  middleware(req, res, next) {', '    req.hasFeatureFlag = (flag) => (req.user.roles ?? []).includes(flag)', '    next()', '  }', '}'),
      'ui/router.js': lines("const featureFlag = require('./feature-flag')", 'router.use(featureFlag.middleware)')
    }))
    expect([out.status, out.messageId]).toEqual(['pass', 'in-house'])
  })

  it('is partial for a flag store read only by a developer menu: it gates nothing (outline)', () => {
    const store = lines('export class FeatureFlags {', '  public static isEnabled(flag: Feature) {', '    return Storage.get(flag) === true', '  }', '}')
    const out = runCheck(check, factsFor({
      'package.json': JSON.stringify({ dependencies: { koa: '^2' } }),
      'app/utils/FeatureFlags.ts': store,
      'app/actions/definitions/developer.tsx': lines('import { Feature, FeatureFlags } from "~/utils/FeatureFlags";', 'export const toggle = () => FeatureFlags.isEnabled(Feature.x)')
    }))
    expect([out.status, out.messageId]).toEqual(['partial', 'in-house-unused'])
    expect(out.evidence?.[1]).toEqual({ path: 'app/actions/definitions/developer.tsx', line: 1, message: 'read only by developer tooling, which gates nothing: import { Feature, FeatureFlags } from "~/utils/FeatureFlags";' })
    // The same store read by a product screen gates a feature.
    const gated = runCheck(check, factsFor({
      'package.json': JSON.stringify({ dependencies: { koa: '^2' } }),
      'app/utils/FeatureFlags.ts': store,
      'app/scenes/Collection.tsx': lines('import { Feature, FeatureFlags } from "~/utils/FeatureFlags";', 'const on = FeatureFlags.isEnabled(Feature.x)')
    }))
    expect(gated.status).toBe('pass')
  })
})

describe('feature-flags: start-up switches', () => {
  it('reads feature-* command-line switches as toggles, like env vars (package-registry)', () => {
    const out = runCheck(check, factsFor({ 'go.mod': 'module x\n', 'main.go': 'package main\nfunc init() {\n\tflag.BoolVar(&featureProxyMode, "feature-proxy-mode", false, "Enable proxy mode (technical preview).")\n}\n' }))
    expect([out.status, out.messageId, out.evidence?.[0]?.line]).toEqual(['partial', 'env-toggles', 3])
    // Other switches are not feature toggles.
    expect(runCheck(check, factsFor({ 'go.mod': 'module x\n', 'main.go': 'package main\nfunc init() {\n\tflag.BoolVar(&dryRun, "dry-run", false, "")\n}\n' })).status).toBe('fail')
  })
})
