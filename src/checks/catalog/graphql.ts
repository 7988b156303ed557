import { healthSegment } from '../../facts/catalog/health.js'
import type { Ecosystem } from '../../facts/manifests/types.js'
import type { Facts } from '../../facts/types.js'
import type { Route } from '../../facts/service/types.js'
import type { Evidence } from '../types.js'

/**
 * GraphQL-only APIs. `openapi-published` and `contract-tests` ask about an OpenAPI description
 * and the REST contract it states; a service whose only API is GraphQL (graphene, strawberry,
 * ariadne, Apollo, gqlgen, graphql-ruby, Spring GraphQL…) has neither, and failing it for that
 * is wrong. It is GraphQL-only when a GraphQL server library is a direct runtime dependency and
 * every route the app declares is GraphQL itself or plumbing that no OpenAPI would describe
 * (health, static and media files, inbound webhooks, `.well-known`, the home page). One REST
 * resource route makes the API mixed, and both checks stay applicable.
 */

export interface GraphQlServerSignature {
  readonly tool: string
  readonly ecosystem: Ecosystem
  /** Normalised direct-dependency names (see Dependency.name). */
  readonly packages: readonly string[]
}

export const GRAPHQL_SERVERS: readonly GraphQlServerSignature[] = [
  { tool: 'graphene', ecosystem: 'python', packages: ['graphene', 'graphene-django'] },
  { tool: 'Strawberry', ecosystem: 'python', packages: ['strawberry-graphql', 'strawberry-graphql-django'] },
  { tool: 'Ariadne', ecosystem: 'python', packages: ['ariadne', 'ariadne-django'] },
  { tool: 'Apollo Server', ecosystem: 'node', packages: ['@apollo/server', 'apollo-server', 'apollo-server-express', 'apollo-server-fastify', 'apollo-server-koa'] },
  { tool: 'NestJS GraphQL', ecosystem: 'node', packages: ['@nestjs/graphql'] },
  { tool: 'GraphQL Yoga', ecosystem: 'node', packages: ['graphql-yoga'] },
  { tool: 'Mercurius', ecosystem: 'node', packages: ['mercurius'] },
  { tool: 'express-graphql', ecosystem: 'node', packages: ['express-graphql', 'graphql-http'] },
  { tool: 'gqlgen', ecosystem: 'go', packages: ['github.com/99designs/gqlgen'] },
  { tool: 'graphql-go', ecosystem: 'go', packages: ['github.com/graph-gophers/graphql-go', 'github.com/graphql-go/graphql', 'github.com/graphql-go/handler'] },
  { tool: 'Spring GraphQL', ecosystem: 'java', packages: ['org.springframework.boot:spring-boot-starter-graphql', 'org.springframework.graphql:spring-graphql'] },
  { tool: 'Netflix DGS', ecosystem: 'java', packages: ['com.netflix.graphql.dgs:graphql-dgs-spring-boot-starter', 'com.netflix.graphql.dgs:graphql-dgs-spring-graphql-starter'] },
  { tool: 'graphql-ruby', ecosystem: 'ruby', packages: ['graphql'] }
]

/** Path segments of routes that serve GraphQL itself or its IDE. */
const GRAPHQL_SEGMENTS: ReadonlySet<string> = new Set(['graphql', 'graphiql', 'playground', 'altair', 'voyager', 'subscriptions'])

/** First path segments of plumbing no OpenAPI describes (files, discovery, ops pages). */
const PLUMBING_MOUNTS: ReadonlySet<string> = new Set([
  'static', 'media', 'assets', 'uploads', '.well-known', 'favicon.ico', 'robots.txt', 'sitemap.xml',
  'metrics', 'admin', 'thumbnail', 'thumbnails'
])

/** Path segments, anywhere, of inbound webhooks (their contract belongs to the sender). */
const WEBHOOK_SEGMENTS: ReadonlySet<string> = new Set(['webhook', 'webhooks'])

/** Handler-name words of plumbing routes whose path could not be read (a regex or a variable). */
const PLUMBING_HANDLER_WORDS: readonly string[] = ['graphql', 'graphiql', 'webhook', 'thumbnail', 'image', 'jwks', 'static', 'serve', 'home', 'index', 'favicon', 'robots', 'health', 'metrics', 'swagger', 'redoc', 'openapi', 'apidoc']

/** Why a route is not part of a REST API, or null when it may be one. */
export function plumbingRoute(route: Route): string | null {
  const segs = route.path.toLowerCase().split('/').filter((s) => s !== '')
  if (segs.some((s) => GRAPHQL_SEGMENTS.has(s))) return 'GraphQL'
  if (healthSegment(route.path) !== null || route.library) return 'health'
  if (PLUMBING_MOUNTS.has(segs[0] ?? '') || segs.some((s) => WEBHOOK_SEGMENTS.has(s))) return 'plumbing'
  const handler = (route.handler ?? '').toLowerCase()
  // A root route (or one whose path was a regex the extractor left at `/`) is judged by its handler.
  if (segs.length === 0 || route.prefixUnknown) {
    if (handler === '' && segs.length === 0) return 'home page'
    if (PLUMBING_HANDLER_WORDS.some((w) => handler.includes(w))) return 'plumbing'
  }
  if (handler.includes('webhook')) return 'plumbing'
  return null
}

export interface GraphQlOnly {
  readonly tool: string
  readonly evidence: readonly Evidence[]
}

/** The GraphQL server when the app's only API is GraphQL, else null (no GraphQL, or REST routes too). */
export function graphqlOnly(facts: Facts): GraphQlOnly | null {
  const ecosystems = new Set(facts.service.frameworks.map((f) => f.ecosystem))
  let server: { tool: string; evidence: Evidence } | undefined
  for (const m of facts.manifests.manifests) {
    for (const d of m.dependencies) {
      if (d.dev || d.own || !ecosystems.has(d.ecosystem)) continue
      const sig = GRAPHQL_SERVERS.find((s) => s.ecosystem === d.ecosystem && s.packages.includes(d.name))
      if (sig && !server) server = { tool: sig.tool, evidence: { path: d.manifest, ...(d.line ? { line: d.line } : {}), message: `GraphQL server: ${sig.tool} (${d.name})` } }
    }
  }
  if (!server) return null
  // A committed spec states a REST contract; a framework generator alone (FastAPI) describes only the routes below.
  if (facts.openapi.specs.some((s) => s.notOwn === null)) return null
  if (facts.service.routes.some((r) => plumbingRoute(r) === null)) return null
  const gql = facts.service.routes.find((r) => plumbingRoute(r) === 'GraphQL')
  return {
    tool: server.tool,
    evidence: [server.evidence, ...(gql ? [{ path: gql.file, line: gql.line, message: `GraphQL endpoint ${gql.path}; no REST resource route besides GraphQL, health and plumbing` }] : [])]
  }
}
