/** Commands that fail a CI step when the work tree changed. */

/**
 * A check that the tree is unchanged: `git diff --exit-code`/`--quiet`, or `git diff` or
 * `git status --porcelain` whose output is tested (`[ -n "$(git status --porcelain)" ] && exit 1`,
 * `D=$(git diff)` then `[ -n "$D" ]`).
 */
export function isDiffCheck(words: readonly string[], outputChecked: boolean): boolean {
  if (words[0] !== 'git') return false
  if (words[1] === 'diff') return outputChecked || words.some((w) => w === '--exit-code' || w === '--quiet')
  return words[1] === 'status' && outputChecked && words.some((w) => w === '--porcelain' || w.startsWith('--porcelain=') || w === '--short' || w === '-s')
}
