import type { ManifestFacts } from '../../manifests/types.js'
import { dirname } from '../../paths.js'

/**
 * The .NET projects of a repository, from its project files: which project a source file belongs
 * to (the nearest directory holding a `*.csproj`/`*.fsproj`/`*.vbproj`), and which projects are web
 * applications (the web SDK). Several services in one repository each register their own health
 * checks and OpenAPI documents; a class library's registrations serve every app that uses it.
 */
export interface DotnetProjects {
  /** The project directory of a file ('' when none). */
  of(path: string): string
  /** Whether the directory is a web application's project. */
  isWeb(dir: string): boolean
}

const PROJECT = /\.(cs|fs|vb)proj$/

export function dotnetProjects(manifests: ManifestFacts): DotnetProjects {
  const dirs = new Set<string>()
  const web = new Set<string>()
  for (const m of manifests.manifests) {
    if (m.ecosystem !== 'dotnet' || !PROJECT.test(m.path)) continue
    dirs.add(m.dir)
    if (m.dependencies.some((d) => d.name === 'Microsoft.NET.Sdk.Web')) web.add(m.dir)
  }
  const memo = new Map<string, string>()
  const of = (path: string): string => {
    const start = dirname(path)
    const hit = memo.get(start)
    if (hit !== undefined) return hit
    let d = start
    while (d !== '' && !dirs.has(d)) d = dirname(d)
    memo.set(start, d)
    return d
  }
  return { of, isWeb: (dir) => web.has(dir) }
}
