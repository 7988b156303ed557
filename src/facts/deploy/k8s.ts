import { KUBERNETES_PROBES } from '../catalog/health.js'
import { httpPathOf } from './http-path.js'
import type { DeployHealthcheck } from './types.js'
import { childrenOf, flowList, unquote, yamlLines, type YamlLine } from '../parse/yaml-lines.js'

const PROBE_KEYS: readonly string[] = Object.keys(KUBERNETES_PROBES)

/** Cheap pre-filter before walking a YAML file. */
export function mayHaveProbes(text: string): boolean {
  return PROBE_KEYS.some((k) => text.includes(k))
}

/**
 * The `image:` of the container a probe belongs to: a sibling key of the same list item
 * (`- name: app` … `image: …` … `livenessProbe:`), before or after the probe.
 */
function containerImage(lines: readonly YamlLine[], probe: number): string | undefined {
  const { indent } = lines[probe]!
  for (let k = probe - 1; k >= 0 && lines[k]!.indent >= indent; k--) {
    const l = lines[k]!
    if (l.indent === indent && l.key === 'image') return unquote(l.value) || undefined
    if (l.indent === indent && l.item) break
  }
  for (let k = probe + 1; k < lines.length && lines[k]!.indent >= indent; k++) {
    const l = lines[k]!
    if (l.indent === indent && l.item) break
    if (l.indent === indent && l.key === 'image') return unquote(l.value) || undefined
  }
  return undefined
}

/**
 * Kubernetes / Helm probes (`livenessProbe`, `readinessProbe`, `startupProbe`) in manifests,
 * chart templates and `values.yaml`: `httpGet.path`, `exec.command`, `tcpSocket`, `grpc`. A probe
 * whose body is a template (`{{- toYaml .Values.livenessProbe | nindent 12 }}`) is listed with
 * that text: the values file holds the real path and is read too.
 */
export function kubernetesProbes(path: string, text: string): DeployHealthcheck[] {
  const out: DeployHealthcheck[] = []
  const lines = yamlLines(text)
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    const kind = l.key ? KUBERNETES_PROBES[l.key] : undefined
    if (!kind) continue
    const body = childrenOf(lines, i)
    const image = containerImage(lines, i)
    const base = { path, line: l.line, source: 'kubernetes' as const, kind, ...(image ? { image } : {}) }
    const http = body.find((c) => c.key === 'path' && c.parents[c.parents.length - 1] === 'httpGet')
    if (http) {
      const p = unquote(http.value)
      out.push({ ...base, command: `httpGet ${p}`, probe: 'http', httpPath: p })
      continue
    }
    const cmdIdx = lines.findIndex((c, k) => k > i && k <= i + body.length && c.key === 'command' && c.parents[c.parents.length - 1] === 'exec')
    if (cmdIdx >= 0) {
      const c = lines[cmdIdx]!
      const items = flowList(c.value) ?? (c.value ? [unquote(c.value)] : childrenOf(lines, cmdIdx).filter((x) => x.item).map((x) => unquote(x.value)))
      const command = items.join(' ')
      const httpPath = httpPathOf(command)
      out.push({ ...base, command, probe: 'exec', ...(httpPath ? { httpPath } : {}) })
      continue
    }
    if (body.some((c) => c.key === 'tcpSocket')) {
      out.push({ ...base, command: 'tcpSocket', probe: 'tcp' })
      continue
    }
    if (body.some((c) => c.key === 'grpc')) {
      out.push({ ...base, command: 'grpc', probe: 'grpc' })
      continue
    }
    const template = l.value.includes('{{') ? l.value : body.find((c) => c.value.includes('{{'))?.value
    if (template) out.push({ ...base, command: template })
  }
  return out
}
