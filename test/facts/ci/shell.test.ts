import { describe, expect, it } from 'vitest'
import { splitScript } from '../../../src/facts/ci/shell.js'

const brief = (s: string) => splitScript(s).map((c) => ({ words: c.words, line: c.line, n: c.neutralised, ...(c.checkedOutput ? { checked: true } : {}), ...(c.inCondition ? { cond: true } : {}) }))

describe('splitScript', () => {
  it.each([
    ['separators', 'a 1; b && c || d\ne | f', [['a', '1'], ['b'], ['c'], ['d'], ['e'], ['f']]],
    ['quotes and escapes', `pytest -k "a and b" 'x y' c\\ d "q\\"q"`, [['pytest', '-k', 'a and b', 'x y', 'c d', 'q"q']]],
    ['continuation', 'flake8 \\\n  src \\\n  tests', [['flake8', 'src', 'tests']]],
    ['comments', '# lint\nruff check . # trailing\n', [['ruff', 'check', '.']]],
    ['assignments and redirections', 'CI=1 FOO="a b" pytest > out.txt 2>&1 </dev/null', [['pytest']]],
    ['heredoc body skipped', 'cat <<EOF > f\nruff check\nEOF\nmypy', [['cat'], ['mypy']]],
    ['heredoc <<- with quoted delimiter', "cat <<-'END'\n\tnot a command\n\tEND\nblack --check .", [['cat'], ['black', '--check', '.']]],
    ['if/for/case/groups', 'if [ -f x ]; then\n  lint\nfi\nfor f in a b; do shellcheck "$f"; done\ncase "$x" in\n  a) t1 ;;\n  *) t2 ;;\nesac\n( cd sub && go vet ./... )\n{ go test ./...; }', [['[', '-f', 'x', ']'], ['lint'], ['shellcheck', '$f'], ['t1'], ['t2'], ['cd', 'sub'], ['go', 'vet', './...'], ['go', 'test', './...']]],
    ['function definitions run where called', 'f() { lint; }\nfunction g { other; }\ng', [['other']]],
    ['arithmetic is not a command', 'n=$((1+2))\n(( n++ ))\necho $n', [['echo', '$n']]]
  ])('%s', (_name, script, expected) => {
    expect(splitScript(script).map((c) => c.words)).toEqual(expected)
  })

  it('gives 1-based lines across continuations and heredocs', () => {
    expect(brief('a\n\nb \\\n c\ncat <<X\n1\n2\nX\nd').map((c) => c.line)).toEqual([1, 3, 5, 9])
  })

  it('surfaces command substitutions, flagging checked output', () => {
    expect(brief('test -z "$(gofmt -l .)"')).toEqual([
      { words: ['gofmt', '-l', '.'], line: 1, n: null, checked: true },
      { words: ['test', '-z', '$(gofmt -l .)'], line: 1, n: null }
    ])
    expect(brief('if [ -n "$(gofmt -s -l .)" ]; then exit 1; fi')[0]).toEqual({ words: ['gofmt', '-s', '-l', '.'], line: 1, n: null, checked: true })
    expect(brief('pylint $(git ls-files "*.py")')[0]).toEqual({ words: ['git', 'ls-files', '*.py'], line: 1, n: '$(…) output' })
    expect(brief('V=`cat VERSION`')).toEqual([{ words: ['cat', 'VERSION'], line: 1, n: null }])
    expect(brief('diff <(echo -n) <(gofmt -d .)').filter((c) => c.checked).map((c) => c.words[0])).toEqual(['echo', 'gofmt'])
  })

  it.each([
    ['ruff check . || true', '|| true'],
    ['npm audit || exit 0', '|| exit 0'],
    ['bandit -r src || :', '|| :'],
    ['mypy src 2>/dev/null || echo "type errors"', '|| echo'],
    ['flake8 src; true', '; true'],
    ['set +e\nflake8 src', 'set +e'],
    ['set -eo pipefail\nset +o errexit\nflake8 src', 'set +e'],
    ['uvicorn app:app &', 'background (&)'],
    ['flake8 src || { echo failed; }', '|| { … }']
  ])('neutralises %j', (script, reason) => {
    expect(splitScript(script).find((c) => c.words[0] === 'ruff' || c.words[0] === 'npm' || c.words[0] === 'bandit' || c.words[0] === 'mypy' || c.words[0] === 'flake8' || c.words[0] === 'uvicorn')?.neutralised).toBe(reason)
  })

  it.each([
    ['flake8 src || exit 1'],
    ['flake8 src || { echo "lint failed"; exit 1; }'],
    ['set +e\nset -e\nflake8 src'],
    ['flake8 src && true'],
    ['flake8 src\ntrue']
  ])('does not neutralise %j', (script) => {
    expect(splitScript(script).find((c) => c.words[0] === 'flake8')?.neutralised).toBeNull()
  })

  it('marks condition commands', () => {
    expect(brief('if ruff check .; then echo ok; fi')).toEqual([
      { words: ['ruff', 'check', '.'], line: 1, n: null, cond: true },
      { words: ['echo', 'ok'], line: 1, n: null }
    ])
  })

  it('a condition stays a condition under set +e, also an assignment from a substitution (`if ! out=$(diff …)`)', () => {
    expect(brief('set +e\nif ! out=$(echo "$x" | diff -C5 "$spec" -); then\n  exit 1\nfi\nflake8 src')).toEqual([
      { words: ['set', '+e'], line: 1, n: null },
      { words: ['echo', '$x'], line: 2, n: null, cond: true },
      { words: ['diff', '-C5', '$spec', '-'], line: 2, n: null, cond: true },
      { words: ['exit', '1'], line: 3, n: 'set +e' },
      { words: ['flake8', 'src'], line: 5, n: 'set +e' }
    ])
  })

  it('keeps unterminated quotes and parentheses bounded', () => {
    expect(splitScript('echo "abc').map((c) => c.words)).toEqual([['echo', 'abc']])
    expect(splitScript("echo 'x\nruff").map((c) => c.words)).toEqual([['echo', 'x\nruff']])
    expect(splitScript('echo $(ruff check').map((c) => c.words[0])).toEqual(['ruff', 'echo'])
  })

  it('finishes fast on a pathological 1 MB one-line script', () => {
    const hostile = [
      'a && '.repeat(200_000),
      '$('.repeat(500_000),
      '"'.repeat(1_000_000),
      '( '.repeat(500_000),
      "x'".repeat(500_000),
      '`'.repeat(1_000_000),
      '<<'.repeat(500_000)
    ]
    for (const s of hostile) {
      const t0 = Date.now()
      const out = splitScript(s)
      expect(Date.now() - t0).toBeLessThan(2000)
      expect(out.length).toBeLessThanOrEqual(2000)
    }
  })
})
