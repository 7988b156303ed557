import { memoKey, RunMemo } from '../../run-memo.js'
import type { Snapshot } from '../../snapshot.js'
import type { ChainLink } from '../types.js'
import { Ctx, runScript, type BuiltImage, type ResolvedCommand, type Resolver } from './engine.js'
import { resolveComposer } from './composer.js'
import { followDockerfile, resolveDockerBuild, type ImageBuild } from './dockerfile.js'
import { resolveDotnetBuild } from './dotnet-build.js'
import { collectHooks, resolveLintStaged } from './hooks.js'
import { resolveMaven } from './jvm.js'
import { resolveCargo } from './cargo.js'
import { declaredCommands } from './declared.js'
import { resolveContainer } from './containers.js'
import { resolveGradle } from './gradle.js'
import { resolveEarthly } from './earthly.js'
import { resolveGoGenerate } from './go-generate.js'
import { resolveMage } from './mage.js'
import { resolveRake } from './rake.js'
import { resolveMake } from './make.js'
import { resolveMix } from './mix.js'
import { resolveMonorepo } from './monorepo.js'
import { resolveNodeScripts, resolveRunAll } from './node.js'
import { resolveOpaqueTool } from './opaque-tools.js'
import { resolvePreCommit } from './precommit.js'
import { resolveHatch, resolveInvoke, resolvePyScripts } from './python-tasks.js'
import { resolveScriptFile } from './scripts.js'
import { resolveGoTask, resolveJust, resolveMise } from './task-runners.js'
import { resolveNox, resolveTox } from './tox-nox.js'

/**
 * The indirection resolver (docs/catalogue.md, "Rules for every practice"): from a CI step's script to the simple
 * commands CI really runs, through make, Earthly, mage, package.json scripts, monorepo runners, tox, nox, just,
 * Task, mise, mix aliases, cargo (aliases, xtask, cargo-make, cargo-hack), hatch/pdm/rye/poe/
 * taskipy/invoke, Composer scripts, repository shell scripts, pre-commit/prek, Maven
 * and Gradle lifecycles and Rails `bin/ci`, each hop recorded as a ChainLink.
 *
 * Conventions: a resolved task runner (make, npm run, tox, …) is replaced by what it runs; an
 * unresolvable one (missing target, absent file, depth cap, cycle) is emitted as written, so
 * nothing is lost. Maven and Gradle are emitted as written and followed by synthetic lifecycle
 * commands (`synthetic: true`). argv[0] is the lower-cased basename with wrappers removed
 * (`python3` → `python`).
 */

export type { ResolvedCommand } from './engine.js'

export interface ScriptOrigin {
  snapshot: Snapshot
  path: string
  line?: number
  cwd: string
  chain: readonly ChainLink[]
  /** Images the job built in earlier steps (shared across the job's steps, filled as they are resolved). */
  images?: Map<string, BuiltImage>
  /** The workspace directory the repository was checked out into (see CiStep.checkoutPath). */
  checkoutPath?: string
  /** The CI collection's memo: parsed files and resolved scripts shared by all its steps. */
  memo?: RunMemo
}

/**
 * Order matters: the Maven and Gradle wrappers (`./mvnw`, `./gradlew`) before repository script
 * files (they are scripts too, but what they run is the lifecycle); script files before other
 * tools; taskipy (`task` with `[tool.taskipy]`) before go-task. .NET build scripts (Cake, NUKE,
 * FAKE) come before script files too: their bootstrappers (`./build.sh --target=Test`) stand for
 * the build script's targets.
 */
const RESOLVERS: readonly Resolver[] = [
  resolveContainer,
  resolveMaven,
  resolveGradle,
  resolveDotnetBuild,
  resolveScriptFile,
  resolveOpaqueTool,
  resolveMake,
  resolveEarthly,
  resolveMage,
  resolveRake,
  resolveGoGenerate,
  resolveNodeScripts,
  resolveRunAll,
  resolveComposer,
  resolveMonorepo,
  resolveTox,
  resolveNox,
  resolveHatch,
  resolvePyScripts,
  resolveInvoke,
  resolveJust,
  resolveGoTask,
  resolveMise,
  resolveMix,
  resolveCargo,
  resolvePreCommit,
  resolveLintStaged,
  resolveDockerBuild
]

/** `origin.line` is the 1-based line of the script's first line (undefined if unknown); `origin.chain` holds the links leading to the step (the step's own link last); `origin.cwd` is repo-relative ('' = root). */
export function resolveScript(script: string, origin: ScriptOrigin): ResolvedCommand[] {
  const images = origin.images
  const key = [script, origin.path, origin.cwd, origin.checkoutPath ?? '', origin.line === undefined ? 'n' : 'l', images && images.size > 0 ? JSON.stringify([...images]) : ''].join('\0')
  const run = origin.memo ?? new RunMemo()
  const memo = run.get(RESOLVED_SCRIPTS, '', () => new Map<string, Resolved>())
  const known = memo.get(key)
  if (known) {
    for (const [tag, image] of known.images) images?.set(tag, image)
    return rebased(known, origin)
  }
  const before = new Set(images?.keys() ?? [])
  const ctx = new Ctx(origin.snapshot, RESOLVERS, images, origin.checkoutPath, run)
  try {
    runScript(ctx, script, { path: origin.path, line: origin.line, cwd: ctx.inRepository(origin.cwd) }, { chain: origin.chain, neutralised: null, depth: 0, flags: {}, stack: [] })
  } catch {
    // A resolver bug must not lose the commands found so far nor escape the collector.
  }
  const added = images ? [...images].filter(([tag]) => !before.has(tag)) : []
  if (memo.size < MAX_MEMO_SCRIPTS) memo.set(key, { out: ctx.out, chain: origin.chain.length, line: origin.line, images: added })
  return ctx.out
}

/**
 * The same script text resolved at several places (a Cirrus task template's `setup_script`
 * repeated in thirty tasks, a composite action used by every job) resolves to the same commands:
 * only the links leading to it and its own line differ. Resolved once per snapshot, and each later
 * use gets the commands with its own leading links and lines.
 */
interface Resolved {
  readonly out: readonly ResolvedCommand[]
  /** How many leading links were the caller's. */
  readonly chain: number
  readonly line: number | undefined
  readonly images: readonly (readonly [string, BuiltImage])[]
}

const MAX_MEMO_SCRIPTS = 2000
/** Scripts resolved in this CI collection, by their text and place (one map per collection). */
const RESOLVED_SCRIPTS = memoKey<Map<string, Resolved>>('resolved scripts')

function rebased(known: Resolved, origin: ScriptOrigin): ResolvedCommand[] {
  const shift = origin.line !== undefined && known.line !== undefined ? origin.line - known.line : 0
  return known.out.map((rc) => {
    const own = rc.chain.slice(known.chain).map((l) => (shift !== 0 && l.path === origin.path && l.line !== undefined ? { ...l, line: l.line + shift } : l))
    return { ...rc, chain: [...origin.chain, ...own] }
  })
}

export type { ImageBuild } from './dockerfile.js'

/** The RUN instructions of an image an action builds (docker/build-push-action and the like), each linked to its Dockerfile line after `chain`. */
export function resolveImageBuild(snapshot: Snapshot, build: ImageBuild, chain: readonly ChainLink[], memo?: RunMemo): ResolvedCommand[] {
  const ctx = new Ctx(snapshot, RESOLVERS, undefined, undefined, memo)
  try {
    followDockerfile(ctx, build, { chain, neutralised: null, depth: 0, flags: {}, stack: [] })
  } catch {
    // As below: keep what was found.
  }
  return ctx.out
}

/** Local-only git hooks (pre-commit config hooks, husky `.husky/*`, lefthook.yml, simple-git-hooks, lint-staged) resolved to commands. */
export function collectLocalHooks(snapshot: Snapshot): ResolvedCommand[] {
  const ctx = new Ctx(snapshot, RESOLVERS)
  try {
    collectHooks(ctx)
  } catch {
    // As above: keep what was found.
  }
  return ctx.out
}

/** Commands the task runners declare (Makefile targets, package.json scripts, tox, nox, just), resolved whether or not anything runs them. */
export function collectDeclared(snapshot: Snapshot): ResolvedCommand[] {
  return declaredCommands(snapshot, RESOLVERS)
}
