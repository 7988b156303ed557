import { describe, expect, it } from 'vitest'
import check from '../../src/checks/type-checking.js'
import { factsFor } from '../helpers/facts.js'
import { runCheck } from './dependency-facts.js'

/** Tools that must type-check to run, read through the real collectors; the evidence says why each counts. */
const lines = (...ls: string[]): string => ls.join('\n') + '\n'
const wf = (...steps: string[]): string => lines('on: pull_request', 'jobs:', '  build:', '    steps:', ...steps.map((s) => `      - run: ${s}`))
const scan = (files: Record<string, string>) => runCheck(check, factsFor({ files }))
const pkg = (scripts: Record<string, string>): string => JSON.stringify({ scripts, devDependencies: { typescript: '^5' } }, null, 2) + '\n'

describe('type-checking: builds that type-check', () => {
  it('counts next build, unless next.config sets typescript.ignoreBuildErrors (umami)', () => {
    const files = { 'package.json': pkg({ build: 'next build' }), 'tsconfig.json': '{}', '.github/workflows/ci.yml': wf('npm run build') }
    const built = scan({ ...files, 'next.config.ts': lines('export default {', '  output: "standalone",', '}') })
    expect([built.status, built.evidence?.[0]?.message]).toEqual(['pass', 'npm run build → package.json:3 next build (next build type-checks; ignoreBuildErrors is not set)'])
    const ignored = scan({ ...files, 'next.config.ts': lines('export default {', '  typescript: {', '    ignoreBuildErrors: true,', '  },', '}') })
    expect([ignored.status, ignored.messageId]).toEqual(['partial', 'configured'])
    expect(ignored.evidence?.map((e) => e.message)).toContain('npm run build → package.json:3 next build (does not run the check: typescript.ignoreBuildErrors: true in next.config.ts:3)')
    // A commented-out switch, or `false`, keeps the check.
    expect(scan({ ...files, 'next.config.ts': lines('export default {', '  typescript: {', '    // ignoreBuildErrors: true,', '    ignoreBuildErrors: false,', '  },', '}') }).status).toBe('pass')
  })

  it('counts nest build with the tsc builder, not the swc builder without typeCheck (hedgedoc)', () => {
    const files = { 'backend/package.json': pkg({ build: 'nest build' }), 'backend/tsconfig.json': '{}', '.github/workflows/ci.yml': lines('on: pull_request', 'jobs:', '  build:', '    steps:', '      - run: npm run build', '        working-directory: backend') }
    expect(scan({ ...files, 'backend/nest-cli.json': JSON.stringify({ collection: '@nestjs/schematics', sourceRoot: 'src' }) }).status).toBe('pass')
    const swc = scan({ ...files, 'backend/nest-cli.json': JSON.stringify({ compilerOptions: { builder: 'swc' } }, null, 2) })
    expect([swc.status, swc.evidence?.some((e) => e.message.includes('does not run the check: compilerOptions.builder: swc without typeCheck in backend/nest-cli.json:3'))]).toEqual(['partial', true])
    expect(scan({ ...files, 'backend/nest-cli.json': JSON.stringify({ compilerOptions: { builder: { type: 'swc' }, typeCheck: true } }) }).status).toBe('pass')
  })

  it('counts a tsc build that emits, vue-tsc and golangci-lint, saying why', () => {
    const tsc = scan({ 'package.json': pkg({ build: 'tsc -p tsconfig.build.json' }), 'tsconfig.json': '{}', '.github/workflows/ci.yml': wf('npm run build') })
    expect([tsc.status, tsc.evidence?.[0]?.message]).toEqual(['pass', 'npm run build → package.json:3 tsc -p tsconfig.build.json (a tsc build type-checks before it emits)'])
    const vue = scan({ 'package.json': pkg({ 'type-check': 'vue-tsc --build' }), '.github/workflows/ci.yml': wf('npm run type-check') })
    expect(vue.evidence?.[0]?.message).toContain('(type-checks .vue and .ts files)')
    const go = scan({ 'go.mod': 'module x\n', '.github/workflows/lint.yml': wf('golangci-lint run ./...') })
    expect([go.status, go.evidence?.[0]?.message]).toEqual(['pass', 'golangci-lint run ./... (loads and type-checks the packages)'])
  })
})
