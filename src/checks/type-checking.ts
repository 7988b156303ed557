import { remediationFor, type RepoProfile, type Snippets } from './catalog/ecosystem.js'
import { definePracticeCheck } from './catalog/practice-check.js'
import { MAKE_IT_FAIL, PHP_SETUP, SETUP_BEAM, workflow } from './catalog/remedies.js'
import { TYPECHECKERS } from './catalog/typecheckers.js'
import { skipFor } from '../facts/ts-build.js'
import type { CheckContext } from './types.js'

/**
 * type-checking: does CI run a type checker on pull requests? For compiled languages (Go, Java,
 * Rust) a CI build is the type check. Partial covers everything that shows typing is set up without an
 * enforcing PR run: a checker on push only, in a local hook only, unable to fail, or configuration
 * (mypy/pyright config, tsconfig.json, a `typecheck` script, a compiled language's build file).
 */

const messages = {
  pr: 'A type checker runs on pull requests: {tools}.',
  'not-on-prs': 'A type checker runs in CI but not on pull requests ({events}): {tools}.',
  'local-only': 'A type checker runs only in local hooks, not in CI: {tools}.',
  'non-blocking': 'A type checker runs in CI but cannot fail the build: {tools}.',
  configured: 'Type checking is configured ({tools}) but CI does not run it on pull requests.',
  unreadable: 'No type checker was found in the CI files that could be read; {count|CI file} could not be parsed.',
  opaque: 'No type checker was found in the CI Shipshape could follow; {count|CI step} could not be followed: {steps}.',
  none: 'No type checker is configured or run in CI.',
  'no-ci': 'No CI configuration was found, and no type checker is configured.'
} as const

function snippets(profile: RepoProfile): Snippets {
  return {
    python: workflow('.github/workflows/typecheck.yml', 'typecheck', ['- uses: astral-sh/setup-uv@v6', '- run: uv sync --all-extras', '- run: uv run mypy .   # or: uv run pyright']),
    node: profile.typescript
      ? workflow('.github/workflows/typecheck.yml', 'typecheck', ['- uses: actions/setup-node@v4', '  with:', '    node-version: 22', '    cache: npm', '- run: npm ci', '- run: npx tsc --noEmit'])
      : 'Adopt TypeScript (or `// @ts-check` with `checkJs`), then run `npx tsc --noEmit` in a job on `pull_request`.',
    go: workflow('.github/workflows/build.yml', 'build', ['- uses: actions/setup-go@v5', '  with:', '    go-version-file: go.mod', '- run: go build ./...', '- run: go vet ./...']),
    java: workflow('.github/workflows/build.yml', 'build', ['- uses: actions/setup-java@v4', '  with:', '    distribution: temurin', '    java-version: 21', profile.gradle ? '- run: ./gradlew build' : '- run: ./mvnw -B verify']),
    ruby: workflow('.github/workflows/typecheck.yml', 'typecheck', ['- uses: ruby/setup-ruby@v1', '  with:', '    bundler-cache: true', '- run: bundle exec srb tc   # or: bundle exec steep check']),
    php: workflow('.github/workflows/typecheck.yml', 'typecheck', [...PHP_SETUP, `# phpstan/phpstan${profile.laravel ? ' (or larastan/larastan)' : ''} in require-dev,`, '# level in phpstan.neon', '- run: vendor/bin/phpstan analyse --no-progress']),
    elixir: workflow('.github/workflows/typecheck.yml', 'typecheck', [...SETUP_BEAM, '- run: mix compile --warnings-as-errors', '# {:dialyxir, "~> 1.4", only: [:dev, :test], runtime: false}', '- run: mix dialyzer']),
    rust: workflow('.github/workflows/check.yml', 'check', ['- uses: dtolnay/rust-toolchain@stable', '- uses: Swatinem/rust-cache@v2', '- run: cargo check --workspace --all-targets --all-features --locked']),
    dotnet: workflow('.github/workflows/build.yml', 'build', ['- uses: actions/setup-dotnet@v4', '  with:', '    dotnet-version: 9.0.x', '- run: dotnet build --configuration Release -warnaserror'])
  }
}

/** A `next build` or `nest build` whose configuration switches its type check off. */
function skippedTypeCheck(ctx: CheckContext, run: { readonly cwd: string }, tool: string): string | undefined {
  if (tool !== 'next build' && tool !== 'nest build') return undefined
  const skip = skipFor(ctx.facts.typeCheckSkips, tool, run.cwd)
  return skip ? `${skip.setting} in ${skip.path}${skip.line !== undefined ? `:${skip.line}` : ''}` : undefined
}

const FALLBACK = 'Add a CI job that runs your type checker (mypy, pyright, `tsc --noEmit`, a compiler build) on `pull_request` (see docs/checks/type-checking.md).'

export default definePracticeCheck({
  meta: {
    id: 'type-checking',
    title: 'Type checking in CI',
    question: 'Does CI run a type checker on pull requests (mypy, pyright, `tsc --noEmit`, …)?',
    messages,
    why: 'A type checker proves whole classes of bugs absent — a misspelt field, a missing `await`, a `None` passed where a value is required — on every change, including the paths tests do not reach. It only protects the code base when it runs on every pull request and can fail it.',
    remediation: FALLBACK
  },
  catalogue: TYPECHECKERS,
  options: (ctx) => ({ veto: (run, tool) => skippedTypeCheck(ctx, run, tool) }),
  doing: 'runs the type checker or compiles the code',
  fix: (profile, opening) => remediationFor(opening, snippets(profile), profile, FALLBACK),
  opening: 'Run the type checker in CI on every pull request:',
  ladder: [
    { tier: 'local', status: 'partial', messageId: 'local-only', remediation: 'default' },
    { tier: 'nonBlocking', status: 'partial', messageId: 'non-blocking', remediation: { opening: MAKE_IT_FAIL } }
  ],
  foot: { configured: 'configured' }
})
