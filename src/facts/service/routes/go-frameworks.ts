import type { Framework } from '../types.js'

/**
 * The Go frameworks whose routes the Go extractors read, in the order that names a route's
 * framework when a service uses several (the router it was declared on is not always known).
 */
export const GO_FRAMEWORKS: readonly Framework[] = ['gin', 'echo', 'chi', 'fiber', 'gorilla', 'kratos', 'beego', 'go-zero', 'huma', 'buffalo', 'grpc-gateway', 'go-net-http']

/** The framework named on routes of a Go service using these frameworks. */
export function goFrameworkOf(fws: ReadonlySet<Framework>): Framework {
  for (const f of GO_FRAMEWORKS) if (fws.has(f)) return f
  return 'go-net-http'
}
