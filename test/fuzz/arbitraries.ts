import fc from 'fast-check'
import yaml from 'js-yaml'
import { expect } from 'vitest'
import { collectManifests } from '../../src/facts/manifests/index.js'
import { collectOpenApi } from '../../src/facts/openapi/index.js'
import { collectService } from '../../src/facts/service/index.js'
import type { Snapshot } from '../../src/facts/snapshot.js'

/**
 * Shared input generators for the property tests: text built from the tokens each parser cares
 * about (so inputs reach deep code paths instead of failing on the first character), arbitrary
 * Unicode, long runs of one token (the shapes that make backtracking explode), and YAML dumped
 * from arbitrary JSON-like values. Every input stays under MAX_INPUT characters.
 */

/** Fixed seed: a failure prints its seed and path, and re-runs identically. */
export const SEED = 20_260_101
export const RUNS = 150
/** Bound on one property run for an input of at most MAX_INPUT characters (hang detector). */
export const RUN_BOUND_MS = 2000
export const MAX_INPUT = 64 * 1024

export const options = (numRuns = RUNS): fc.Parameters<unknown> => ({ seed: SEED, numRuns, endOnFailure: true })

const YAML_TOKENS = ['\n', '  ', '- ', ': ', '{', '}', '[', ']', ',', '&a ', '*a', '<<: ', '!reference ', '!!str ', '|', '>', '"', "'", '#', '---\n', '...\n', '? ', 'on', 'jobs', 'steps', 'run', 'uses', 'script', 'stages', 'include', 'extends', 'needs', 'matrix', 'pull_request', 'null', 'true', '~', '0x1f', '\t', '\\', '%YAML 1.2\n', 'when', 'event', 'commands', 'image', 'settings', 'kind: pipeline\n', 'trigger', 'only_if', '_task', '_script', 'if', 'group', 'command', 'blocks', 'task', 'jobs', 'phases', 'args', 'entrypoint', 'evaluate', '[-]', '- <<: *a', '$$', "$CIRRUS_PR != ''", 'build.tag != null']
const SHELL_TOKENS = [' ', '\n', ';', '&&', '||', '|', '&', '(', ')', '{', '}', '$(', '`', '"', "'", '\\', '$', '${', '#', '<<EOF\n', 'EOF\n', '<(', '>', '2>&1', 'if ', 'then ', 'fi', 'for ', 'do ', 'done', 'case ', 'esac', 'set -e', 'set +e', 'true', 'npm run ', 'npx ', 'make ', 'pytest', 'ruff check .', 'tox -e ', 'poetry run ', 'test -z ', 'xargs ', 'sh -c ', 'bash -c ', 'eval ', 'sudo ', 'env ', 'A=1 ']
const CODE_TOKENS = ['@app.get(', '@router.post(', 'app.get(', 'router.route(', 'path(', 're_path(', 'r.HandleFunc(', 'r.GET(', '@GetMapping(', '@RequestMapping(', 'get ', 'resources ', '@Controller(', '@Get(', 'import ', 'from ', 'require(', '"', "'", '`', '/', '\\', '(', ')', '[', ']', '{', '}', ',', ' ', '\n', '#', '//', '/*', '*/', '"""', 'health', '/healthz', 'openapi', 'FastAPI()', 'express()', 'Flask(__name__)', 'value = ', 'method = ', 'def f():\n', 'func main() {\n', '<?php\n', 'Route::get(', 'Route::prefix(', '->group(function () {', "->group(base_path('routes/api.php'))", 'withRouting(', 'health: ', '#[Route(', '@Route(', '$app->get(', '$router->group([', "'prefix' => ", '::class', '=>', '<<<EOT\n', 'require __DIR__.', "'/../", '$']
const MANIFEST_TOKENS = ['[', ']', '[[', ']]', '=', '"', "'", '{', '}', ',', ':', '\n', ' ', '#', '<', '>', '</', '/>', '<dependency>', '<groupId>', '<artifactId>', 'require', '(', ')', 'module ', 'go 1.22', 'gem ', 'group ', 'do', 'end', '-r ', '-e ', '==', '>=', '~=', ';', 'dependencies', 'devDependencies', 'project', 'tool.poetry', 'fastapi', 'express', 'flask', 'implementation ', '<PackageReference Include="', '<!--', '-->', 'Version="', '<Project Sdk="Microsoft.NET.Sdk.Web">', '{:', 'defp deps do', 'only: [:dev, :test]', 'runtime: false', 'dev-dependencies', 'workspace', 'package = ', 'require-dev', '\\', '\u0000', '\ufffd', 'é']
const MD_TOKENS = ['[', ']', '(', ')', '<', '>', '!', '`', '```', '*', '_', '~', '|', '#', '@', '\\', '&', ';', '&#', 'x', '1', 'a', ' ', '\n', '\r', '\t', 'http', 'https://', 'javascript:', 'www.', '.', '/', ':', '@org/team', '#12', '</details>', '<details>', '<!--', '-->', '<script>', '\x1b[31m', '\x1b]8;;', '\x07', '\u202e', '\u2066', '\u200b', '\ud800', '\udc00', '\u2028', '\x85', '$', '{', '}']

function tokens(list: readonly string[]): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...list), { maxLength: 200 }).map((t) => t.join(''))
}

/** One token (or short string) repeated up to `max` times: the backtracking shapes. */
function runOf(list: readonly string[], max = 30_000): fc.Arbitrary<string> {
  return fc.tuple(fc.oneof(fc.constantFrom(...list), fc.string({ maxLength: 3 })), fc.integer({ min: 1, max }), tokens(list)).map(([t, n, tail]) => t.repeat(n) + tail)
}

/** Token soup, raw Unicode and long runs, mixed and concatenated, capped at MAX_INPUT. */
export function hostileText(list: readonly string[]): fc.Arbitrary<string> {
  const piece = fc.oneof({ weight: 4, arbitrary: tokens(list) }, { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) }, { weight: 1, arbitrary: runOf(list) })
  return fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('').slice(0, MAX_INPUT))
}

export const yamlText = hostileText(YAML_TOKENS)
export const shellText = hostileText(SHELL_TOKENS)
export const codeText = hostileText(CODE_TOKENS)
export const manifestText = hostileText(MANIFEST_TOKENS)
export const markdownText = hostileText(MD_TOKENS)

/** C#, Dockerfile and .NET build-script shapes: routes, attributes, chains, strings of every kind. */
const DOTNET_TOKENS = [
  'app.MapGet(', '.MapPost(', 'var g = app.MapGroup(', '.MapGroup(', 'g.MapGet(', '.MapItems()', 'static void MapItems(this RouteGroupBuilder group)', 'group.MapDelete(',
  'app.MapHealthChecks(', 'app.UseHealthChecks(', 'services.AddHealthChecks()', '.AddCheck<', '.AddNpgSql(', '.AddSqlServer<', 'Predicate = _ => false', 'new HealthCheckOptions {',
  '[Route("', '[HttpGet("', '[HttpPost]', '[controller]', '[action]', '~/', '[Area("', 'class X : ControllerBase', 'class Y : X', 'public IActionResult Index()', 'MapControllerRoute(',
  'AddSwaggerGen(', 'SwaggerDoc("', 'UseSwagger(', 'RouteTemplate = "', 'AddOpenApi(', 'MapOpenApi(', 'UseOpenApi(', 'Path = "', 'if (app.Environment.IsDevelopment())',
  'const string A = "', '"', '@"', '$"', '"""', "'", "'\\''", '\\', '//', '/*', '*/', '{', '}', '(', ')', '[', ']', '<', '>', ';', ',', '=>', '.', ' ', '\n', 'health', '/healthz',
  'FROM a AS b\n', 'FROM b\n', 'RUN ', 'COPY . .\n', 'COPY --from=b ', 'WORKDIR /app\n', '<<EOF\n', 'EOF\n', '--target ', '["sh", "-c", "',
  'Task("', '.IsDependentOn("', '.Does(() => ', 'DotNetTest(', 'RunTarget(', 'Argument("target", "', 'Target T => _ => _', '.DependsOn(', 'Execute<Build>(x => x.', 'DotNet("',
  'Target.create "', '==> "', '<== "', 'Target.runOrDefault "', 'DotNet.test id "', 'NoBuild = true', 'VerifyNoChanges = true'
]
export const dotnetText = hostileText(DOTNET_TOKENS)

/** Valid YAML for an arbitrary JSON-like value, with CI keys likely: reaches the CI parsers' walkers. */
export const ciYaml: fc.Arbitrary<string> = (() => {
  const key = fc.oneof(fc.constantFrom('on', 'jobs', 'steps', 'run', 'uses', 'with', 'script', 'stages', 'include', 'extends', 'needs', 'matrix', 'strategy', 'name', 'runs-on', 'services', 'image', 'workflows', 'stage', 'rules', 'if', 'when', 'pipelines', 'default', 'trigger', 'pr', 'pool', 'template', 'parameters', 'orbs', 'commands', 'executors', 'before_script', 'after_script', 'variables', 'local', 'file', 'project', 'ref', 'pull_request', 'push', 'branches', 'paths'), fc.string({ maxLength: 8 }))
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.oneof(fc.string({ maxLength: 40 }), shellText.map((s) => s.slice(0, 300)), fc.integer(), fc.boolean(), fc.constant(null)), fc.array(tie('value'), { maxLength: 5 }), fc.dictionary(key, tie('value'), { maxKeys: 6 }))
  }))
  return value.map((v) => {
    try {
      return yaml.dump(v, { noRefs: true, lineWidth: -1 })
    } catch {
      return ''
    }
  })
})()

/** Runs `fn`, asserting it neither throws nor takes longer than RUN_BOUND_MS. */
export function bounded<T>(fn: () => T, what = 'run'): T {
  const t0 = performance.now()
  const out = fn()
  const ms = performance.now() - t0
  expect(ms, `${what} took ${Math.round(ms)} ms`).toBeLessThan(RUN_BOUND_MS)
  return out
}

/**
 * The service and OpenAPI collectors over a snapshot, each in bounded time, holding every route
 * to a 1-based line (`lineOptional`: or none) and to a path that starts at `/` (`rooted`) or is at
 * least a string.
 */
export function boundedServiceScan(snapshot: Snapshot, opts: { readonly rooted: boolean; readonly lineOptional?: boolean }): void {
  const manifests = collectManifests(snapshot)
  const service = bounded(() => collectService(snapshot, manifests))
  for (const r of service.routes) {
    if (opts.lineOptional) expect(r.line === undefined || r.line >= 1).toBe(true)
    else expect(r.line).toBeGreaterThanOrEqual(1)
    if (opts.rooted) expect(r.path.startsWith('/')).toBe(true)
    else expect(typeof r.path).toBe('string')
  }
  bounded(() => collectOpenApi(snapshot, service, manifests), 'collectOpenApi')
}
