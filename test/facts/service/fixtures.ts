import type { Dependency, Ecosystem, ManifestFacts } from '../../../src/facts/manifests/types.js'

/** A ManifestFacts literal with one manifest per entry: `{ 'requirements.txt': ['fastapi'] }`. */
export function manifestsOf(entries: Record<string, readonly string[]>, ecosystem?: Ecosystem): ManifestFacts {
  const eco = (path: string): Ecosystem =>
    ecosystem ?? (path.endsWith('package.json') ? 'node' : path.endsWith('go.mod') ? 'go' : path.endsWith('pom.xml') || path.includes('gradle') ? 'java' : path.endsWith('Gemfile') ? 'ruby' : 'python')
  return {
    manifests: Object.entries(entries).map(([path, names]) => {
      const e = eco(path)
      const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
      const dependencies: Dependency[] = names.map((name, i) => ({ name, ecosystem: e, manifest: path, line: i + 1, dev: false }))
      return { path, ecosystem: e, dir, dependencies }
    }),
    problems: []
  }
}
