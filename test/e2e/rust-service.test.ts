import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { everyPracticeFollowed, scanReport } from '../helpers/scan.js'
import { tempGitRepo } from '../helpers/tmp-repo.js'

/**
 * A Rust service as a team would keep it: a Cargo workspace with an axum API crate (utoipa spec
 * served by Swagger UI, a health route that queries the database, OpenFeature flags, reqwest-retry
 * around outbound calls), an xtask and cargo aliases, CI that checks formatting, runs clippy,
 * nextest and cargo-deny on pull requests and fails when the committed spec drifts, an image built
 * from its Dockerfile on tags, release-plz and a changelog. Every one of the fourteen checks is
 * asserted; the two that need the GitHub API are unknown without a token.
 */

const WORKSPACE: Record<string, string> = {
  'Cargo.toml': ['[workspace]', 'members = ["crates/*", "xtask"]', 'resolver = "2"', '', '[workspace.lints.clippy]', 'all = "deny"'].join('\n'),
  '.cargo/config.toml': ['[alias]', 'xtask = "run --package xtask --"', 'ci-lint = "clippy --workspace --all-targets -- -D warnings"'].join('\n'),
  'crates/api/Cargo.toml': [
    '[package]',
    'name = "orders-api"',
    'version = "1.4.0"',
    '',
    '[dependencies]',
    'axum = "0.8"',
    'tokio = { version = "1", features = ["full"] }',
    'sqlx = { version = "0.8", features = ["postgres"] }',
    'utoipa = "5"',
    'utoipa-swagger-ui = { version = "9", features = ["axum"] }',
    'reqwest = "0.12"',
    'reqwest-middleware = "0.4"',
    'reqwest-retry = "0.7"',
    'open-feature = "0.2"',
    '',
    '[dev-dependencies]',
    'axum-test = "17"'
  ].join('\n'),
  'crates/api/src/main.rs': [
    'mod routes;',
    'mod rates;',
    'use axum::Router;',
    'use utoipa::OpenApi;',
    'use utoipa_swagger_ui::SwaggerUi;',
    '',
    '#[derive(OpenApi)]',
    '#[openapi(paths(routes::orders::list_orders))]',
    'struct ApiDoc;',
    '',
    '#[tokio::main]',
    'async fn main() {',
    '    let app = Router::new()',
    '        .nest("/api/v1", routes::router())',
    '        .merge(SwaggerUi::new("/swagger-ui").url("/api-docs/openapi.json", ApiDoc::openapi()));',
    '    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();',
    '    axum::serve(listener, app).await.unwrap();',
    '}'
  ].join('\n'),
  'crates/api/src/routes/mod.rs': [
    'pub mod health;',
    'pub mod orders;',
    'use axum::{routing::get, Router};',
    '',
    'pub fn router() -> Router<AppState> {',
    '    Router::new()',
    '        .route("/healthz", get(health::healthz))',
    '        .route("/orders", get(orders::list_orders).post(orders::create_order))',
    '}'
  ].join('\n'),
  'crates/api/src/routes/health.rs': [
    'use axum::{extract::State, http::StatusCode};',
    '',
    'pub async fn healthz(State(pool): State<sqlx::PgPool>) -> StatusCode {',
    '    match sqlx::query("SELECT 1").execute(&pool).await {',
    '        Ok(_) => StatusCode::OK,',
    '        Err(_) => StatusCode::SERVICE_UNAVAILABLE,',
    '    }',
    '}'
  ].join('\n'),
  'crates/api/src/routes/orders.rs': [
    'use open_feature::OpenFeature;',
    '',
    '#[utoipa::path(get, path = "/api/v1/orders", responses((status = 200)))]',
    'pub async fn list_orders() -> Json<Vec<Order>> {',
    '    let client = OpenFeature::singleton().await.create_client();',
    '    if client.get_bool_value("new-pricing", None, None).await.unwrap_or(false) {',
    '        return Json(priced());',
    '    }',
    '    Json(vec![])',
    '}',
    'pub async fn create_order() {}'
  ].join('\n'),
  'crates/api/src/rates.rs': [
    'use reqwest_middleware::ClientBuilder;',
    'use reqwest_retry::{policies::ExponentialBackoff, RetryTransientMiddleware};',
    '',
    'pub fn client() -> reqwest_middleware::ClientWithMiddleware {',
    '    let policy = ExponentialBackoff::builder().build_with_max_retries(3);',
    '    ClientBuilder::new(reqwest::Client::new()).with(RetryTransientMiddleware::new_with_policy(policy)).build()',
    '}'
  ].join('\n'),
  'crates/api/tests/orders.rs': '#[tokio::test]\nasync fn lists_orders() {}\n',
  'crates/api/openapi.json': JSON.stringify({ openapi: '3.1.0', info: { title: 'Orders', version: '1' }, paths: { '/api/v1/orders': {} } }, null, 2),
  'xtask/Cargo.toml': '[package]\nname = "xtask"\nversion = "0.1.0"\n',
  'xtask/src/main.rs': 'fn main() {}\n',
  'scripts/openapi.sh': ['#!/bin/bash', 'set -euo pipefail', 'cargo run -p orders-api -- print-openapi > /tmp/openapi.json', 'diff -u crates/api/openapi.json /tmp/openapi.json'].join('\n'),
  'deny.toml': '[advisories]\nyanked = "deny"\n',
  'Dockerfile': 'FROM rust:1-bookworm AS build\nWORKDIR /src\nCOPY . .\nRUN cargo build --release --locked\n\nFROM debian:bookworm-slim\nCOPY --from=build /src/target/release/orders-api /usr/local/bin/orders-api\nENTRYPOINT ["/usr/local/bin/orders-api"]\n',
  'CHANGELOG.md': '# Changelog\n\n## [1.4.0] - 2026-11-02\n### Added\n- Bulk order import.\n\n## [1.3.0] - 2026-10-01\n### Fixed\n- Pagination.\n',
  '.github/workflows/ci.yml': [
    'on:',
    '  pull_request:',
    '  push:',
    '    branches: [main]',
    'jobs:',
    '  lint:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: dtolnay/rust-toolchain@stable',
    '      - run: cargo +nightly fmt --all -- --check',
    '      - run: cargo ci-lint',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: taiki-e/install-action@nextest',
    '      - run: cargo nextest run --workspace --locked',
    '      - run: ./scripts/openapi.sh',
    '  deny:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: EmbarkStudios/cargo-deny-action@v2'
  ].join('\n'),
  '.github/workflows/release.yml': [
    'on:',
    '  push:',
    '    branches: [main]',
    '    tags: ["v*"]',
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: release-plz/action@v0.5',
    '  image:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: docker/build-push-action@v6',
    '        with:',
    '          push: true',
    '          tags: ghcr.io/acme/orders:latest'
  ].join('\n')
}

async function statuses(files: Record<string, string>, tags: readonly string[] = []) {
  const report = await scanReport({ root: tempGitRepo(files), config: { ...DEFAULT_CONFIG, minScore: 0 }, inputs: { tags: { names: tags, source: 'git' } } })
  return { report, status: Object.fromEntries(report.checks.map((c) => [c.id, c.status])), check: (id: string) => report.checks.find((c) => c.id === id)! }
}

describe('a Rust (axum) service, end to end', () => {
  it('is judged on all fourteen checks', async () => {
    const { status, check } = await statuses(WORKSPACE, ['v1.3.0', 'v1.4.0'])
    expect(status).toEqual(everyPracticeFollowed())
    expect(check('ci-lint').summary).toContain('rustfmt')
    expect(check('ci-lint').evidence.some((e) => e.message.includes('.cargo/config.toml') && e.message.includes('warnings are errors'))).toBe(true)
    expect(check('ci-tests').summary).toContain('nextest')
    expect(check('type-checking').summary).toContain('Rust compiler (cargo)')
    expect(check('static-analysis').summary).toContain('cargo-deny')
    expect(check('contract-tests').summary).toContain('spec drift check')
    expect(check('openapi-published').summary).toMatch(/\/swagger-ui|\/api-docs\/openapi\.json/)
    expect(check('health-endpoint').summary).toContain('/api/v1/healthz')
    expect(check('health-endpoint').summary).toContain('SELECT 1')
    expect(check('feature-flags').summary).toContain('OpenFeature')
    expect(check('circuit-breakers').summary).toContain('reqwest-retry')
    expect(check('release-versioning').evidence.some((e) => e.message.includes('release-plz'))).toBe(true)
  })

  it('shows Rust fixes when the practices are missing: no Python, Node or Go snippet', async () => {
    const bare: Record<string, string> = {
      'Cargo.toml': '[package]\nname = "bare"\nversion = "0.1.0"\n\n[dependencies]\nactix-web = "4"\n',
      'src/main.rs': 'use actix_web::{web, App, HttpServer};\n\n#[actix_web::main]\nasync fn main() {\n    HttpServer::new(|| App::new().route("/orders", web::get().to(list))).bind(("0.0.0.0", 8080)).unwrap().run().await.unwrap();\n}\n',
      'Dockerfile': 'FROM rust:1\nCOPY . .\nRUN cargo build --release\n',
      '.github/workflows/ci.yml': 'on: [pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: cargo build --release\n'
    }
    const { status, report } = await statuses(bare)
    expect(status).toMatchObject({ 'ci-lint': 'fail', 'ci-tests': 'fail', 'type-checking': 'pass', 'static-analysis': 'fail', 'health-endpoint': 'fail', 'openapi-published': 'fail', 'container-build': 'partial', 'feature-flags': 'fail', 'circuit-breakers': 'fail' })
    for (const c of report.checks) {
      if (c.status === 'pass' || c.remediation === null) continue
      expect(c.remediation, c.id).not.toMatch(/```(python|js|ts|go)\b|FROM python|npm ci|pip install|\bgo test/)
    }
    const fix = (id: string) => report.checks.find((c) => c.id === id)!.remediation ?? ''
    expect(fix('ci-lint')).toContain('cargo clippy')
    expect(fix('ci-tests')).toContain('cargo nextest run')
    expect(fix('health-endpoint')).toContain('#[get("/healthz")]')
    expect(fix('openapi-published')).toContain('SwaggerUi::new')
    expect(fix('container-build')).toContain('docker/build-push-action')
    expect(fix('feature-flags')).toContain('open_feature')
    expect(fix('circuit-breakers')).toContain('reqwest_retry')
    expect(fix('static-analysis')).toContain('cargo-deny-action')
  })

  it('counts as services only the crates of a workspace that build a binary: library crates using the framework are parts of one', async () => {
    const crate = (name: string, deps: string) => `[package]\nname = "${name}"\nversion = "0.1.0"\n\n[dependencies]\n${deps}\n`
    const lib = { 'crates/handlers/Cargo.toml': crate('handlers', 'axum = "0.8"'), 'crates/handlers/src/lib.rs': 'pub async fn h() {}\n' }
    const api = { 'crates/api/Cargo.toml': crate('api', 'axum = "0.8"\nhandlers = { path = "../handlers" }'), 'crates/api/src/main.rs': 'fn main() { let app = Router::new().route("/healthz", get(h)); }\n' }
    const worker = { 'crates/worker/Cargo.toml': crate('worker', 'axum = "0.8"') + '\n[[bin]]\nname = "worker"\npath = "worker.rs"\n', 'crates/worker/worker.rs': 'fn main() {}\n' }
    const ws = { 'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n' }
    const one = await scanReport({ root: tempGitRepo({ ...ws, ...lib, ...api }), config: { ...DEFAULT_CONFIG, minScore: 0 }, inputs: { tags: null } })
    expect(one.services).toBeUndefined()
    const two = await scanReport({ root: tempGitRepo({ ...ws, ...lib, ...api, ...worker }), config: { ...DEFAULT_CONFIG, minScore: 0 }, inputs: { tags: null } })
    expect(two.services!.map((s) => s.path)).toEqual(['crates/api', 'crates/worker'])
  })
})
