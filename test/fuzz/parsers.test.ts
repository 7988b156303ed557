import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/load.js'
import { collectManifests } from '../../src/facts/manifests/index.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { collectOpenApi } from '../../src/facts/openapi/index.js'
import { parseSpec, sniffSpec } from '../../src/facts/openapi/parse.js'
import { collectSecurityRules } from '../../src/facts/security-rules.js'
import { collectService } from '../../src/facts/service/index.js'
import { resolveScript } from '../../src/facts/ci/resolve/index.js'
import { bounded, codeText, dotnetText, manifestText, options, yamlText, boundedServiceScan } from './arbitraries.js'

/** Config, manifests, route extraction and OpenAPI: arbitrary text in, a value (never a throw) out, in bounded time. */

const MANIFESTS = ['pyproject.toml', 'package.json', 'go.mod', 'pom.xml', 'Gemfile', 'requirements.txt', 'build.gradle', 'setup.cfg', 'Pipfile', 'composer.json', 'Cargo.toml', 'mix.exs', 'Api.csproj', 'Directory.Packages.props', 'packages.config'] as const
/** Manifests declaring every framework, so route extraction runs for each source file below. */
const FRAMEWORKS = {
  'pyproject.toml': '[project]\nname = "x"\ndependencies = ["fastapi", "flask", "django", "djangorestframework"]\n',
  'package.json': '{"dependencies": {"express": "4", "@nestjs/core": "10", "fastify": "4", "koa": "2"}}',
  'go.mod': 'module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.0\n\tgithub.com/go-chi/chi/v5 v5.0.0\n\tgithub.com/labstack/echo/v4 v4.0.0\n)\n',
  'pom.xml': '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>',
  Gemfile: "gem 'rails'\ngem 'sinatra'\n",
  'composer.json': '{"require": {"laravel/framework": "^11", "laravel/lumen-framework": "^10", "symfony/framework-bundle": "^7", "slim/slim": "^4", "nelmio/api-doc-bundle": "^4"}}'
}
const SOURCES = ['app/main.py', 'app/urls.py', 'app/views.py', 'server.js', 'src/app.controller.ts', 'src/routes.ts', 'main.go', 'cmd/api/routes.go', 'src/main/java/x/Api.java', 'src/main/kotlin/x/Api.kt', 'config/routes.rb', 'app/controllers/health_controller.rb', 'routes/api.php', 'bootstrap/app.php', 'app/routes.php', 'src/Controller/HealthController.php', 'config/routes.php'] as const

describe('parseConfig', () => {
  it('returns a config or errors for any text, never throws', () => {
    fc.assert(
      fc.property(yamlText, (text) => {
        const r = bounded(() => parseConfig(text, 'c.yml'))
        if (r.errors) for (const e of r.errors) expect(typeof e.message).toBe('string')
        else expect(r.config.minScore).toBeGreaterThanOrEqual(0)
      }),
      options()
    )
  })

  it('validates any JSON-like document without throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (doc) => {
        const r = bounded(() => parseConfig(JSON.stringify(doc), 'c.json'))
        expect(r.errors !== undefined || r.config !== undefined).toBe(true)
      }),
      options()
    )
  })
})

describe('collectManifests', () => {
  it('turns arbitrary manifest text into dependencies or problems', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MANIFESTS), manifestText, fc.constantFrom('', 'services/api/'), (name, text, dir) => {
        const facts = bounded(() => collectManifests(new MemorySnapshot({ [dir + name]: text })))
        for (const p of facts.problems) expect(p.path).toBe(dir + name)
      }),
      options(300)
    )
  })
})

describe('collectSecurityRules', () => {
  it('reads arbitrary golangci-lint, ruff and ESLint configuration as rules or problems, never throws', () => {
    const names = ['.golangci.yml', '.golangci.toml', '.golangci.json', 'ruff.toml', 'pyproject.toml', '.eslintrc', '.eslintrc.json', 'package.json', 'eslint.config.mjs', 'phpstan.neon', 'phpstan.neon.dist', 'psalm.xml']
    // ESLint files are only parsed when they name the plugin: seed that so the parser is reached.
    const seed = (name: string): string => (name === 'pyproject.toml' ? '[tool.ruff]\n' : name === 'package.json' ? '"eslintConfig" security\n' : name.includes('eslint') ? '# security eslint-plugin-security\n' : name.startsWith('phpstan') ? 'parameters:\n  level: ' : name === 'psalm.xml' ? '<psalm errorLevel="' : '')
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.oneof(yamlText, manifestText, fc.json(), codeText), (name, text) => {
        const body = seed(name) + text
        const facts = bounded(() => collectSecurityRules(new MemorySnapshot({ [name]: body })))
        for (const p of facts.problems) expect(p.path).toBe(name)
        for (const e of facts.enabled) expect(e.path).toBe(name)
      }),
      options(300)
    )
  })
})

describe('collectService', () => {
  it('extracts routes from arbitrary source text for every framework in bounded time', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SOURCES), codeText, (path, text) => {
        boundedServiceScan(new MemorySnapshot({ ...FRAMEWORKS, [path]: text }), { rooted: false, lineOptional: true })
      }),
      options(300)
    )
  })
})

describe('Symfony route configuration', () => {
  it('reads arbitrary YAML route files and PHP route configuration in bounded time', () => {
    fc.assert(
      fc.property(yamlText, codeText, (yml, php) => {
        const snapshot = new MemorySnapshot({ 'composer.json': FRAMEWORKS['composer.json'], 'config/routes.yaml': yml, 'config/routes/api.yaml': 'api:\n  resource: ' + yml, 'config/routes.php': php, 'app/config/routing.yml': yml })
        const service = bounded(() => collectService(snapshot, collectManifests(snapshot)))
        for (const r of service.routes) expect(r.path.startsWith('/')).toBe(true)
      }),
      options(200)
    )
  })
})

describe('OpenAPI', () => {
  it('sniffSpec and parseSpec accept any text', () => {
    const head = fc.constantFrom('openapi: 3.0.0\n', 'swagger: "2.0"\n', '{"openapi": "3.1.0", ', '{"swagger": "2.0", ', '')
    fc.assert(
      fc.property(head, fc.oneof(yamlText, codeText, fc.json()), (h, body) => {
        const text = h + body
        const sniff = bounded(() => sniffSpec(text))
        const parsed = bounded(() => parseSpec(text, sniff?.format ?? 'yaml', sniff ?? { kind: 'openapi', version: '3.0.0' }))
        expect(parsed.pathCount === null || parsed.pathCount >= 0).toBe(true)
        bounded(() => parseSpec(text, 'json', { kind: 'swagger', version: '2.0' }))
      }),
      options(300)
    )
  })
})

describe('.NET', () => {
  const WEB = '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup><PackageReference Include="AspNetCore.HealthChecks.NpgSql" /></ItemGroup>\n</Project>\n'

  it('extracts ASP.NET Core routes, health checks and OpenAPI generation from arbitrary C# in bounded time', () => {
    fc.assert(
      fc.property(fc.constantFrom('src/Api/Program.cs', 'src/Api/Controllers/HealthController.cs', 'src/Api/Endpoints.cs'), dotnetText, dotnetText, (path, text, other) => {
        const snapshot = new MemorySnapshot({ 'src/Api/Api.csproj': WEB, [path]: text, 'src/Api/Other.cs': other })
        const manifests = collectManifests(snapshot)
        const service = bounded(() => collectService(snapshot, manifests), 'collectService')
        for (const r of service.routes) {
          expect(r.path.startsWith('/')).toBe(true)
          expect(r.line).toBeGreaterThanOrEqual(1)
        }
        bounded(() => collectOpenApi(snapshot, service, manifests), 'collectOpenApi')
      }),
      options(300)
    )
  })

  it('follows arbitrary Dockerfiles and Cake, NUKE and FAKE scripts in bounded time', () => {
    const files = fc.record({ Dockerfile: dotnetText, 'build.cake': dotnetText, 'build/Build.cs': dotnetText.map((t) => 'class Build : NukeBuild {\n' + t), 'build.fsx': dotnetText })
    const script = fc.constantFrom('docker build .', 'docker buildx build --target b -f Dockerfile .', 'dotnet cake', './build.sh --target=Test', 'nuke T', 'dotnet fake build -t T')
    fc.assert(
      fc.property(files, script, (f, cmd) => {
        const snapshot = new MemorySnapshot({ ...f, 'build.sh': 'dotnet cake "$@"\n', '.nuke/parameters.json': '{}' })
        const out = bounded(() => resolveScript(cmd, { snapshot, path: 'ci.yml', line: 1, cwd: '', chain: [] }), 'resolveScript')
        for (const c of out) expect(c.argv.length).toBeGreaterThan(0)
      }),
      options(300)
    )
  })

  it('reads arbitrary project files, props, editorconfig and global.json as rules, dependencies or problems', () => {
    const names = ['Directory.Build.props', 'src/A/A.csproj', '.editorconfig', 'x.globalconfig', 'Directory.Packages.props', 'global.json']
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.oneof(manifestText, dotnetText, fc.json()), (name, text) => {
        const body = (name === 'global.json' ? '{"msbuild-sdks": ' : '<TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n') + text
        const rules = bounded(() => collectSecurityRules(new MemorySnapshot({ [name]: body })))
        for (const e of rules.enabled) expect(e.path).toBe(name)
        const manifests = bounded(() => collectManifests(new MemorySnapshot({ [name]: body })))
        for (const p of manifests.problems) expect(p.path).toBe(name)
      }),
      options(300)
    )
  })
})
