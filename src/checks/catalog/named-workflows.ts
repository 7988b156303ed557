import type { ActionUse } from '../../facts/ci/types.js'
import { judgeCommand, type Catalogue, type CommandSignature, type CommandVerdict } from './match.js'
import { INERT_WORDS } from './step-words.js'

/**
 * Reusable workflows of another repository named for what they run. An organisation's shared
 * workflows (`org/infra/.github/workflows/rubocop.yml@main`, `…/codeql-analysis.yml`,
 * `…/build-image-from-pr.yml`) are not visible from the calling repository, but their file name
 * says what they do: a human reviewer reads `lint-ruby: uses: …/rubocop.yml` as "RuboCop runs on
 * this PR". Shipshape reads them the same way and says in the evidence that it read a name, not the
 * steps; a declaration in the config (`signatures.<check>.actions`) confirms or overrides it.
 *
 * What counts as "named for a tool": the file name's words, read as a command line from any word
 * on (`go-test` → `go test`, `cargo-clippy` → `cargo clippy`, `golangci-lint` → `golangci-lint`),
 * are a command a catalogue knows, or a word is a catalogued tool's own name (`codeql-analysis` →
 * CodeQL). Failing that, a word that names the practice itself (the catalogue's `purposeWords`:
 * `lint_php`, `unit-tests`, `typecheck`, `sast`) is read as the practice, with the file name as the
 * tool.
 *
 * Traps:
 * - a helper word anywhere in the name (`setup-rubocop`, `release-gem`, `publish-docs`,
 *   `eslint-report`) means it prepares or follows up: not read as the tool;
 * - only workflows of another repository: a local workflow is read step by step, and a remote
 *   composite action is not guessed from its name (action names like `action-rubocop` wrap tools
 *   with their own failure switches, reviewdog's `fail_on_error`);
 * - tools that only install or annotate (`kind: setup`) or only relate (`kind: related`) are never
 *   read from a name;
 * - words that name no practice stay opaque (`checks.yml`, `ci.yml`, `laravel.yml`, `static.yml`):
 *   the step is named as one Shipshape could not follow, with how to declare it.
 */

/** Words that say a workflow builds a container image, and the words that say it builds or pushes. */
const IMAGE_WORDS = /(^|[_.-])(image|images|docker|container|containers|oci)([_.-]|$)/
const BUILD_WORDS = /(^|[_.-])(build|builds|push|bake|buildx|kaniko|buildah)([_.-]|$)/
/** A workflow that only works on images built elsewhere: not a build. */
const NOT_A_BUILD = /(^|[_.-])(scan|sign|cosign|attest|promote|retag|tag|cleanup|clean|prune|delete|deploy|release|sbom|trivy|lint)([_.-]|$)/

/** What the evidence of a reading by name says. */
export const READ_FROM_NAME = "read from the name of another repository's reusable workflow (its steps are not visible here)"

/** The file stem of a reusable workflow of another repository (`org/ci/.github/workflows/rubocop.yml@v1` → `rubocop`). */
export function remoteWorkflowStem(name: string): string | undefined {
  const n = name.toLowerCase().replace(/@.*$/, '')
  const at = n.indexOf('/.github/workflows/')
  if (at <= 0 || n.startsWith('./')) return undefined
  const stem = n.slice(n.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '')
  return stem === '' ? undefined : stem
}

function counts(sig: CommandSignature): boolean {
  return sig.kind === undefined || sig.kind === 'counts'
}

/** The catalogue tool a remote reusable workflow is named for, as a verdict that says it is a reading of the name. */
export function judgeNamedWorkflow(catalogue: Catalogue, use: ActionUse): CommandVerdict | null {
  const stem = remoteWorkflowStem(use.action.name)
  if (stem === undefined || INERT_WORDS.test(stem)) return null
  const words = stem.split(/[-_.]+/).filter(Boolean)
  for (let i = 0; i < words.length; i++) {
    const heads = i + 1 < words.length ? [words[i]!, `${words[i]}-${words[i + 1]}`] : [words[i]!]
    for (const head of heads) {
      const rest = words.slice(i + (head.includes('-') ? 2 : 1))
      for (const sig of catalogue.commands) {
        if (!counts(sig)) continue
        const named = sig.tool.toLowerCase() === head
        if (named || judgeCommand(sig, [head, ...rest]) !== null) return { signature: sig, blockedBy: null, note: READ_FROM_NAME }
      }
    }
  }
  const purpose = words.find((w) => catalogue.purposeWords?.includes(w))
  if (purpose !== undefined) return { signature: { tool: `${purpose} (${stem})`, commands: [] }, blockedBy: null, note: READ_FROM_NAME }
  return null
}

/** True when a remote reusable workflow's name says it builds a container image (`build-image-from-pr`, `docker-build-push`). */
export function imageBuildWorkflow(name: string): boolean {
  const stem = remoteWorkflowStem(name)
  return stem !== undefined && IMAGE_WORDS.test(stem) && BUILD_WORDS.test(stem) && !NOT_A_BUILD.test(stem)
}

