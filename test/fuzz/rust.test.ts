import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { resolveScript } from '../../src/facts/ci/resolve/index.js'
import { collectManifests } from '../../src/facts/manifests/index.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { collectOpenApi } from '../../src/facts/openapi/index.js'
import { sniffJsonSpec } from '../../src/facts/openapi/parse.js'
import { collectService } from '../../src/facts/service/index.js'
import { lexRust } from '../../src/facts/service/routes/rust-lex.js'
import { parseRust } from '../../src/facts/service/routes/rust-syntax.js'
import { bounded, hostileText, manifestText, options, shellText, yamlText } from './arbitraries.js'

/** The Rust readers (tokenizer, parser, route walk, cargo resolver) on arbitrary input: a value, never a throw, in bounded time. */

const RUST_TOKENS = [
  'fn ', 'pub ', 'async ', 'mod ', 'impl ', 'use ', 'struct ', 'let ', 'mut ', 'move ', 'if ', 'else ', 'match ', 'for ', 'in ', 'while ', 'loop ', 'return ', 'as ',
  '::', '=>', '->', '..', '|', '||', '&', '&&', '?', '!', '#[', '#![', '(', ')', '[', ']', '{', '}', '<', '>', ',', ';', ':', '=', '.', ' ', '\n', '"', "'", 'r#"', '"#', "b'", '\\', '//', '/*', '*/',
  'Router::new()', 'ApiRouter::new()', 'App::new()', 'web::scope(', 'scope(', 'resource(', 'rocket::build()', 'tide::new()', 'warp::path(', 'warp::path!(', 'Route::new()', 'OpenApiService::new(',
  '.route(', '.nest(', '.merge(', '.service(', '.configure(', '.mount(', '.at(', '.get(', '.to(', '.and(', '.or(', '.map(', 'routes![', 'get(', 'post(', 'cfg', 'app', 'router',
  '#[get("/health")]', '#[oai(path = "/x", method = "get")]', '"/health" => get(h)', '"/x" => sub(a::B)', '#[cfg(test)]', "'a", "'x'", 'health', '"/api"', 'SELECT 1', 'é', '\u0000'
]
const rustText = hostileText(RUST_TOKENS)

const CARGO = '[package]\nname = "svc"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.8"\nactix-web = "4"\nrocket = "0.5"\nwarp = "0.3"\npoem = "3"\npoem-openapi = "5"\ntide = "0.16"\nutoipa = "5"\n'
const RUST_SOURCES = ['src/main.rs', 'src/lib.rs', 'src/routes/mod.rs', 'src/api/health.rs'] as const

describe('lexRust and parseRust', () => {
  it('read arbitrary text into tokens with 1-based, non-decreasing lines and a file model, never throwing', () => {
    fc.assert(
      fc.property(rustText, (text) => {
        const toks = bounded(() => lexRust(text), 'lexRust')
        let ordered = true
        for (let k = 1; k < toks.length; k++) if (toks[k]!.line < toks[k - 1]!.line) ordered = false
        expect(ordered && (toks[0]?.line ?? 1) >= 1).toBe(true)
        const file = bounded(() => parseRust(toks), 'parseRust')
        for (const f of file.fns) expect(f.line).toBeGreaterThanOrEqual(1)
      }),
      options()
    )
  })
})

describe('the Rust route scan', () => {
  it('extracts routes (and OpenAPI servers) from arbitrary Rust sources for every Rust framework in bounded time', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RUST_SOURCES), rustText, rustText, (path, text, other) => {
        const snapshot = new MemorySnapshot({ 'Cargo.toml': CARGO, [path]: text, 'src/other.rs': other })
        const manifests = collectManifests(snapshot)
        const service = bounded(() => collectService(snapshot, manifests), 'collectService')
        for (const r of service.routes) {
          expect(r.line).toBeGreaterThanOrEqual(1)
          expect(r.path.startsWith('/')).toBe(true)
          bounded(() => r.touches, 'touches')
        }
        bounded(() => collectOpenApi(snapshot, service, manifests), 'collectOpenApi')
      }),
      options(200)
    )
  })
})

describe('cargo as a task runner', () => {
  it('follows arbitrary .cargo/config.toml aliases and Makefile.toml tasks in bounded time', () => {
    const cargoCommand = fc.constantFrom('cargo ', 'cargo +nightly ', 'cargo make ', 'makers ', 'cargo hack ', 'cargo xtask ', 'cross ', 'cargo -C x ', 'cargo --locked ')
    fc.assert(
      fc.property(manifestText, manifestText, shellText, cargoCommand, fc.string({ maxLength: 12 }), (config, makefile, script, cmd, word) => {
        const snapshot = new MemorySnapshot({ '.cargo/config.toml': '[alias]\n' + config, 'Makefile.toml': '[tasks.ci]\n' + makefile, 'x/.cargo/config': config })
        const out = bounded(() => resolveScript(`${script}\n${cmd}${word}\ncargo ci\ncargo make ci`, { snapshot, path: 'ci.yml', line: 1, cwd: '', chain: [] }), 'resolveScript')
        for (const c of out) expect(c.argv.length).toBeGreaterThan(0)
      }),
      options(150)
    )
  })
})

describe('sniffJsonSpec', () => {
  it('accepts any text', () => {
    fc.assert(
      fc.property(fc.oneof(yamlText, fc.json(), rustText), fc.constantFrom('', '{', '{"openapi": "3.0.0"', '{"a": {"openapi": "3.1.0"}, '), (body, head) => {
        const r = bounded(() => sniffJsonSpec(head + body), 'sniffJsonSpec')
        if (r) expect(['openapi', 'swagger']).toContain(r.kind)
      }),
      options(200)
    )
  })
})
