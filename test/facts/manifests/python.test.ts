import { describe, expect, it } from 'vitest'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { normalizePythonName, parsePep508 } from '../../../src/facts/manifests/python.js'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'

function deps(files: Record<string, string | Uint8Array>) {
  const facts = collectManifests(new MemorySnapshot(files))
  return { facts, all: facts.manifests.flatMap((m) => m.dependencies.map((d) => ({ name: d.name, manifest: d.manifest, line: d.line, dev: d.dev }))) }
}

describe('python manifests', () => {
  it('normalises names per PEP 503 and strips extras and markers', () => {
    expect(normalizePythonName('Django_Waffle')).toBe('django-waffle')
    expect(normalizePythonName('zope.interface')).toBe('zope-interface')
    expect(normalizePythonName('a-_.b')).toBe('a-b')
    expect(parsePep508('uvicorn[standard]>=0.30 ; python_version >= "3.9"')).toEqual({ name: 'uvicorn', spec: '>=0.30' })
  })

  it('reads PEP 621, optional-dependencies, PEP 735 groups and Poetry tables with lines', () => {
    const { all } = deps({
      'pyproject.toml': [
        '[project]', // 1
        'name = "svc"',
        'dependencies = [',
        '  "FastAPI>=0.110",', // 4
        '  "tenacity[doc]>=8",', // 5
        ']',
        '[project.optional-dependencies]', // 7
        'test = ["pytest"]', // 8
        'redis = ["redis>=5"]', // 9
        '[dependency-groups]', // 10
        'dev = ["ruff", {include-group = "test"}]', // 11
        '[tool.poetry.dependencies]', // 12
        'python = "^3.12"',
        'Django_Waffle = "^4"', // 14
        '[tool.poetry.group.lint.dependencies]', // 15
        'mypy = { version = "^1" }' // 16
      ].join('\n')
    })
    expect(all).toEqual([
      { name: 'fastapi', manifest: 'pyproject.toml', line: 4, dev: false },
      { name: 'tenacity', manifest: 'pyproject.toml', line: 5, dev: false },
      { name: 'pytest', manifest: 'pyproject.toml', line: 8, dev: true },
      { name: 'redis', manifest: 'pyproject.toml', line: 9, dev: false },
      { name: 'ruff', manifest: 'pyproject.toml', line: 11, dev: true },
      { name: 'django-waffle', manifest: 'pyproject.toml', line: 14, dev: false },
      { name: 'mypy', manifest: 'pyproject.toml', line: 16, dev: true }
    ])
  })

  it('reads PDM dev-dependencies and Hatch env dependencies as dev', () => {
    const { all } = deps({
      'pyproject.toml': ['[tool.pdm.dev-dependencies]', 'test = ["pytest-cov"]', '[tool.hatch.envs.default]', 'dependencies = ["coverage"]'].join('\n')
    })
    expect(all).toEqual([
      { name: 'pytest-cov', manifest: 'pyproject.toml', line: 2, dev: true },
      { name: 'coverage', manifest: 'pyproject.toml', line: 4, dev: true }
    ])
  })

  it('turns malformed TOML into a problem with its line, never a throw', () => {
    const { facts } = deps({ 'pyproject.toml': '[project]\ndependencies = ["a",\nname = \n' })
    // The manifest is still listed (it tells the ecosystem), with no dependencies.
    expect(facts.manifests).toEqual([{ path: 'pyproject.toml', ecosystem: 'python', dir: '', dependencies: [] }])
    expect(facts.problems).toHaveLength(1)
    expect(facts.problems[0]!.path).toBe('pyproject.toml')
    expect(facts.problems[0]!.message).toMatch(/^invalid TOML/)
    expect(facts.problems[0]!.line).toBeGreaterThanOrEqual(2)
  })

  it('follows -r includes, ignores -c constraints, and survives a file including itself', () => {
    const { facts, all } = deps({
      'requirements.txt': ['-r requirements.txt', '-r base.txt', '-c constraints.txt', 'pybreaker==1.2  # breaker', 'requests[socks]>=2 \\', '  ; python_version>"3"', '-e git+https://x/y.git#egg=My_Lib', '--index-url https://pypi.org/simple'].join('\n'),
      'base.txt': 'Flask==3.0\n-r requirements.txt\n',
      'constraints.txt': 'urllib3<3\n',
      'requirements/dev.txt': 'pytest\n'
    })
    expect(all).toEqual([
      { name: 'flask', manifest: 'base.txt', line: 1, dev: false },
      { name: 'pybreaker', manifest: 'requirements.txt', line: 4, dev: false },
      { name: 'requests', manifest: 'requirements.txt', line: 5, dev: false },
      { name: 'my-lib', manifest: 'requirements.txt', line: 7, dev: false },
      { name: 'pytest', manifest: 'requirements/dev.txt', line: 1, dev: true }
    ])
    expect(facts.problems).toEqual([{ path: 'requirements.txt', line: 1, message: 'includes itself (-r requirements.txt); the include was ignored' }])
  })

  it('reads setup.cfg install_requires and setup.py string literals without running it', () => {
    const { all } = deps({
      'setup.cfg': ['[metadata]', 'name = x', '[options]', 'install_requires =', '    backoff>=2', '    httpx', '[options.extras_require]', 'test =', '    pytest'].join('\n'),
      'pkg/setup.py': ['from setuptools import setup', 'setup(', '    name="x",', '    install_requires=[', '        "stamina>=24",', "        'flipper-client',", '    ],', '    extras_require={"dev": ["black"]},', ')'].join('\n')
    })
    expect(all).toEqual([
      { name: 'stamina', manifest: 'pkg/setup.py', line: 5, dev: false },
      { name: 'flipper-client', manifest: 'pkg/setup.py', line: 6, dev: false },
      { name: 'black', manifest: 'pkg/setup.py', line: 8, dev: false },
      { name: 'backoff', manifest: 'setup.cfg', line: 5, dev: false },
      { name: 'httpx', manifest: 'setup.cfg', line: 6, dev: false },
      { name: 'pytest', manifest: 'setup.cfg', line: 9, dev: true }
    ])
  })

  it('reads Pipfile packages and dev-packages; skips excluded trees and lockfiles', () => {
    const { all } = deps({
      Pipfile: '[packages]\nunleashclient = "*"\n[dev-packages]\npytest = "*"\n',
      'Pipfile.lock': '{"default": {"tenacity": {}}}',
      '.venv/lib/site-packages/x/requirements.txt': 'evil\n',
      'docs/requirements.txt': 'sphinx\n'
    })
    expect(all).toEqual([
      { name: 'unleashclient', manifest: 'Pipfile', line: 2, dev: false },
      { name: 'pytest', manifest: 'Pipfile', line: 4, dev: true }
    ])
  })

  it('reports invalid UTF-8 and still reads the ASCII names', () => {
    const bytes = new Uint8Array([...Buffer.from('flask==3\n# caf'), 0xc3, 0x28, ...Buffer.from('\nhttpx\n')])
    const { facts, all } = deps({ 'requirements.txt': bytes })
    expect(all.map((d) => d.name)).toEqual(['flask', 'httpx'])
    expect(facts.problems).toEqual([{ path: 'requirements.txt', message: 'file is not valid UTF-8; undecodable bytes were ignored' }])
  })
})
