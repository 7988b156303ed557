import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { collectUsage, moduleMatches, pythonModulesFor, scanImports } from '../../src/facts/usage.js'

describe('imports per ecosystem', () => {
  it('python', () => {
    expect(scanImports('python', ['import ldclient, os as o', 'from ldclient.config import Config', 'from . import flags', '    import tenacity'])).toEqual([
      { line: 1, module: 'ldclient', text: 'import ldclient, os as o' },
      { line: 1, module: 'os', text: 'import ldclient, os as o' },
      { line: 2, module: 'ldclient.config', text: 'from ldclient.config import Config' },
      { line: 3, module: '.', text: 'from . import flags' },
      { line: 4, module: 'tenacity', text: 'import tenacity' }
    ])
  })
  it('node', () => {
    expect(scanImports('node', ["import CircuitBreaker from 'opossum'", 'const pRetry = require("p-retry")', 'import {', '  a,', "} from '@openfeature/server-sdk'", "import './side-effect'", 'const m = await import(`cockatiel`)']).map((i) => [i.line, i.module])).toEqual([
      [1, 'opossum'],
      [2, 'p-retry'],
      [5, '@openfeature/server-sdk'],
      [6, './side-effect'],
      [7, 'cockatiel']
    ])
  })
  it('go, java, ruby', () => {
    expect(scanImports('go', ['import "fmt"', 'import (', '\tgb "github.com/sony/gobreaker/v2"', '\t"net/http"', ')']).map((i) => i.module)).toEqual(['fmt', 'github.com/sony/gobreaker/v2', 'net/http'])
    expect(scanImports('java', ['import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;', 'import static org.x.Y.*;']).map((i) => i.module)).toEqual(['io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker', 'org.x.Y'])
    expect(scanImports('ruby', ["require 'circuitbox'", 'require_relative "x"']).map((i) => i.module)).toEqual(['circuitbox'])
  })
  it('matches modules by prefix per ecosystem and maps Python distributions to import names', () => {
    expect(moduleMatches('python', 'ldclient.config', 'ldclient')).toBe(true)
    expect(moduleMatches('python', 'ldclientx', 'ldclient')).toBe(false)
    expect(moduleMatches('go', 'github.com/sony/gobreaker/v2', 'github.com/sony/gobreaker')).toBe(true)
    expect(moduleMatches('node', 'opossum-prometheus', 'opossum')).toBe(false)
    expect(pythonModulesFor('launchdarkly-server-sdk')).toEqual(['ldclient'])
    expect(pythonModulesFor('django-waffle')).toEqual(['waffle'])
    expect(pythonModulesFor('python-json-logger')).toEqual(['pythonjsonlogger'])
    expect(pythonModulesFor('aws-xray-sdk')).toEqual(['aws_xray_sdk'])
  })
})

describe('collectUsage', () => {
  it('marks tests, skips excluded trees and oversize files, and greps templates only on request', () => {
    const usage = collectUsage(
      new MemorySnapshot({
        'app/svc.py': 'import tenacity\n@tenacity.retry\ndef f(): ...\n',
        'tests/test_svc.py': 'import tenacity\n',
        '.venv/lib/tenacity/__init__.py': 'import tenacity\n',
        'app/templates/home.html': '{% flag "beta" %}\n',
        'app/big.py': 'import tenacity\n' + 'x = 1\n'.repeat(100_000)
      })
    )
    expect(usage.importsOf('python', ['tenacity']).map((i) => [i.path, i.line, i.test])).toEqual([
      ['app/svc.py', 1, false],
      ['tests/test_svc.py', 1, true]
    ])
    expect(usage.grep(['{% flag '], { ecosystems: ['python'] })).toEqual([])
    expect(usage.grep(['{% flag '], { ecosystems: ['python'], templates: true }).map((h) => [h.path, h.line])).toEqual([['app/templates/home.html', 1]])
    expect(usage.grep(['@tenacity.retry']).map((h) => [h.path, h.line, h.token])).toEqual([['app/svc.py', 2, '@tenacity.retry']])
  })

  it('leaves commented-out lines out of the search, per language (a JS #private field is code)', () => {
    const usage = collectUsage(
      new MemorySnapshot({
        'app/jobs.rb': '  # discard_on ActiveJob::DeserializationError\n  retry_on Faraday::Error\n',
        'src/flags.ts': "// client.variation('old', false)\n/* client.variation('x') */\n * client.variation('doc')\nclass A { #variation = client.variation('new', false) }\n",
        'main.go': '// breaker.Execute(f)\nbreaker.Execute(f)\n'
      })
    )
    expect(usage.grep(['discard_on', 'retry_on']).map((h) => [h.path, h.line])).toEqual([['app/jobs.rb', 2]])
    expect(usage.grep(['variation(']).map((h) => [h.path, h.line])).toEqual([['src/flags.ts', 4]])
    expect(usage.grep(['.Execute(']).map((h) => [h.path, h.line])).toEqual([['main.go', 2]])
  })
})

describe('imports that are text, not code', () => {
  it('skips snippets in strings, template literals and Python docstrings', () => {
    expect(scanImports('node', ['const s = "import express from \'express\'"', "const r = \"const app = require('express')\"", 'const doc = `', "import express from 'express'", "const app = require('express')", '`', "import ok from 'ok'"]).map((i) => i.module)).toEqual(['ok'])
    expect(scanImports('python', ['"""Example:', '', 'from fastapi import FastAPI', '"""', 'from real import x', "X = '''import flask'''", 'import os']).map((i) => i.module)).toEqual(['real', 'os'])
  })
})
