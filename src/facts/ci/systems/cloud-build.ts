import { basename, joinPath } from '../../paths.js'
import { shellJoin } from '../resolve/engine.js'
import type { CiJob, CiStep, CiTriggers } from '../types.js'
import { get, isMap, itemLine, keyLine, list, str, strings, truthy, valueLine } from '../../parse/yaml.js'
import { imageRef, link, readYaml, triggers, unescapeDollars, workDir, type ParseContext } from './common.js'
import { substituteEnv } from './github-env.js'
import { imageCommand } from './image-command.js'

/**
 * Google Cloud Build (`cloudbuild*.yaml` at the root). Each file is a job; each step runs a
 * builder image: with `script:` that script, with `entrypoint:` that program and its `args`
 * (`bash -c "…"` runs the script), without one the image's own program (`gcr.io/cloud-builders/
 * docker` runs `docker`, so `args: [build, …]` is `docker build …`). A step with no `args` runs the
 * image's default command: when an earlier step built that image from one of the repository's
 * Dockerfiles (`docker build -t NAME -f FILE`), its CMD is followed (image-command.ts); otherwise
 * the step is opaque. Steps run in the checkout (`/workspace`, or `dir:`); `allowFailure: true`
 * cannot fail the build; `$$` is a literal `$`.
 *
 * Triggers live in the Cloud project, not in the file. By convention a file's name says which
 * trigger runs it: `tag`/`release` for tags, `master`/`main`/`push`/`postsubmit`/`deploy`/
 * `nightly` for branch pushes, `presubmit`/`pr` for pull requests, and the plain `cloudbuild.yaml`
 * beside such named siblings is the presubmit one. A file no convention names has its triggers
 * marked as set outside the repository.
 */

/** Builder images and the program they run. */
const BUILDERS: Readonly<Record<string, string>> = {
  'gcr.io/cloud-builders/docker': 'docker',
  'gcr.io/cloud-builders/gcloud': 'gcloud',
  'gcr.io/cloud-builders/gcloud-slim': 'gcloud',
  'gcr.io/google.com/cloudsdktool/cloud-sdk': 'gcloud',
  'gcr.io/cloud-builders/go': 'go',
  'gcr.io/cloud-builders/npm': 'npm',
  'gcr.io/cloud-builders/yarn': 'yarn',
  'gcr.io/cloud-builders/mvn': 'mvn',
  'gcr.io/cloud-builders/gradle': 'gradle',
  'gcr.io/cloud-builders/kubectl': 'kubectl',
  'gcr.io/cloud-builders/git': 'git',
  'gcr.io/cloud-builders/curl': 'curl',
  'gcr.io/cloud-builders/wget': 'wget',
  'gcr.io/cloud-builders/gsutil': 'gsutil',
  'gcr.io/cloud-builders/bazel': 'bazel',
  'gcr.io/cloud-builders/gke-deploy': 'gke-deploy',
  'gcr.io/kaniko-project/executor': 'executor',
  docker: 'docker'
}

const TAG_NAMES = /(^|[_.-])(tag|tags|release)([_.-]|$)/
const PUSH_NAMES = /(^|[_.-])(master|main|push|postsubmit|deploy|nightly|prod|production|cd)([_.-]|$)/
const PR_NAMES = /(^|[_.-])(presubmit|pr|pull|pull_request|pullrequest)([_.-]|$)/
const DEFAULT_NAMES = new Set(['cloudbuild.yaml', 'cloudbuild.yml'])
const OUTSIDE = 'a Cloud Build trigger, set in the Google Cloud project, decides which events run this file'

export function parseCloudBuild(ctx: ParseContext, paths: readonly string[]): CiJob[] {
  const named = paths.some((p) => !DEFAULT_NAMES.has(p) && fileTriggers(p, false).outside === undefined)
  return paths.flatMap((p) => file(ctx, p, fileTriggers(p, named)))
}

function fileTriggers(path: string, siblingsNamed: boolean): CiTriggers {
  const stem = basename(path).toLowerCase().replace(/\.ya?ml$/, '')
  if (TAG_NAMES.test(stem)) return triggers({}, ['tag (by file name)'])
  if (PUSH_NAMES.test(stem)) return triggers({ push: true }, ['push (by file name)'])
  if (PR_NAMES.test(stem) || (DEFAULT_NAMES.has(path) && siblingsNamed)) return triggers({ pullRequest: true }, ['pull_request (by file name)'])
  return triggers({}, ['Cloud Build trigger'], { outside: OUTSIDE })
}

/** Image names without tag, `$PROJECT_ID` spelt one way, so a step's image finds the step that built it. */
function imageKey(image: string): string {
  return imageRef(image.replace(/\$\{(\w+)\}/g, '$$$1'), {}).name
}

function file(ctx: ParseContext, path: string, t: CiTriggers): CiJob[] {
  const doc = readYaml(ctx, path)
  if (doc === undefined) return []
  if (!isMap(doc) || !Array.isArray(get(doc, 'steps'))) {
    ctx.problems.push({ path, line: 1, message: 'Cloud Build configuration has no `steps:` list' })
    return []
  }
  const stepsNode = get(doc, 'steps') as unknown[]
  const built = new Map<string, { dockerfile: string; context: string }>()
  const env = envList(get(get(doc, 'options'), 'env'))
  const steps: CiStep[] = []
  const images: string[] = []
  stepsNode.forEach((s, i) => {
    if (!isMap(s)) return
    const line = itemLine(stepsNode, i)
    const image = str(get(s, 'name'))?.trim()
    if (image === undefined || image === '') return
    if (!images.includes(image)) images.push(image)
    const stepEnv = new Map(env)
    for (const [k, v] of envList(get(s, 'env'))) stepEnv.set(k, v)
    const id = str(get(s, 'id'))
    const wd = workDir(get(s, 'dir'))
    const base = { ...(id !== undefined ? { name: id } : {}), canFail: truthy(get(s, 'allowFailure')), disabled: null, via: [], ...(wd !== undefined ? { workingDirectory: wd } : {}) }
    const args = strings(get(s, 'args'))
    const entrypoint = str(get(s, 'entrypoint'))
    const script = str(get(s, 'script'))
    const from = built.get(imageKey(image))
    let run: { text: string; line: number | undefined } | undefined
    if (script !== undefined) run = { text: script, line: valueLine(s, 'script') }
    else if (entrypoint !== undefined) run = { text: shellCommand([entrypoint, ...args]), line: keyLine(s, 'entrypoint') }
    else if (args.length > 0 && from === undefined) run = { text: shellCommand([BUILDERS[imageRef(image, {}).name] ?? args[0]!, ...(BUILDERS[imageRef(image, {}).name] ? args : args.slice(1))]), line: keyLine(s, 'args') }
    if (run !== undefined) {
      const text = substituteEnv(unescapeDollars(run.text), stepEnv)
      steps.push({ ...base, loc: link(path, run.line ?? line, `${id ?? image}: ${run.text}`), run: text, ...(run.line !== undefined ? { runLine: run.line } : {}) })
      recordBuild(text, built)
      return
    }
    const here = link(path, line, `${id ?? image}: ${image}`)
    const followed = from === undefined ? undefined : followImage(ctx, from, args)
    if (followed !== undefined) {
      steps.push({ ...base, loc: link(from!.dockerfile, followed.line, followed.script), run: substituteEnv(followed.script, stepEnv), runLine: followed.line, via: [here] })
      return
    }
    steps.push({ ...base, loc: here, uses: imageRef(image, {}), opaque: `it runs the default command of image ${image}, which is not built from this repository` })
  })
  return [
    {
      system: 'cloud-build',
      file: path,
      line: keyLine(doc, 'steps') ?? 1,
      id: path,
      name: basename(path),
      triggers: t,
      disabled: null,
      canFail: false,
      steps,
      images: images.slice(0, 20),
      services: [],
      via: []
    }
  ]
}

/** `entrypoint: bash` with `args: [-c, "…"]` is the script itself; anything else, the words quoted back. */
function shellCommand(argv: readonly string[]): string {
  const shell = /(^|\/)(ba|z|da)?sh$/.test(argv[0]!) ? argv.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w)) : -1
  if (shell > 0 && argv[shell + 1] !== undefined) return argv[shell + 1]!
  return shellJoin(argv)
}

/** Remembers `docker build -t NAME [-f FILE] CONTEXT` so a later step running NAME can follow its CMD. */
function recordBuild(text: string, built: Map<string, { dockerfile: string; context: string }>): void {
  const w = text.trim().split(/\s+/)
  if (w[0] !== 'docker' || !(w[1] === 'build' || (w[1] === 'buildx' && w[2] === 'build'))) return
  const tags: string[] = []
  let file: string | undefined
  let context: string | undefined
  for (let i = w[1] === 'build' ? 2 : 3; i < w.length; i++) {
    const a = w[i]!.replace(/^['"]|['"]$/g, '')
    const next = (): string | undefined => w[i + 1]?.replace(/^['"]|['"]$/g, '')
    if (a === '-t' || a === '--tag') tags.push(next() ?? '')
    else if (a.startsWith('--tag=')) tags.push(a.slice(6))
    else if (a === '-f' || a === '--file') file = next()
    else if (a.startsWith('--file=')) file = a.slice(7)
    else if (a.startsWith('-')) {
      if (!a.includes('=') && /^--(cache-from|build-arg|target|platform|label|secret|network|progress|ssh|output|builder)$/.test(a)) i++
      continue
    } else if (i > 0 && /^(-t|--tag|-f|--file)$/.test(w[i - 1]!)) continue
    else context = a
  }
  const ctxDir = joinPath('', context ?? '.')
  if (ctxDir === undefined || context?.includes('$')) return
  const dockerfile = file !== undefined ? joinPath('', file) : joinPath(ctxDir, 'Dockerfile')
  if (dockerfile === undefined) return
  for (const tag of tags) if (tag !== '') built.set(imageKey(tag), { dockerfile, context: ctxDir })
}

function followImage(ctx: ParseContext, from: { dockerfile: string; context: string }, args: readonly string[]): { script: string; line: number } | undefined {
  const text = ctx.snapshot.text(from.dockerfile)
  return text === undefined ? undefined : imageCommand(text, from.context, args)
}

/** `env: ['K=V', …]` as variables. */
function envList(node: unknown): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>()
  for (const item of list(node)) {
    const s = str(item)
    const eq = s?.indexOf('=') ?? -1
    if (s === undefined || eq <= 0 || s.includes('\n')) continue
    out.set(s.slice(0, eq), [s.slice(eq + 1)])
  }
  return out
}
