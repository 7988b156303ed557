import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'

const MAX_TAGS = 100_000
const MAX_DEPTH = 16
const MAX_PACKED_BYTES = 64 * 1024 * 1024

/** The git directory of a checkout: `.git/`, or where a `.git` file (`gitdir: …`, worktrees and submodules) points. */
function gitDirOf(rootDir: string): string | null {
  const dotGit = join(rootDir, '.git')
  let st
  try {
    st = statSync(dotGit)
  } catch {
    return null
  }
  if (st.isDirectory()) return dotGit
  if (!st.isFile()) return null
  const text = readFileSync(dotGit, 'utf8')
  const m = /^gitdir:\s*(.+)$/m.exec(text)
  if (!m) return null
  const target = m[1]!.trim()
  const dir = isAbsolute(target) ? target : resolve(rootDir, target)
  try {
    return statSync(dir).isDirectory() ? dir : null
  } catch {
    return null
  }
}

/** A linked worktree keeps its refs in the main repository: `commondir` names it. */
function commonDirOf(gitDir: string): string {
  const file = join(gitDir, 'commondir')
  if (!existsSync(file)) return gitDir
  const rel = readFileSync(file, 'utf8').trim()
  return rel ? resolve(gitDir, rel) : gitDir
}

function walkTags(dir: string, prefix: string, out: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH || out.size >= MAX_TAGS) return
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return
  }
  for (const name of entries) {
    const full = join(dir, name)
    let st
    try {
      st = lstatSync(full)
    } catch {
      continue
    }
    if (st.isDirectory()) walkTags(full, `${prefix}${name}/`, out, depth + 1)
    else if (st.isFile()) out.add(`${prefix}${name}`)
    if (out.size >= MAX_TAGS) return
  }
}

/**
 * Tag names of a local checkout, read from `refs/tags/**` and `packed-refs` with node:fs (git is
 * never run). Null when there is no git directory, or when the clone is shallow and holds no tag
 * at all: `actions/checkout` fetches no tags by default, so "none found" there means "unknown",
 * not "none exist".
 */
export function readLocalTags(rootDir: string): string[] | null {
  try {
    const gitDir = gitDirOf(rootDir)
    if (!gitDir) return null
    const common = commonDirOf(gitDir)
    const tags = new Set<string>()
    walkTags(join(common, 'refs', 'tags'), '', tags, 0)
    const packed = join(common, 'packed-refs')
    if (existsSync(packed) && statSync(packed).size <= MAX_PACKED_BYTES) {
      for (const line of readFileSync(packed, 'utf8').split('\n')) {
        if (line.startsWith('#') || line.startsWith('^')) continue
        const sp = line.indexOf(' ')
        if (sp < 0) continue
        const ref = line.slice(sp + 1).trim()
        if (ref.startsWith('refs/tags/')) tags.add(ref.slice('refs/tags/'.length))
        if (tags.size >= MAX_TAGS) break
      }
    }
    if (tags.size === 0 && (existsSync(join(gitDir, 'shallow')) || existsSync(join(common, 'shallow')))) return null
    return [...tags].sort()
  } catch {
    return null
  }
}
