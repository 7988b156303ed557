import { get, isMap, keyLine, list, parseYaml, str, valueLine } from '../../parse/yaml.js'
import { enter, lineOf, runScript, type Ctx, type Site } from './engine.js'
import { expandConfig } from './precommit.js'
import { readPkg } from './node.js'

/**
 * Local-only git hooks: the pre-commit config, husky (`.husky/<hook>`, v4 `"husky"` key),
 * lefthook (`lefthook.yml` `run:`), simple-git-hooks and lint-staged. `lint-staged` called from a
 * hook resolves to its config's commands (also as a resolver, when CI calls it).
 */

const HOOKS = ['pre-commit', 'pre-push']
const LEFTHOOK = ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml']
const LINT_STAGED = ['.lintstagedrc', '.lintstagedrc.json', '.lintstagedrc.yaml', '.lintstagedrc.yml']

function root(hookId?: string): Site {
  return { chain: [], text: '', cwd: '', neutralised: null, depth: 0, flags: hookId !== undefined ? { hookId } : {}, stack: [] }
}

export function collectHooks(ctx: Ctx): void {
  const snap = ctx.snapshot
  if (snap.has('.pre-commit-config.yaml')) expandConfig(ctx, '.pre-commit-config.yaml', root(), { stage: 'pre-commit' })
  for (const h of HOOKS) {
    const path = `.husky/${h}`
    const text = snap.text(path)
    if (text !== undefined) runScript(ctx, text, { path, line: 1, cwd: '' }, { ...root(`husky:${h}`), stack: [`script:${path}`] })
  }
  const pkg = readPkg(ctx, 'package.json')
  const huskyV4 = get(pkg?.json, 'husky')
  const simple = get(pkg?.json, 'simple-git-hooks')
  for (const [key, hooks] of [['husky', get(huskyV4, 'hooks')], ['simple-git-hooks', simple]] as const) {
    for (const h of HOOKS) {
      const cmd = str(get(hooks, h))
      if (cmd !== undefined && pkg !== undefined) runScript(ctx, cmd, { path: pkg.path, line: lineOf(pkg.text, `"${h}"`, lineOf(pkg.text, `"${key}"`) ?? 1), cwd: '' }, root(`${key}:${h}`))
    }
  }
  for (const path of LEFTHOOK) {
    const text = snap.text(path)
    if (text === undefined) continue
    const r = parseYaml(text, path)
    if (!r.ok || !isMap(r.value)) continue
    for (const h of HOOKS) {
      const hook = get(r.value, h)
      const commands = get(hook, 'commands')
      if (isMap(commands)) {
        for (const [name, c] of Object.entries(commands)) {
          const run = str(get(c, 'run'))
          if (run !== undefined) runScript(ctx, cleanPlaceholders(run), { path, line: valueLine(c, 'run'), cwd: str(get(c, 'root')) ?? '' }, root(`lefthook:${h}:${name}`))
        }
      }
      for (const job of list(get(hook, 'jobs'))) {
        const run = str(get(job, 'run'))
        if (run !== undefined) runScript(ctx, cleanPlaceholders(run), { path, line: valueLine(job, 'run'), cwd: str(get(job, 'root')) ?? '' }, root(`lefthook:${h}:${str(get(job, 'name')) ?? 'job'}`))
      }
    }
  }
  // lint-staged config not reached through a hook above.
  if (!ctx.out.some((c) => c.hookId === 'lint-staged')) runLintStaged(ctx, root())
}

function cleanPlaceholders(s: string): string {
  return s.replace(/\{(staged_files|push_files|all_files|files|\d+)\}/g, '')
}

/** `lint-staged` → the commands of its config. */
export function resolveLintStaged(ctx: Ctx, argv: readonly string[], site: Site): boolean {
  if (argv[0]!.toLowerCase() !== 'lint-staged') return false
  return runLintStaged(ctx, site)
}

function runLintStaged(ctx: Ctx, site: Site): boolean {
  const base = enter(site, 'lint-staged')
  if (base === undefined) return false
  const s = { ...base, flags: { ...base.flags, hookId: 'lint-staged' } }
  for (const path of LINT_STAGED) {
    const text = ctx.snapshot.text(path)
    if (text === undefined) continue
    const r = parseYaml(text, path)
    if (!r.ok || !isMap(r.value)) continue
    for (const [glob, cmds] of Object.entries(r.value)) {
      for (const c of list(cmds)) {
        const t = str(c)
        if (t !== undefined) runScript(ctx, t, { path, line: keyLine(r.value, glob), cwd: '' }, s)
      }
    }
    return true
  }
  const pkg = readPkg(ctx, 'package.json')
  const cfg = get(pkg?.json, 'lint-staged')
  if (pkg === undefined || !isMap(cfg)) return false
  const from = lineOf(pkg.text, '"lint-staged"') ?? 1
  for (const [glob, cmds] of Object.entries(cfg)) {
    for (const c of list(cmds)) {
      const t = str(c)
      if (t !== undefined) runScript(ctx, t, { path: pkg.path, line: lineOf(pkg.text, JSON.stringify(glob), from), cwd: '' }, s)
    }
  }
  return true
}
