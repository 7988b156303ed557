import { basename } from '../paths.js'
import type { Snapshot } from '../snapshot.js'
import { get, isMap, itemLine, keyLine, list, parseYamlFile, str } from '../parse/yaml.js'
import type { ReleaserConfig } from './types.js'

/**
 * GoReleaser configurations that build container images: `dockers:` and `dockers_v2:` (each entry
 * builds a Dockerfile, `Dockerfile` unless `dockerfile:` names another) and `kos:` (ko, no
 * Dockerfile). Which CI command runs GoReleaser, and with which configuration, is the checks'
 * business: these facts only say what each configuration would build.
 *
 * Traps: `docker_manifests:` and `docker_signs:` build nothing (they stitch or sign images the
 * sections above built); `builds:` and `archives:` make binaries, not images.
 */

/** `.goreleaser.yml`, `.goreleaser-nightly.yaml`, `goreleaser.yml`, `release/goreleaser.yml`. */
export function isGoreleaserConfig(path: string): boolean {
  return /^\.?goreleaser([._-][\w.-]*)?\.ya?ml$/i.test(basename(path))
}

/** Sections whose entries build an image, and whether the entry reads a Dockerfile. */
const IMAGE_SECTIONS: readonly { readonly key: string; readonly dockerfile: boolean }[] = [
  { key: 'dockers', dockerfile: true },
  { key: 'dockers_v2', dockerfile: true },
  { key: 'kos', dockerfile: false }
]

/** Entries looked at per section: a hostile file cannot make the scan walk more. */
const MAX_ENTRIES = 50

export function goreleaserConfig(snapshot: Snapshot, path: string): ReleaserConfig | undefined {
  const parsed = parseYamlFile(snapshot, path)
  if (parsed === undefined || !parsed.ok || !isMap(parsed.value)) return undefined
  const doc = parsed.value
  const images: ReleaserConfig['images'][number][] = []
  for (const section of IMAGE_SECTIONS) {
    const node = get(doc, section.key)
    const entries = list(node).slice(0, MAX_ENTRIES)
    entries.forEach((entry, i) => {
      if (!isMap(entry) || get(entry, 'skip') === true) return
      const line = (Array.isArray(node) ? itemLine(node, i) : undefined) ?? keyLine(doc, section.key)
      const named = str(get(entry, 'dockerfile'))
      // Relative to where GoReleaser runs (the repository root, as a rule), not to the config file.
      const dockerfile = !section.dockerfile ? undefined : named === undefined ? 'Dockerfile' : named.includes('{{') ? undefined : named
      images.push({ section: section.key, ...(line !== undefined ? { line } : {}), ...(dockerfile !== undefined ? { dockerfile } : {}) })
    })
  }
  return images.length > 0 ? { path, images } : undefined
}
