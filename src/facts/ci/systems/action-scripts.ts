import { dirname, joinPath } from '../../paths.js'
import type { ActionRef, CiSystem } from '../types.js'

/**
 * Actions and tasks that stand for a command: the command is resolved like a `run:` script so the
 * tools behind it (pre-commit hooks, Maven plugins, npm scripts) are found. DATA, kept small on
 * purpose. Left out deliberately:
 * - actions that ARE the tool (`psf/black`, `astral-sh/ruff-action`, `golangci/golangci-lint-action`,
 *   `github/codeql-action/*`): the checks' catalogues match the action itself;
 * - setup-only actions (`wntrblm/nox`, `extractions/setup-just`, `actions/setup-*`): they install
 *   a tool, a later `run:` step uses it.
 */

export interface SyntheticScript {
  readonly script: string
  /** Directory the command runs in, when an input sets it (repo-relative). */
  readonly cwd?: string
}

type Inputs = Readonly<Record<string, string>>

interface ActionScriptRow {
  readonly systems: readonly CiSystem[]
  /** ActionRef.name (lower-cased). */
  readonly name: string
  readonly script: (w: Inputs) => SyntheticScript | undefined
}

const GITHUB: readonly CiSystem[] = ['github-actions', 'other']
const AZURE: readonly CiSystem[] = ['azure-pipelines']

const words = (...parts: (string | undefined)[]): string =>
  parts
    .filter((p): p is string => p !== undefined && p.trim() !== '')
    .map((p) => p.trim())
    .join(' ')

const dir = (v: string | undefined): string | undefined => (v === undefined || v.includes('$') ? undefined : joinPath('', v))

const withCwd = (script: string, cwd: string | undefined): SyntheticScript => (cwd === undefined ? { script } : { script, cwd })

/** Azure macros (`$(Build.ArtifactStagingDirectory)`) in a task input are variables, not command substitutions. */
const azureMacros = (v: string | undefined): string | undefined => v?.replace(/\$\(([\w.]+)\)/g, '$$$1')

/** `targetType: inline` → the script input; otherwise the file run by `runner`. */
const inlineOrFile = (runner: string) => (w: Inputs) => {
  const cwd = dir(w.workingDirectory)
  if ((w.targetType ?? 'filePath').toLowerCase() === 'inline') return w.script === undefined ? undefined : withCwd(w.script, cwd)
  return w.filePath === undefined ? undefined : withCwd(words(runner, w.filePath, w.arguments), cwd)
}

export const ACTION_SCRIPTS: readonly ActionScriptRow[] = [
  // pre-commit/action runs `pre-commit run … ${extra_args}`, extra_args defaulting to --all-files.
  { systems: GITHUB, name: 'pre-commit/action', script: (w) => ({ script: words('pre-commit run', w.extra_args ?? '--all-files') }) },
  { systems: GITHUB, name: 'j178/prek-action', script: (w) => ({ script: words('prek run', w['extra-args'] ?? w.extra_args ?? '--all-files') }) },
  // Retry wrappers: the wrapped command is the step.
  { systems: GITHUB, name: 'nick-fields/retry', script: (w) => (w.command ? { script: w.command } : undefined) },
  { systems: GITHUB, name: 'nick-invision/retry', script: (w) => (w.command ? { script: w.command } : undefined) },
  // GoReleaser's action runs `goreleaser <args>` (bare `goreleaser` is `release`) in `workdir`; `install-only` runs nothing.
  { systems: GITHUB, name: 'goreleaser/goreleaser-action', script: (w) => (w['install-only'] === 'true' ? undefined : withCwd(words('goreleaser', w.args ?? 'release'), dir(w.workdir))) },
  { systems: GITHUB, name: 'gradle/gradle-build-action', script: (w) => (w.arguments ? withCwd(words('./gradlew', w.arguments), dir(w['build-root-directory'])) : undefined) },

  // Azure Pipelines tasks.
  {
    systems: AZURE,
    name: 'npm',
    script: (w) => {
      const command = (w.command ?? 'install').toLowerCase()
      const script = command === 'custom' ? (w.customCommand ? words('npm', w.customCommand) : undefined) : words('npm', command)
      return script === undefined ? undefined : withCwd(script, dir(w.workingDir))
    }
  },
  { systems: AZURE, name: 'maven', script: (w) => withCwd(words('mvn', w.goals ?? 'package', w.options), w.mavenPomFile ? dir(dirname(w.mavenPomFile)) : undefined) },
  {
    systems: AZURE,
    name: 'gradle',
    script: (w) => {
      const wrapper = w.wrapperScript ?? w.gradleWrapperFile ?? 'gradlew'
      const cmd = wrapper.startsWith('./') || wrapper.startsWith('/') ? wrapper : `./${wrapper}`
      return withCwd(words(cmd, w.tasks ?? 'build', w.options), dir(w.workingDirectory ?? w.cwd))
    }
  },
  {
    systems: AZURE,
    name: 'pythonscript',
    script: (w) => ((w.scriptSource ?? 'filePath').toLowerCase() === 'inline' ? (w.script ? { script: w.script } : undefined) : w.scriptPath ? { script: words('python', w.scriptPath, w.arguments) } : undefined)
  },
  { systems: AZURE, name: 'bash', script: inlineOrFile('bash') },
  { systems: AZURE, name: 'powershell', script: inlineOrFile('pwsh') },
  { systems: AZURE, name: 'cmdline', script: (w) => (w.script ? withCwd(w.script, dir(w.workingDirectory)) : undefined) },
  {
    systems: AZURE,
    name: 'dotnetcorecli',
    script: (w) => {
      const command = (w.command ?? 'build').toLowerCase()
      // `push` publishes packages (`dotnet nuget push`); `custom` runs any dotnet command.
      const script = command === 'custom' ? words('dotnet', w.custom, w.arguments) : command === 'push' ? words('dotnet nuget push', azureMacros(w.packagesToPush)) : words('dotnet', command, w.projects, w.arguments)
      return withCwd(script, dir(w.workingDirectory))
    }
  }
]

/** The command an action or task stands for, or undefined. */
export function actionScript(system: CiSystem, action: ActionRef): SyntheticScript | undefined {
  const row = ACTION_SCRIPTS.find((r) => r.name === action.name && r.systems.includes(system))
  return row?.script(action.with)
}
