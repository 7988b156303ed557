import { minimatch, type MinimatchOptions } from 'minimatch'

/**
 * Globs written by the scanned repository (`.gitignore`, `.shipshape.yml` ignore and signature
 * globs, GitLab `include: local`, workspace filters, npm-run-all patterns) are hostile input.
 * minimatch compiles each path segment to a backtracking regex, so some globs cost time
 * exponential in the length of the file name they are matched against: `*a*a*a*a*b` takes over a
 * minute on one 200-character name, the extglob `+(a|aa)b` seconds on 40 characters, and
 * `{a,b}{a,b}…` expands to 100,000 patterns. A glob is matched only when it stays within these
 * bounds; anything beyond them is treated as matching nothing (and the config rejects it).
 */

/** Longest glob accepted (the config schema's cap). */
export const MAX_GLOB_LENGTH = 1024
/** `*` runs within one path segment (`**` alone as a segment is minimatch's globstar, not counted). */
export const MAX_STARS_PER_SEGMENT = 2
/** Brace groups, and commas across them: the expansion stays a few hundred patterns at most. */
export const MAX_BRACE_GROUPS = 2
export const MAX_BRACE_COMMAS = 32

/** Why a glob is refused, or null when it is safe to hand to minimatch. */
export function unsafeGlobReason(glob: string): string | null {
  if (glob.length > MAX_GLOB_LENGTH) return `longer than ${MAX_GLOB_LENGTH} characters`
  if (/[?*+@!]\(/.test(glob)) return 'extended glob patterns like `+(a|b)` are not supported'
  let groups = 0
  let commas = 0
  for (const c of glob) {
    if (c === '{') groups++
    else if (c === ',') commas++
  }
  if (groups > MAX_BRACE_GROUPS || commas > MAX_BRACE_COMMAS) return `at most ${MAX_BRACE_GROUPS} brace groups with ${MAX_BRACE_COMMAS} alternatives in all`
  for (const segment of glob.split('/')) {
    if (segment === '**') continue
    const runs = segment.match(/\*+/g)?.length ?? 0
    if (runs > MAX_STARS_PER_SEGMENT) return `at most ${MAX_STARS_PER_SEGMENT} \`*\` per path segment`
  }
  return null
}

export function isSafeGlob(glob: string): boolean {
  return unsafeGlobReason(glob) === null
}

/** `minimatch(path, glob, options)`, false for a glob outside the bounds above. */
export function safeMinimatch(path: string, glob: string, options?: MinimatchOptions): boolean {
  return isSafeGlob(glob) && minimatch(path, glob, options)
}
