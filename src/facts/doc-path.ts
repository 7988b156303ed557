/**
 * A value inside a parsed document (TOML, YAML, JSON) by key path, or undefined. Only own keys
 * are followed, so a key such as `constructor` never reaches a prototype.
 */
export function at(doc: unknown, ...keys: string[]): unknown {
  let v = doc
  for (const k of keys) {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, k)) return undefined
    v = (v as Record<string, unknown>)[k]
  }
  return v
}
