import { filesWhere } from '../recording-snapshot.js'
import type { Manifest } from './types.js'
import { normalizePythonName } from './python.js'
import type { Snapshot } from '../snapshot.js'

/**
 * The name a manifest publishes its own package under (`[project] name`, package.json `name`,
 * go.mod `module`, a gemspec's `name`). Shipshape uses it to tell the repository of a framework
 * (encode/django-rest-framework publishes `djangorestframework`) from a service built on it.
 * Line reads with anchored patterns only; anything unreadable is simply no name.
 */

export interface OwnPackage {
  readonly name: string
  readonly path: string
  readonly line?: number
}

/** Lines looked at for the name: it sits at the top of every manifest format. */
const HEAD_LINES = 400

export function ownPackage(snapshot: Snapshot, m: Manifest): OwnPackage | undefined {
  const base = m.path.slice(m.path.lastIndexOf('/') + 1)
  const text = snapshot.text(m.path)
  if (text === undefined) return undefined
  if (base === 'package.json') {
    try {
      const name = (JSON.parse(text) as { name?: unknown }).name
      return typeof name === 'string' && name ? { name, path: m.path, ...lineOf(text, `"name"`) } : undefined
    } catch {
      return undefined
    }
  }
  const lines = text.split('\n', HEAD_LINES)
  if (base === 'go.mod') {
    const i = lines.findIndex((l) => l.startsWith('module '))
    const mod = i < 0 ? '' : lines[i]!.slice(7).trim().replace(/^"|"$/g, '')
    return mod ? { name: mod, path: m.path, line: i + 1 } : undefined
  }
  if (base === 'pyproject.toml' || base === 'setup.cfg') return tomlName(lines, base === 'setup.cfg' ? ['[metadata]'] : ['[project]', '[tool.poetry]'], m.path, normalizePythonName)
  if (base === 'composer.json') {
    try {
      const name = (JSON.parse(text) as { name?: unknown }).name
      return typeof name === 'string' && name ? { name: name.toLowerCase(), path: m.path, ...lineOf(text, `"name"`) } : undefined
    } catch {
      return undefined
    }
  }
  if (base === 'Cargo.toml') return tomlName(lines, ['[package]'], m.path, (n) => n)
  if (base === 'mix.exs') {
    const i = lines.findIndex((l) => /^\s*app:\s*:[a-z_][a-z0-9_]*/.test(l))
    return i < 0 ? undefined : { name: /app:\s*:([a-z_][a-z0-9_]*)/.exec(lines[i]!)![1]!, path: m.path, line: i + 1 }
  }
  if (m.ecosystem === 'dotnet' && /\.(cs|fs|vb)proj$/.test(base)) {
    // The package id, else the project's name (which NuGet uses when no id is set).
    const i = lines.findIndex((l) => /<PackageId>[^<]{1,200}<\/PackageId>/.test(l))
    if (i >= 0) return { name: /<PackageId>\s*([^<]{1,200}?)\s*<\/PackageId>/.exec(lines[i]!)![1]!, path: m.path, line: i + 1 }
    return { name: base.slice(0, base.lastIndexOf('.')), path: m.path }
  }
  if (base === 'setup.py') {
    for (let i = 0; i < lines.length; i++) {
      const v = /^\s*name\s*=\s*["']([A-Za-z0-9][A-Za-z0-9._-]{0,100})["']\s*,?\s*$/.exec(lines[i]!)
      if (v) return { name: normalizePythonName(v[1]!), path: m.path, line: i + 1 }
    }
    return undefined
  }
  if (base === 'Gemfile') {
    const dir = m.path.slice(0, m.path.length - base.length).replace(/\/$/, '')
    const spec = filesWhere(snapshot, isGemspec).find((f) => f.slice(0, f.lastIndexOf('/') + 1) === (dir ? dir + '/' : ''))
    const specText = spec ? snapshot.text(spec) : undefined
    if (!spec || specText === undefined) return undefined
    const specLines = specText.split('\n', HEAD_LINES)
    for (let i = 0; i < specLines.length; i++) {
      const v = /^\s*\w+\.name\s*=\s*["']([A-Za-z0-9][A-Za-z0-9._-]{0,100})["']/.exec(specLines[i]!)
      if (v) return { name: v[1]!, path: spec, line: i + 1 }
    }
  }
  return undefined
}

/** `name = "x"` in one of the sections (TOML, or INI for setup.cfg). */
function tomlName(lines: readonly string[], sections: readonly string[], path: string, normalise: (n: string) => string): OwnPackage | undefined {
  let inSection = false
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim()
    if (t.startsWith('[')) inSection = sections.includes(t)
    const v = inSection ? /^name\s*=\s*["']?([A-Za-z0-9][A-Za-z0-9._-]{0,100})["']?\s*$/.exec(t) : null
    if (v) return { name: normalise(v[1]!), path, line: i + 1 }
  }
  return undefined
}

function lineOf(text: string, token: string): { line?: number } {
  const at = text.indexOf(token)
  if (at < 0) return {}
  let line = 1
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++
  return { line }
}

function isGemspec(path: string): boolean {
  return path.endsWith('.gemspec')
}
