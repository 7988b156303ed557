import type { Config, ServiceDecl } from '../config/types.js'
import type { ActionUse, CiFacts, ToolRun } from './ci/types.js'
import { collectCodeAreas, guardInto } from './code-areas.js'
import { collectRepoFiles } from './repo-files.js'
import { FilteredSnapshot } from './filtered-snapshot.js'
import { CI_HOMES, isCiHome } from './ci/files.js'
import { basename, rangeWithPrefix } from './paths.js'
import type { Snapshot } from './snapshot.js'
import type { ServiceFacts } from './service/types.js'
import type { Facts } from './types.js'

/**
 * Monorepo service views: each service root (a directory with its own manifest and an HTTP
 * framework, or one listed under `services:` in config) sees its own tree plus the shared CI and
 * task-runner files, and the repository's facts cut down to what it owns, with CI runs scoped to
 * the service by working directory, path filters and the paths they name. Scoring the views is
 * scoring's job (scoring/services.ts).
 */

/** Repository-wide files every service view keeps: CI (files.ts, with the folders beside it) and task-runner configuration. */
const SHARED_DIRS = ['.husky/', 'scripts/', 'magefiles/']
const SHARED_ROOT_FILES = new Set([
  'Makefile', 'GNUmakefile', 'makefile', 'justfile', 'Justfile', '.justfile', 'Taskfile.yml', 'Taskfile.yaml', 'mise.toml', 'tox.ini', 'noxfile.py',
  '.pre-commit-config.yaml', 'package.json', 'Earthfile', 'magefile.go', 'dagger.json'
])

/**
 * Service roots: from config, else every distinct manifest directory that declares an HTTP
 * framework (two or more make a monorepo). A Rust crate is a root only when it builds a binary
 * (`src/main.rs`, `src/bin/`, `[[bin]]`): a workspace's library crates that use the framework's
 * types (handlers, extractors, middleware) are parts of the service that links them.
 */
export function detectServices(facts: Facts, config: Config, snapshot: Snapshot): ServiceDecl[] {
  if (config.services.length > 0) return config.services.map((s) => ({ name: s.name, path: s.path === '.' ? '' : s.path }))
  const dirs = [...new Set(facts.service.frameworks.filter((f) => f.via === 'dependency' && (f.ecosystem !== 'rust' || rustBinary(snapshot, f.dir))).map((f) => f.dir))].sort()
  if (dirs.length < 2) return []
  const names = new Map<string, number>()
  for (const d of dirs) names.set(nameOf(d), (names.get(nameOf(d)) ?? 0) + 1)
  return dirs.map((d) => ({ name: (names.get(nameOf(d)) ?? 0) > 1 ? d : nameOf(d), path: d }))
}

function rustBinary(snapshot: Snapshot, dir: string): boolean {
  const at = (p: string): string => (dir === '' ? p : `${dir}/${p}`)
  return snapshot.has(at('src/main.rs')) || snapshot.under(at('src/bin')).length > 0 || (snapshot.text(at('Cargo.toml'))?.includes('[[bin]]') ?? false)
}

function nameOf(dir: string): string {
  return dir === '' ? 'root' : basename(dir)
}

const inside = (dir: string, p: string): boolean => dir === '' || p === dir || p.startsWith(dir + '/')

/** The files a service's view keeps: its own tree, plus shared CI and task files outside every service. */
export function serviceView(snapshot: Snapshot, service: ServiceDecl, all: readonly ServiceDecl[], label?: string): Snapshot {
  const others = new Set(all.filter((s) => s.path !== service.path && s.path !== '' && !inside(s.path, service.path)).map((s) => s.path))
  // Another service owns p when p is, or lies under, its path: look up p and each directory
  // prefix of p (O(depth)), not every service (a 200-service monorepo would be quadratic).
  const inOther = (p: string): boolean => {
    if (others.size === 0) return false
    for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) if (others.has(p.slice(0, i))) return true
    return others.has(p)
  }
  const keep = (p: string): boolean => {
    if (inOther(p)) return false
    if (inside(service.path, p)) return true
    return SHARED_ROOT_FILES.has(p) || isCiHome(p) || SHARED_DIRS.some((d) => p.startsWith(d))
  }
  return new FilteredSnapshot(snapshot, keep, service.path === '' ? undefined : viewCandidates(snapshot, service.path), label)
}

/** Every file a view of `dir` can keep (its subtree and the shared files), sorted like the listing. */
function viewCandidates(snapshot: Snapshot, dir: string): string[] {
  const out = new Set<string>(snapshot.under(dir))
  if (snapshot.has(dir)) out.add(dir)
  for (const f of SHARED_ROOT_FILES) if (snapshot.has(f)) out.add(f)
  for (const d of SHARED_DIRS) for (const f of snapshot.under(d)) out.add(f)
  for (const h of CI_HOMES) for (const f of h.endsWith('/') ? snapshot.under(h.slice(0, -1)) : rangeWithPrefix(snapshot.files(), h)) out.add(f)
  return [...out].sort()
}

/** Texts that tell which service a run works on: its working directory, chain and arguments. */
function runTexts(cwd: string, chain: readonly { path: string; text: string }[], extra: readonly string[]): string[] {
  return [cwd, ...chain.map((c) => c.path), ...chain.map((c) => c.text), ...extra]
}

function mentions(text: string, dir: string): boolean {
  if (dir === '') return false
  let at = text.indexOf(dir)
  while (at >= 0) {
    const before = at === 0 ? '' : text[at - 1]!
    const after = text[at + dir.length] ?? ''
    if (!/[\w-]/.test(before) && !/[\w-]/.test(after)) return true
    at = text.indexOf(dir, at + 1)
  }
  return false
}

/**
 * Whether a CI run or action works on this service: its directory (cwd, chain file, an argument
 * naming it) or the PR path filters say so; a run that names only other services, or works in
 * another directory, does not; a run that names no service at all is repository-wide and counts
 * for every service. `texts[0]` is the run's working directory.
 */
export function covers(service: ServiceDecl, others: readonly ServiceDecl[], texts: readonly string[], prPaths: readonly string[] | undefined): boolean {
  const dir = service.path
  if (dir === '') return !others.some((o) => texts.some((t) => mentions(t, o.path)))
  if (texts.some((t) => mentions(t, dir) || inside(dir, t))) return true
  if (texts.some((t) => others.some((o) => o.path !== '' && (mentions(t, o.path) || inside(o.path, t))))) return false
  // A run in another directory (not this one, not one holding it) works on that directory.
  const cwd = texts[0] ?? ''
  if (cwd !== '' && cwd !== '.' && !/[$*{]/.test(cwd) && !inside(cwd, dir)) return false
  if (prPaths && prPaths.length > 0) {
    if (prPaths.some((p) => inside(dir, p) || p.startsWith(dir + '/') || mentions(p, dir))) return true
    if (prPaths.every((p) => others.some((o) => o.path !== '' && p.startsWith(o.path + '/')))) return false
  }
  return true
}

export function scopeCi(ci: CiFacts, service: ServiceDecl, all: readonly ServiceDecl[]): CiFacts {
  const others = all.filter((s) => s.path !== service.path)
  const runOk = (r: ToolRun): boolean => covers(service, others, runTexts(r.cwd, r.chain, r.argv), r.triggers.prPaths)
  const actionOk = (a: ActionUse): boolean =>
    covers(service, others, runTexts(a.step.workingDirectory ?? a.job.workingDirectory ?? '', a.chain, Object.values(a.action.with)), a.triggers.prPaths)
  return { ...ci, runs: ci.runs.filter(runOk), actions: ci.actions.filter(actionOk) }
}

/** The service that owns a path: the deepest service directory containing it ('' for the root service, null for none). */
export function ownerIndex(services: readonly ServiceDecl[]): (path: string) => string | null {
  const dirs = new Set(services.map((s) => s.path))
  const memo = new Map<string, string | null>()
  return (path) => {
    let hit = memo.get(path)
    if (hit === undefined) {
      hit = find(path)
      memo.set(path, hit)
    }
    return hit
  }
  function find(path: string): string | null {
    for (let i = path.lastIndexOf('/'); i >= 0; i = path.lastIndexOf('/', i - 1)) {
      if (dirs.has(path.slice(0, i))) return path.slice(0, i)
      if (i === 0) break
    }
    if (dirs.has(path)) return path
    return dirs.has('') ? '' : null
  }
}

/**
 * A service's facts, cut from the repository's: everything collected once for the whole tree
 * (routes with their resolved prefixes, specs, manifests, Dockerfiles, health checks) restricted
 * to the files the service owns, CI scoped to the runs that cover it, and usage read lazily
 * through the service's view. Nothing is parsed twice.
 */
export function scopeFacts(facts: Facts, view: Snapshot, owns: (path: string) => boolean, service: ServiceDecl, all: readonly ServiceDecl[], config: Config): Facts {
  const byPath = <T extends { readonly path: string }>(list: readonly T[]): T[] => list.filter((x) => owns(x.path))
  const { service: svc, openapi, deploy, manifests } = facts
  const repoFiles = collectRepoFiles(view)
  const scoped = { manifests: byPath(manifests.manifests), problems: byPath(manifests.problems) }
  const scopedService: ServiceFacts = {
    ...svc,
    frameworks: byPath(svc.frameworks),
    routes: svc.routes.filter((r) => owns(r.file)),
    healthLibraries: byPath(svc.healthLibraries),
    actuator: svc.actuator && owns(svc.actuator.dependency.path) ? svc.actuator : null,
    skipped: byPath(svc.skipped),
    problems: byPath(svc.problems)
  }
  const failures = [...facts.failures]
  const guard = guardInto(failures, ` for service ${service.name}`)
  return {
    ...facts,
    repoFiles,
    ...collectCodeAreas(view, repoFiles, scoped, scopedService, config, [...facts.configTexts.declared], guard),
    failures,
    ci: scopeCi(facts.ci, service, all),
    manifests: scoped,
    deploy: { dockerfiles: byPath(deploy.dockerfiles), otherBuilds: byPath(deploy.otherBuilds), composeFiles: deploy.composeFiles, releasers: deploy.releasers, healthchecks: byPath(deploy.healthchecks), problems: byPath(deploy.problems) },
    service: scopedService,
    securityRules: { enabled: facts.securityRules.enabled.filter((e) => owns(e.path) || !e.path.includes('/')), problems: byPath(facts.securityRules.problems) },
    openapi: {
      specs: byPath(openapi.specs),
      docsSites: openapi.docsSites.filter((d) => owns(d.spec)),
      generators: byPath(openapi.generators),
      contractTests: byPath(openapi.contractTests),
      skipped: byPath(openapi.skipped),
      problems: byPath(openapi.problems)
    }
  }
}

