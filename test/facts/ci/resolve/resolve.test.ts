import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'
import { collectLocalHooks, resolveScript, type ResolvedCommand } from '../../../../src/facts/ci/resolve/index.js'

const STEP = { path: '.github/workflows/ci.yml', line: 10, text: 'Lint' }

function run(files: Record<string, string>, script: string, cwd = ''): ResolvedCommand[] {
  return resolveScript(script, { snapshot: new MemorySnapshot(files), path: '.github/workflows/ci.yml', line: 12, cwd, chain: [STEP] })
}
const chain = (c: ResolvedCommand) => c.chain.map((l) => `${l.path}:${l.line ?? '?'} ${l.text}`)
const argvs = (cs: ResolvedCommand[]) => cs.map((c) => c.argv.join(' '))

describe('resolveScript: the CI script itself', () => {
  it('links each command to its line in the workflow and strips wrappers', () => {
    const out = run({}, 'uv run ruff check .\npoetry run python -m pytest -q\nnpx --yes eslint@9 .\n./node_modules/.bin/tsc --noEmit\nbundle exec bin/rubocop\nsudo -E env CI=1 time go vet ./...')
    expect(argvs(out)).toEqual(['ruff check .', 'pytest -q', 'eslint .', 'tsc --noEmit', 'rubocop', 'go vet ./...'])
    expect(chain(out[1]!)).toEqual(['.github/workflows/ci.yml:10 Lint', '.github/workflows/ci.yml:13 poetry run python -m pytest -q'])
    expect(out[1]!.text).toBe('poetry run python -m pytest -q')
  })

  it.each([
    ['go run github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.1.0 run', ['golangci-lint run']],
    ['coverage run -m pytest tests', ['coverage run', 'pytest tests']],
    ['docker compose run --rm -e X=1 api pytest -x', ['pytest -x']],
    ['docker run --rm -v $PWD:/src golangci/golangci-lint:v1 golangci-lint run', ['golangci-lint run']],
    ['bash -c "ruff check . && mypy"', ['ruff check .', 'mypy']],
    ['xvfb-run -a npx playwright test', ['playwright test']],
    ['cross-env NODE_ENV=test jest --ci', ['jest --ci']],
    ['dotenv -e .env.test -- vitest run', ['vitest run']],
    ['python3 manage.py test', ['python manage.py test']]
  ])('unwraps %j', (script, expected) => {
    expect(argvs(run({}, script))).toEqual(expected)
  })

  it('tracks cd and flags fixers followed by git diff --exit-code', () => {
    const out = run({}, 'cd backend\nruff format .\ngit diff --exit-code')
    expect(out.map((c) => [c.argv.join(' '), c.cwd, c.followedByDiffCheck ?? false])).toEqual([
      ['ruff format .', 'backend', true],
      ['git diff --exit-code', 'backend', false]
    ])
  })

  it('keeps gofmt inside test -z with checkedOutput', () => {
    const out = run({}, 'test -z "$(gofmt -l .)"')
    expect(out[0]).toMatchObject({ argv: ['gofmt', '-l', '.'], checkedOutput: true, neutralised: null })
  })
})

describe('make', () => {
  const files = {
    Makefile: 'PY := uv run\nSRC = src\n.PHONY: lint test ci\n\nci: lint test\n\nlint:\n\t@$(PY) ruff check $(SRC)\n\t-mypy $(SRC)\n\ntest:\n\t$(MAKE) unit\n\nunit:\n\tpytest -q\n\nloop: loop\n\techo loop\n',
    'sub/Makefile': 'all:\n\tgo vet ./...\n'
  }
  it('follows prerequisites, recipes, variables, $(MAKE) and the - prefix', () => {
    const out = run(files, 'make ci')
    expect(out.map((c) => [c.argv.join(' '), c.neutralised])).toEqual([
      ['ruff check src', null],
      ['mypy src', "make '-' prefix"],
      ['pytest -q', null]
    ])
    expect(chain(out[0]!)).toEqual(['.github/workflows/ci.yml:10 Lint', '.github/workflows/ci.yml:12 make ci', 'Makefile:8 uv run ruff check src'])
    expect(chain(out[2]!)).toEqual(['.github/workflows/ci.yml:10 Lint', '.github/workflows/ci.yml:12 make ci', 'Makefile:12 make unit', 'Makefile:15 pytest -q'])
  })
  it('uses -C, the default goal, and survives self-dependency', () => {
    expect(run(files, 'make -C sub').map((c) => [c.argv.join(' '), c.cwd])).toEqual([['go vet ./...', 'sub']])
    expect(argvs(run(files, 'make loop'))).toEqual(['echo loop'])
  })
  it('reads a rule whose target is a variable ($(DIST): $(DEPS)) and skips function-call lines', () => {
    const mk = {
      Makefile: 'YARN ?= yarn\nDIST = frontend/dist\nDEPS = \\\n\tfrontend/package.json \\\n\t$(shell find frontend/src -type f)\n$(info building)\n$(eval X := 1)\n\n$(DIST): $(DEPS)\n\tcd frontend && $(YARN) build\n\n.PHONY: dist\ndist: $(DIST)\n',
      'frontend/package.json': '{"scripts": {"prebuild": "eslint src", "build": "vite build"}}'
    }
    expect(run(mk, 'make dist').map((c) => [c.argv.join(' '), c.cwd])).toEqual([
      ['eslint src', 'frontend'],
      ['vite build', 'frontend']
    ])
  })
  it('emits unresolvable targets as written and propagates || true', () => {
    expect(argvs(run(files, 'make nope'))).toEqual(['make nope'])
    expect(argvs(run({}, 'make lint'))).toEqual(['make lint'])
    expect(run(files, 'make lint || true').map((c) => [c.argv.join(' '), c.neutralised])).toEqual([
      ['ruff check src', '|| true'],
      ['mypy src', '|| true'],
      ['true', null]
    ])
  })
})

describe('package.json scripts', () => {
  const pkg = JSON.stringify({ name: 'root', scripts: { lint: 'eslint . --max-warnings 0', pretest: 'tsc --noEmit', test: 'vitest run', ci: 'npm run lint && npm test', 'lint:css': 'stylelint "**/*.css"', all: 'run-s lint:*', self: 'npm run self' } }, null, 2)
  const files = { 'package.json': pkg, 'packages/api/package.json': JSON.stringify({ name: 'api', scripts: { test: 'jest' } }, null, 2), 'packages/web/package.json': '{"name":"web","scripts":{"lint":"next lint"}}' }
  it('npm cit and npm install-test install, then run the test script', () => {
    const pkg = { 'package.json': '{"scripts": {"test": "tsc --noEmit && vitest run"}}' }
    for (const sub of ['cit', 'install-ci-test', 'it', 'install-test']) expect(argvs(run(pkg, `npm ${sub} --no-audit`))).toEqual(['tsc --noEmit', 'vitest run'])
  })
  it('follows chains and pre hooks with exact chains', () => {
    const out = run(files, 'npm run ci')
    expect(argvs(out)).toEqual(['eslint . --max-warnings 0', 'tsc --noEmit', 'vitest run'])
    expect(chain(out[0]!)).toEqual(['.github/workflows/ci.yml:10 Lint', '.github/workflows/ci.yml:12 npm run ci', 'package.json:7 npm run lint', 'package.json:4 eslint . --max-warnings 0'])
  })
  it.each([
    ['yarn lint --fix', ['eslint . --max-warnings 0 --fix']],
    ['pnpm run test', ['vitest run']],
    ['npm test -- --coverage', ['tsc --noEmit', 'vitest run --coverage']],
    ['yarn tsc -p .', ['tsc -p .']],
    ['npm run all', ['stylelint **/*.css']],
    ['pnpm -r test', ['jest']],
    ['npm run lint --workspaces', ['next lint']],
    ['turbo run lint test', ['next lint', 'jest']],
    ['npm run missing', ['npm run missing']],
    ['npm ci', ['npm ci']],
    ['npm run self', ['npm run self']]
  ])('%s', (script, expected) => {
    expect(argvs(run(files, script))).toEqual(expected)
  })
  it('runs workspace scripts in their directory', () => {
    expect(run(files, 'pnpm --filter api test').map((c) => [c.argv.join(' '), c.cwd])).toEqual([['jest', 'packages/api']])
  })
  it('reads nx project.json targets', () => {
    const nx = { 'apps/api/project.json': JSON.stringify({ name: 'api', targets: { lint: { executor: '@nx/eslint:lint' }, test: { command: 'jest apps/api' } } }, null, 2) }
    const out = run(nx, 'npx nx run-many -t lint test')
    expect(out.map((c) => [c.argv.join(' '), c.synthetic ?? false])).toEqual([['eslint', true], ['jest apps/api', false]])
    expect(chain(out[1]!).at(-1)).toBe('apps/api/project.json:7 jest apps/api')
  })

  it('reads nx with its subcommand in a variable, nx format:check, and a named project without the root script (amplication)', () => {
    const files = {
      'package.json': JSON.stringify({ scripts: { build: 'nx run-many --target=build' } }),
      'apps/api/project.json': JSON.stringify({ name: 'api', targets: { lint: { executor: '@nx/eslint:lint' }, build: { executor: '@nx/js:tsc' } } }, null, 2),
      'apps/web/project.json': JSON.stringify({ name: 'web', targets: { build: { executor: '@nx/webpack:webpack' } } }, null, 2)
    }
    expect(argvs(run(files, 'npx nx $NX_AFFECTED_OR_ALL --target=lint'))).toEqual(['eslint'])
    expect(argvs(run(files, 'npx nx format:check $NX_FORCE_ALL'))).toEqual(['prettier --check .'])
    // web's build target has no known tool: it is not the root script's run-many (which would credit api's tsc).
    expect(argvs(run(files, 'npx nx build web'))).toEqual(['nx run build'])
  })

  it('reads a target whose name has a colon for a project given by an expression (nx package:container ${{ matrix.project }})', () => {
    const files = { 'apps/server/project.json': JSON.stringify({ name: 'server', targets: { 'package:container': { executor: '@nx-tools/nx-container:build' } } }, null, 2) }
    expect(argvs(run(files, 'npx nx package:container ${{ matrix.project }} --prod'))).toEqual(['docker buildx build'])
    expect(argvs(run(files, 'npx nx server:package:container'))).toEqual(['docker buildx build'])
  })
})

describe('workspace filters after run', () => {
  it('reads bun/pnpm --filter written after `run`', () => {
    const files = {
      'package.json': JSON.stringify({ workspaces: ['frontend'] }),
      'frontend/package.json': JSON.stringify({ name: 'frontend', scripts: { lint: 'biome check .' } })
    }
    expect(argvs(run(files, 'bun run --filter frontend lint'))).toEqual(['biome check .'])
    expect(argvs(run(files, 'pnpm run --filter frontend lint'))).toEqual(['biome check .'])
  })
})

describe('tox and nox', () => {
  const tox = '[tox]\nenvlist = py312, lint\n\n[testenv]\ncommands =\n    pytest {posargs:tests}\n\n[testenv:lint]\ncommands =\n    ruff check .\n    - mypy src\n'
  it('runs envlist envs with their commands, - prefix neutralises', () => {
    const out = run({ 'tox.ini': tox }, 'tox')
    expect(out.map((c) => [c.argv.join(' '), c.neutralised])).toEqual([['pytest tests', null], ['ruff check .', null], ['mypy src', "tox '-' prefix"]])
    expect(chain(out[1]!).at(-1)).toBe('tox.ini:10 ruff check .')
    expect(argvs(run({ 'tox.ini': tox }, 'tox -e lint'))).toEqual(['ruff check .', 'mypy src'])
    // A short option glued to its value is the same option: `-elint` runs lint only, never pytest.
    expect(argvs(run({ 'tox.ini': tox }, 'tox -elint'))).toEqual(['ruff check .', 'mypy src'])
    expect(argvs(run({ 'tox.ini': tox }, 'tox -epy312,lint'))).toEqual(['pytest tests', 'ruff check .', 'mypy src'])
  })
  it('on GitHub Actions, a bare tox with tox-gh-actions runs the mapped environments, not the envlist', () => {
    const gh = '[tox]\nenvlist = py{311,312}, lint, docs\n\n[gh-actions]\npython =\n    3.11: py311\n    3.12: py312, lint\n\n[testenv]\ncommands = pytest\n\n[testenv:lint]\ncommands = ruff check .\n\n[testenv:docs]\ncommands = sphinx-build docs out\n'
    expect(argvs(run({ 'tox.ini': gh }, 'tox'))).toEqual(['pytest', 'pytest', 'ruff check .'])
    expect(argvs(run({ 'tox.ini': gh }, 'tox -e docs'))).toEqual(['sphinx-build docs out'])
    // Elsewhere the plugin does nothing: the envlist runs.
    const gitlab = resolveScript('tox', { snapshot: new MemorySnapshot({ 'tox.ini': gh }), path: '.gitlab-ci.yml', line: 3, cwd: '', chain: [{ path: '.gitlab-ci.yml', line: 2, text: 'test' }] })
    expect(argvs(gitlab)).toEqual(['pytest', 'pytest', 'ruff check .', 'sphinx-build docs out'])
  })
  it('reads legacy_tox_ini from pyproject', () => {
    const py = '[project]\nname = "x"\n\n[tool.tox]\nlegacy_tox_ini = """\n[tox]\nenvlist = py\n[testenv]\ncommands = pytest\n"""\n'
    const out = run({ 'pyproject.toml': py }, 'tox')
    expect(argvs(out)).toEqual(['pytest'])
    expect(chain(out[0]!).at(-1)).toBe('pyproject.toml:9 pytest')
  })
  it('reads nox sessions without executing them', () => {
    const nf = 'import nox\n\nnox.options.sessions = ["lint"]\n\n@nox.session(python="3.12")\ndef lint(session):\n    session.install("ruff")\n    session.run("ruff", "check", "src", *session.posargs)\n\n@nox.session\ndef tests(session):\n    session.run(\n        "pytest",\n        "-q",\n    )\n'
    const out = run({ 'noxfile.py': nf }, 'nox')
    expect(argvs(out)).toEqual(['ruff check src'])
    expect(chain(out[0]!).at(-1)).toBe('noxfile.py:8 ruff check src')
    expect(argvs(run({ 'noxfile.py': nf }, 'nox -s tests lint'))).toEqual(['ruff check src', 'pytest -q'])
  })
})

describe('other task runners', () => {
  it.each([
    ['just', { justfile: 'default: lint\n\nlint: fmt\n    ruff check .\n\nfmt:\n    @ruff format --check .\n' }, 'just', ['ruff format --check .', 'ruff check .']],
    ['go-task', { 'Taskfile.yml': 'version: "3"\ntasks:\n  lint:\n    deps: [vet]\n    cmds:\n      - golangci-lint run\n      - task: test\n  vet: go vet ./...\n  test:\n    cmds:\n      - go test ./...\n' }, 'task lint', ['go vet ./...', 'golangci-lint run', 'go test ./...']],
    ['taskipy', { 'pyproject.toml': '[tool.taskipy.tasks]\nlint = "ruff check ."\npre_lint = "echo start"\n' }, 'task lint', ['echo start', 'ruff check .']],
    ['mise', { 'mise.toml': '[tasks.lint]\nrun = "ruff check ."\n' }, 'mise run lint', ['ruff check .']],
    ['hatch script', { 'pyproject.toml': '[tool.hatch.envs.lint.scripts]\ncheck = ["ruff check .", "mypy src"]\n' }, 'hatch run lint:check', ['ruff check .', 'mypy src']],
    ['hatch fmt --check', {}, 'hatch fmt --check', ['ruff check', 'ruff format --check']],
    ['hatch run passthrough', {}, 'hatch run pytest -x', ['pytest -x']],
    ['pdm', { 'pyproject.toml': '[tool.pdm.scripts]\nlint = "ruff check ."\ntest = {cmd = "pytest -q"}\nall = {composite = ["lint", "test"]}\n' }, 'pdm run all', ['ruff check .', 'pytest -q']],
    ['rye', { 'pyproject.toml': '[tool.rye.scripts]\nfmt = ["ruff", "format", "--check"]\n' }, 'rye run fmt', ['ruff format --check']],
    ['poe', { 'pyproject.toml': '[tool.poe.tasks]\nlint = "ruff check ."\ntypes = {shell = "mypy src"}\ncheck = ["lint", "types"]\n' }, 'poe check', ['ruff check .', 'mypy src']],
    ['invoke', { 'tasks.py': 'from invoke import task\n\n@task\ndef lint(c):\n    c.run("flake8 src")\n\n@task(pre=[lint])\ndef test(c):\n    c.run("pytest")\n' }, 'inv test', ['flake8 src', 'pytest']],
    ['shell script', { 'scripts/lint.sh': '#!/usr/bin/env bash\nset -e\nruff check .\n' }, 'bash scripts/lint.sh', ['set -e', 'ruff check .']],
    ['ruby binstub is a tool', { 'bin/rubocop': '#!/usr/bin/env ruby\nload Gem.bin_path("rubocop", "rubocop")\n' }, 'bin/rubocop -f github', ['rubocop -f github']],
    ['rails bin/ci', { 'bin/ci': '#!/usr/bin/env ruby\nrequire_relative "../config/boot"\n', 'config/ci.rb': 'CI.run do\n  step "Setup", "bin/setup --skip-server"\n  step "Style: Ruby", "bin/rubocop"\n  step "Tests: Rails", "bin/rails", "test"\nend\n' }, 'bin/ci', ['setup --skip-server', 'rubocop', 'rails test']]
  ])('%s', (_n, files, script, expected) => {
    expect(argvs(run(files as Record<string, string>, script))).toEqual(expected)
  })

  it('links script files and stops at a script sourcing itself', () => {
    const out = run({ 'scripts/ci.sh': 'source scripts/ci.sh\nmypy .\n' }, './scripts/ci.sh')
    expect(argvs(out)).toEqual(['source scripts/ci.sh', 'mypy .'])
    expect(chain(out[1]!)).toEqual(['.github/workflows/ci.yml:10 Lint', '.github/workflows/ci.yml:12 ./scripts/ci.sh', 'scripts/ci.sh:2 mypy .'])
  })
})

describe('pre-commit', () => {
  const cfg = [
    'repos:',
    '  - repo: https://github.com/astral-sh/ruff-pre-commit',
    '    rev: v0.6.0',
    '    hooks:',
    '      - id: ruff',
    '        args: [--fix]',
    '      - id: ruff-format',
    '  - repo: https://github.com/pre-commit/pre-commit-hooks',
    '    rev: v4',
    '    hooks:',
    '      - id: trailing-whitespace',
    '  - repo: local',
    '    hooks:',
    '      - id: types',
    '        name: mypy',
    '        entry: uv run mypy',
    '        language: system',
    '        args: [src]',
    '      - id: manual-only',
    '        entry: echo manual',
    '        language: system',
    '        stages: [manual]',
    ''
  ].join('\n')
  it('expands hooks from the data table and local entries', () => {
    const out = run({ '.pre-commit-config.yaml': cfg }, 'pre-commit run --all-files --show-diff-on-failure')
    expect(out.map((c) => [c.argv.join(' '), c.hookId, c.failsOnChange])).toEqual([
      ['ruff check --force-exclude --fix', 'ruff', true],
      ['ruff format --force-exclude', 'ruff-format', true],
      ['trailing-whitespace', 'trailing-whitespace', true],
      ['mypy src', 'types', true]
    ])
    expect(chain(out[0]!)).toEqual(['.github/workflows/ci.yml:10 Lint', '.github/workflows/ci.yml:12 pre-commit run --all-files --show-diff-on-failure', '.pre-commit-config.yaml:5 ruff: ruff check --force-exclude --fix'])
    expect(chain(out[3]!).at(-1)).toBe('.pre-commit-config.yaml:14 uv run mypy src')
    expect(argvs(run({ '.pre-commit-config.yaml': cfg }, 'uv run prek run ruff-format'))).toEqual(['ruff format --force-exclude'])
  })
  it('collects local hooks: pre-commit, husky, lint-staged', () => {
    const snap = new MemorySnapshot({
      '.pre-commit-config.yaml': cfg,
      '.husky/pre-commit': 'npx lint-staged\n',
      'package.json': JSON.stringify({ scripts: {}, 'lint-staged': { '*.ts': ['eslint --fix', 'prettier --write'] } }, null, 2)
    })
    const out = collectLocalHooks(snap)
    expect(out.map((c) => [c.argv.join(' '), c.hookId])).toEqual([
      ['ruff check --force-exclude --fix', 'ruff'],
      ['ruff format --force-exclude', 'ruff-format'],
      ['trailing-whitespace', 'trailing-whitespace'],
      ['mypy src', 'types'],
      ['eslint --fix', 'lint-staged'],
      ['prettier --write', 'lint-staged']
    ])
    expect(chain(out[0]!)).toEqual(['.pre-commit-config.yaml:5 ruff: ruff check --force-exclude --fix'])
    expect(chain(out[4]!)).toEqual(['.husky/pre-commit:1 npx lint-staged', 'package.json:4 eslint --fix'])
  })
})

describe('maven and gradle', () => {
  it('follows ./mvnw and ./gradlew to the lifecycle, not into the wrapper scripts', () => {
    const files = {
      mvnw: '#!/bin/sh\nif [ -z "$JAVA_HOME" ]; then\n  echo no java\nfi\nexec java -jar wrapper.jar "$@"\n',
      gradlew: '#!/bin/sh\nuname\nexec java -jar gradle-wrapper.jar "$@"\n',
      'pom.xml': '<project>\n  <build>\n    <plugins>\n      <plugin>\n        <artifactId>maven-checkstyle-plugin</artifactId>\n        <executions><execution><phase>validate</phase><goals><goal>check</goal></goals></execution></executions>\n      </plugin>\n    </plugins>\n  </build>\n</project>\n',
      'build.gradle': "plugins {\n  id 'java'\n  id 'checkstyle'\n}\n"
    }
    expect(argvs(run(files, './mvnw -B verify'))).toEqual(['mvn -B verify', 'mvn compiler:compile', 'mvn surefire:test', 'mvn checkstyle:check'])
    expect(argvs(run(files, './gradlew build'))).toEqual(['gradle build', 'gradle compileJava', 'gradle test', 'gradle checkstyleMain'])
  })

  const pom = `<project>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-checkstyle-plugin</artifactId>
        <executions>
          <execution>
            <phase>validate</phase>
            <goals><goal>check</goal></goals>
          </execution>
        </executions>
      </plugin>
      <plugin>
        <artifactId>spotbugs-maven-plugin</artifactId>
        <configuration><failOnError>false</failOnError></configuration>
        <executions><execution><goals><goal>check</goal></goals></execution></executions>
      </plugin>
    </plugins>
    <pluginManagement><plugins><plugin><artifactId>maven-pmd-plugin</artifactId>
      <executions><execution><goals><goal>check</goal></goals></execution></executions></plugin></plugins></pluginManagement>
  </build>
</project>
`
  it('binds plugin goals to the phases run', () => {
    const out = run({ 'pom.xml': pom }, './mvnw -B verify')
    expect(out.map((c) => [c.argv.join(' '), c.neutralised, c.synthetic ?? false])).toEqual([
      ['mvn -B verify', null, false],
      ['mvn compiler:compile', null, true],
      ['mvn surefire:test', null, true],
      ['mvn checkstyle:check', null, true],
      ['mvn spotbugs:check', 'pom: <failOnError>false</failOnError>', true]
    ])
    expect(chain(out[3]!).at(-1)).toBe('pom.xml:4 maven-checkstyle-plugin checkstyle:check (validate)')
    expect(argvs(run({ 'pom.xml': pom }, 'mvn package -DskipTests'))).toEqual(['mvn package -DskipTests', 'mvn compiler:compile', 'mvn checkstyle:check'])
    expect(argvs(run({ 'pom.xml': pom }, 'mvn validate'))).toEqual(['mvn validate', 'mvn checkstyle:check'])
  })
  it('expands gradle build into check tasks, honouring -x', () => {
    const gradle = "plugins {\n  id 'java'\n  id 'checkstyle'\n  id(\"com.diffplug.spotless\") version \"6.25.0\"\n}\n"
    const out = run({ 'build.gradle': gradle }, './gradlew build -x test')
    expect(argvs(out)).toEqual(['gradle build -x test', 'gradle compileJava', 'gradle checkstyleMain', 'gradle spotlessCheck'])
    expect(chain(out[3]!).at(-1)).toBe('build.gradle:4 com.diffplug.spotless plugin: spotlessCheck')
  })
})

describe('CircleCI test splitting', () => {
  it('follows `circleci tests run --command=…` and `circleci tests split | xargs …` to the command they run', () => {
    const out = run({}, 'circleci tests glob "spec/**/*_spec.rb" | circleci tests run --command="xargs bundle exec rspec \\\n    --format progress" --split-by=timings\nbundle exec rspec $(circleci tests glob "spec/**/*.rb" | circleci tests split)\ncircleci tests glob "test/**/*.py" | circleci tests split | xargs -n 1 -I {} python -m pytest {}')
    expect(argvs(out).filter((a) => !a.startsWith('circleci'))).toEqual(['rspec --format progress', 'rspec $(circleci tests glob "spec/**/*.rb" | circleci tests split)', 'pytest {}'])
  })
})

describe('coverage wrappers', () => {
  it('run the command after their options (nyc, c8)', () => {
    const files = { 'package.json': JSON.stringify({ scripts: { coverage: 'cross-env TESTING=1 nyc --reporter lcov jasmine', cov2: 'c8 -r lcov node --test' } }) }
    expect(argvs(run(files, 'npm run coverage'))).toEqual(['jasmine'])
    expect(argvs(run(files, 'npm run cov2'))).toEqual(['node --test'])
  })
})

describe('Make functions and shells in recipes', () => {
  it('follows $(BASH) set from $(shell command -v bash) and an unset $(SHELL) into the script', () => {
    const files = {
      Makefile: 'BASH ?= $(shell command -v bash 2> /dev/null)\nunit:\n\tGO_FLAGS=-race $(BASH) -xe ./scripts/test.sh\nsh:\n\t$(SHELL) scripts/test.sh\n',
      'scripts/test.sh': '#!/usr/bin/env bash\ngo test ./...\n'
    }
    for (const target of ['unit', 'sh']) {
      const out = run(files, `make ${target}`)
      expect(argvs(out)).toEqual(['go test ./...'])
      expect(chain(out[0]!).at(-1)).toBe('scripts/test.sh:2 go test ./...')
    }
  })
  it('reads a program found on PATH with a bootstrapped fallback holding a reference of its own as that program', () => {
    const files = {
      Makefile: 'UV_DIR ?= .uv-venv\nUV = $(shell command -v uv 2>/dev/null || printf \'%s\' "$(UV_DIR)/bin/uv")\nUV_RUN = $(UV) run --locked\nunit:\n\t@$(UV_RUN) --extra tests pytest -sv tests/\n'
    }
    const out = run(files, 'make unit')
    expect(argvs(out)).toEqual(['pytest -sv tests/'])
    expect(out[0]!.opaque).toBeUndefined()
  })
  it('reads $(shell cmd) in a recipe as the command substitution it is', () => {
    const out = run({ Makefile: 'check:\n\tif [ -n "$(shell git status --porcelain | grep docs)" ]; then exit 1; fi\n' }, 'make check')
    const status = out.find((c) => c.argv[0] === 'git')!
    expect(status.argv).toEqual(['git', 'status', '--porcelain'])
    expect(status.checkedOutput).toBe(true)
  })
})

describe('bounds', () => {
  it('survives mutually dependent make targets', () => {
    expect(argvs(run({ Makefile: 'a: b\n\techo a\nb: a\n\techo b\n' }, 'make a'))).toEqual(['echo b', 'echo a'])
  })
  it('resolves a 1 MB one-line script fast', () => {
    const t0 = Date.now()
    const out = run({ Makefile: 'x:\n\techo x\n' }, 'make x && '.repeat(100_000))
    expect(Date.now() - t0).toBeLessThan(3000)
    expect(out.length).toBeLessThanOrEqual(2000)
  })
  it('stops a recursive npm script at the depth cap', () => {
    const scripts: Record<string, string> = {}
    for (let i = 0; i < 20; i++) scripts[`s${i}`] = `npm run s${i + 1} && npm run s${i + 1}`
    const out = run({ 'package.json': JSON.stringify({ scripts }) }, 'npm run s0')
    expect(out.length).toBeGreaterThan(0)
    expect(out.length).toBeLessThanOrEqual(2000)
    expect(out.every((c) => c.chain.length <= 12)).toBe(true)
  })
})

describe('make $(shell …) in recursively expanded variables', () => {
  it('follows a variable\'s $(shell …) once per make invocation, however often recipes reference it', () => {
    const files = {
      Makefile: 'TAGS = $(shell ./hack/tags.sh)\n\nbuild:\n\tgo build -tags "$(TAGS)" ./cmd/a\n\tgo build -tags "$(TAGS)" ./cmd/b\n\ninstall: build\n\tinstall -m 755 bin/a "$(TAGS)"\n',
      'hack/tags.sh': '#!/bin/sh\npkg-config --exists libfoo && echo foo\n'
    }
    const out = argvs(run(files, 'make install'))
    expect(out.filter((a) => a.startsWith('pkg-config'))).toEqual(['pkg-config --exists libfoo'])
    // Later references read as the command's output: the commands around them are still followed.
    expect(out.filter((a) => a.startsWith('go build'))).toHaveLength(2)
    expect(out.some((a) => a.startsWith('install -m 755'))).toBe(true)
    // A second invocation follows it again.
    expect(argvs(run(files, 'make build\nmake build')).filter((a) => a.startsWith('pkg-config'))).toHaveLength(2)
  })
})
