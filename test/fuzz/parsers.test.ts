import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/load.js'
import { collectManifests } from '../../src/facts/manifests/index.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { collectOpenApi } from '../../src/facts/openapi/index.js'
import { parseSpec, sniffSpec } from '../../src/facts/openapi/parse.js'
import { collectSecurityRules } from '../../src/facts/security-rules.js'
import { collectService } from '../../src/facts/service/index.js'
import { bounded, codeText, manifestText, options, yamlText } from './arbitraries.js'

/** Config, manifests, route extraction and OpenAPI: arbitrary text in, a value (never a throw) out, in bounded time. */

const MANIFESTS = ['pyproject.toml', 'package.json', 'go.mod', 'pom.xml', 'Gemfile', 'requirements.txt', 'build.gradle', 'setup.cfg', 'Pipfile', 'composer.json', 'Cargo.toml', 'mix.exs', 'Api.csproj', 'Directory.Packages.props', 'packages.config'] as const
/** Manifests declaring every framework, so route extraction runs for each source file below. */
const FRAMEWORKS = {
  'pyproject.toml': '[project]\nname = "x"\ndependencies = ["fastapi", "flask", "django", "djangorestframework"]\n',
  'package.json': '{"dependencies": {"express": "4", "@nestjs/core": "10", "fastify": "4", "koa": "2"}}',
  'go.mod': 'module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.0\n\tgithub.com/go-chi/chi/v5 v5.0.0\n\tgithub.com/labstack/echo/v4 v4.0.0\n)\n',
  'pom.xml': '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>',
  Gemfile: "gem 'rails'\ngem 'sinatra'\n"
}
const SOURCES = ['app/main.py', 'app/urls.py', 'app/views.py', 'server.js', 'src/app.controller.ts', 'src/routes.ts', 'main.go', 'cmd/api/routes.go', 'src/main/java/x/Api.java', 'src/main/kotlin/x/Api.kt', 'config/routes.rb', 'app/controllers/health_controller.rb'] as const

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
    const names = ['.golangci.yml', '.golangci.toml', '.golangci.json', 'ruff.toml', 'pyproject.toml', '.eslintrc', '.eslintrc.json', 'package.json', 'eslint.config.mjs']
    // ESLint files are only parsed when they name the plugin: seed that so the parser is reached.
    const seed = (name: string): string => (name === 'pyproject.toml' ? '[tool.ruff]\n' : name === 'package.json' ? '"eslintConfig" security\n' : name.includes('eslint') ? '# security eslint-plugin-security\n' : '')
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
        const snapshot = new MemorySnapshot({ ...FRAMEWORKS, [path]: text })
        const manifests = collectManifests(snapshot)
        const service = bounded(() => collectService(snapshot, manifests))
        for (const r of service.routes) {
          expect(r.line === undefined || r.line >= 1).toBe(true)
          expect(typeof r.path).toBe('string')
        }
        bounded(() => collectOpenApi(snapshot, service, manifests), 'collectOpenApi')
      }),
      options(300)
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
