import { dirname, joinPath } from '../../paths.js'
import type { ImageBuild } from '../resolve/index.js'
import type { ActionRef, CiSystem } from '../types.js'

/**
 * Actions and tasks that build an image from a Dockerfile of this repository, as data: which
 * inputs name the Dockerfile, the build context and the target stage. The CI collector follows
 * the Dockerfile's RUN instructions (resolve/dockerfile.ts), so tests and linters run inside the
 * image build count. An input holding an expression (`${{ matrix.file }}`) or a glob is not
 * followed. GitHub actions resolve paths against the workspace root (never `working-directory`).
 */

type Inputs = Readonly<Record<string, string>>

interface ImageBuildRow {
  readonly systems: readonly CiSystem[]
  /** ActionRef.name (lower-cased). */
  readonly name: string
  readonly build: (w: Inputs) => { file?: string; context?: string; target?: string } | undefined
}

const GITHUB: readonly CiSystem[] = ['github-actions', 'other']
const AZURE: readonly CiSystem[] = ['azure-pipelines']

const buildPush = (w: Inputs): { file?: string; context?: string; target?: string } => ({ file: w.file, context: w.context, target: w.target })

const ROWS: readonly ImageBuildRow[] = [
  { systems: GITHUB, name: 'docker/build-push-action', build: buildPush },
  { systems: GITHUB, name: 'depot/build-push-action', build: buildPush },
  { systems: GITHUB, name: 'int128/kaniko-action', build: buildPush },
  { systems: GITHUB, name: 'redhat-actions/buildah-build', build: (w) => ({ file: w.containerfiles?.trim().split(/\s+/)[0], context: w.context }) },
  { systems: GITHUB, name: 'mr-smithers-excellent/docker-build-push', build: (w) => ({ file: w.dockerfile, context: w.directory }) },
  { systems: GITHUB, name: 'elgohr/publish-docker-github-action', build: (w) => ({ file: w.dockerfile, context: w.context }) },
  {
    systems: AZURE,
    name: 'docker',
    build: (w) => {
      const command = (w.command ?? 'buildAndPush').toLowerCase()
      if (command !== 'build' && command !== 'buildandpush') return undefined
      const target = /--target[= ](\S+)/.exec(w.arguments ?? '')?.[1]
      return { file: w.Dockerfile ?? w.dockerfile ?? 'Dockerfile', context: w.buildContext, ...(target ? { target } : {}) }
    }
  }
]

const plain = (v: string | undefined): boolean => v === undefined || (!v.includes('${{') && !v.includes('$(') && !/[*?]/.test(v) && !v.includes('://'))

/** The image an action builds from this repository, or undefined. */
export function imageBuildOf(system: CiSystem, action: ActionRef): ImageBuild | undefined {
  const name = action.name.replace(/@\d+$/, '')
  const row = ROWS.find((r) => r.name === name && r.systems.includes(system))
  const b = row?.build(action.with)
  if (!b || !plain(b.file) || !plain(b.context) || !plain(b.target)) return undefined
  const context = b.context !== undefined ? joinPath('', b.context) : b.file !== undefined && system === 'azure-pipelines' ? dirname(joinPath('', b.file) ?? '') : ''
  if (context === undefined) return undefined
  const file = b.file !== undefined ? joinPath('', b.file) : joinPath(context, 'Dockerfile')
  return file === undefined ? undefined : { file, context, ...(b.target ? { target: b.target } : {}) }
}
