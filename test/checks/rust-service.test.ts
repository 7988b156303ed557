import circuitBreakers from '../../src/checks/circuit-breakers.js'
import featureFlags from '../../src/checks/feature-flags.js'
import releaseVersioning from '../../src/checks/release-versioning.js'
import { checkTester } from '../helpers/check-tester.js'
import { action, run } from '../helpers/facts.js'

/** The Rust rows of the dependency and release catalogues, on Cargo manifests and Rust code. */

const cargo = (deps: string): Record<string, string> => ({ 'Cargo.toml': `[package]\nname = "svc"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.8"\n${deps}\n` })

checkTester(featureFlags, {
  pass: [
    {
      name: 'rust: the OpenFeature crate evaluated in code',
      facts: { files: { ...cargo('open-feature = "0.2"'), 'src/pricing.rs': 'pub async fn price() {\n    let client = open_feature::OpenFeature::singleton().await.create_client();\n    let on = client.get_bool_value("new-pricing", None, None).await;\n}\n' } },
      messageId: 'sdk-used',
      data: { sdk: 'OpenFeature' },
      evidence: [{ path: 'Cargo.toml', line: 7 }, { path: 'src/pricing.rs', line: 3, message: 'flag evaluated' }]
    },
    {
      name: 'rust: an in-house flag system toggled at runtime by a write route',
      facts: {
        files: {
          ...cargo(''),
          'src/main.rs': 'use axum::{routing::get, Router};\nfn app() -> Router {\n    Router::new().route("/experimental-features", get(get_features).patch(patch_features))\n}\n'
        }
      },
      messageId: 'in-house',
      evidence: [{ path: 'src/main.rs', line: 3, message: 'in-house flags toggled at runtime: GET/PATCH /experimental-features' }]
    },
    {
      name: 'rust: an in-house flags module used through crate:: imports',
      facts: {
        files: {
          ...cargo(''),
          'src/feature_flags.rs': 'pub fn is_enabled(name: &str) -> bool { std::env::var(name).is_ok() }\n',
          'src/handlers.rs': 'use crate::feature_flags::is_enabled;\npub fn h() { if is_enabled("x") {} }\n'
        }
      },
      messageId: 'in-house'
    }
  ],
  partial: [
    {
      name: 'rust: a /features route (even one that takes POST) and a struct named FeatureFlag are product data, not a flag system',
      facts: {
        files: {
          ...cargo('launchdarkly-server-sdk = "2"'),
          'src/main.rs': 'fn app() -> Router {\n    Router::new().route("/features", get(list).post(create))\n}\npub struct FeatureFlag(pub String);\n'
        }
      },
      messageId: 'sdk-unused',
      data: { sdk: 'LaunchDarkly' },
      remediation: ['open_feature::OpenFeature']
    }
  ]
})

checkTester(circuitBreakers, {
  pass: [
    {
      name: 'rust: reqwest-retry middleware around the HTTP client',
      facts: { files: { ...cargo('reqwest-middleware = "0.4"\nreqwest-retry = "0.7"'), 'src/rates.rs': 'use reqwest_retry::{policies::ExponentialBackoff, RetryTransientMiddleware};\npub fn c() { let m = RetryTransientMiddleware::new_with_policy(ExponentialBackoff::builder().build_with_max_retries(3)); }\n' } },
      messageId: 'library-used',
      data: { libs: 'reqwest-retry' }
    },
    {
      name: 'rust: backoff called by its full path without a use line',
      facts: { files: { ...cargo('backoff = { version = "0.4", features = ["tokio"] }'), 'src/export.rs': 'pub async fn send() {\n    backoff::future::retry(backoff::ExponentialBackoff::default(), || async { Ok(()) }).await\n}\n' } },
      messageId: 'library-used',
      data: { libs: 'backoff' },
      evidence: [{ path: 'Cargo.toml', line: 7 }, { path: 'src/export.rs', line: 2 }]
    },
    { name: 'rust: failsafe circuit breaker', facts: { files: { ...cargo('failsafe = "1"'), 'src/cb.rs': 'pub fn cb() { let breaker = failsafe::Config::new().build(); breaker.call(|| fetch()); }\n' } }, messageId: 'library-used', data: { libs: 'failsafe' } }
  ],
  partial: [
    {
      name: 'rust: reqwest-middleware alone is plumbing; a hand-rolled while-let-Err loop with a sleep is a retry',
      facts: {
        files: {
          ...cargo('reqwest-middleware = "0.4"\nreqwest-tracing = "0.5"'),
          'src/send.rs': 'pub async fn send(task: Task) {\n    let mut fails = 0;\n    while let Err(e) = task.sign_and_send().await {\n        fails += 1;\n        tokio::time::sleep(delay(fails)).await;\n    }\n}\n'
        }
      },
      messageId: 'hand-rolled',
      evidence: [{ path: 'src/send.rs', line: 3, message: 'hand-rolled retry loop' }],
      remediation: ['RetryTransientMiddleware::new_with_policy']
    }
  ]
})

const TAGS = { names: ['v1.0.0', 'v1.1.0'], source: 'git' as const }

checkTester(releaseVersioning, {
  pass: [
    { name: 'rust: release-plz action', facts: { files: cargo(''), tags: TAGS, ci: { actions: [action('release-plz/action', { version: 'v0.5' })] } }, messageId: 'complete', evidence: [{}, { message: 'release-plz' }] },
    { name: 'rust: cargo release in CI', facts: { files: cargo(''), tags: TAGS, ci: { runs: [run('cargo release --execute --no-confirm', { push: true, pr: false })] } }, messageId: 'complete', evidence: [{}, { message: 'cargo release' }] },
    { name: 'rust: cargo-dist configured in the workspace manifest', facts: { files: { ...cargo(''), 'dist-workspace.toml': '[dist]\ncargo-dist-version = "0.28.0"\n' }, tags: TAGS }, messageId: 'complete', evidence: [{}, { message: 'cargo-dist' }] }
  ]
})
