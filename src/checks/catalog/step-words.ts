/**
 * Words in the names of CI steps, actions, reusable workflows and scripts, as data: the ones that say
 * a step only prepares, reports or follows up (it never runs a check), and the ones that say it may
 * run one. Used to decide which steps Shipshape could not follow matter (opaque.ts) and which
 * reusable workflows may be read from their names (named-workflows.ts).
 */

/** Words of helper actions, workflows and scripts: they prepare, report or follow up, never run a check. */
const INERT = [
  'harden', 'setup', 'install', 'installer', 'cache', 'checkout', 'artifact', 'artifacts', 'upload', 'download', 'login', 'auth', 'credentials',
  'configure', 'notify', 'notification', 'slack', 'discord', 'teams', 'telegram', 'email', 'comment', 'label', 'labeler', 'labeller', 'stale',
  'assign', 'greet', 'greetings', 'welcome', 'changelog', 'version', 'tag', 'release', 'publish', 'deploy', 'pages', 'doc', 'docs', 'coverage',
  'codecov', 'coveralls', 'sbom', 'sign', 'attest', 'cosign', 'wait', 'await', 'cancel', 'lock', 'dependabot', 'renovate', 'automerge', 'merge',
  'approve', 'size', 'metadata', 'summary', 'report', 'results', 'status', 'badge', 'ghcr', 'registry', 'push', 'render', 'dependency',
  'dependencies', 'submission', 'trivy', 'k6', 'chart', 'helm', 'slash', 'chatops', 'issue', 'issues', 'triage', 'milestone', 'backport',
  'translation', 'translations', 'i18n', 'sync', 'mirror', 'benchmark', 'bench', 'stats', 'github-script', 'permission', 'permissions', 'user', 'users',
  'references', 'command', 'list'
]
export const INERT_WORDS = new RegExp(`(^|[/_.-])(${INERT.map((w) => w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})([/_.-]|$)`)

/** Words that say an action or workflow may run a check. */
export const MAY_RUN_WORDS = /(^|[/_.-])(tests?|testing|lint(er|ers|ing)?|checks?|ci|build|run(ner)?|make|task|exec(ute)?|script|command|compose|verify|validate|analy[sz]e|analysis|scan|format|style|typecheck|types?|spec|quality|bazel|nix|earthly|dagger|gradle|maven|cargo|tox|nox|just|pytest|jest|phpunit|mix)([/_.-]|$)/

