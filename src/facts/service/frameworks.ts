import type { Ecosystem } from '../ecosystems.js'

/**
 * The HTTP frameworks Shipshape knows, in one table: how each is recognised (direct dependencies
 * first, imports in code second), its display name, and which framework's idioms and fix
 * snippets apply to it when it has none of its own (`like`: DRF is Django, echo is close enough
 * to gin). The row order is the preference when a service uses several (a NestJS app also
 * declaring express gets the NestJS fix). Routes are extracted per framework in routes/.
 */
export interface FrameworkInfo {
  readonly name: string
  readonly ecosystem: Ecosystem
  /** Normalised direct-dependency names; `x/*` matches Go module paths under `x`. */
  readonly packages: readonly string[]
  /** Imported modules (prefix-aware per ecosystem). */
  readonly imports: readonly string[]
  /** The importing file must also contain one of these (net/http is imported by clients too). */
  readonly alsoContains?: readonly string[]
  /** The framework whose fix snippets apply when this one has none. */
  readonly like?: string
}

const table = {
  fastapi: { name: 'FastAPI', ecosystem: 'python', packages: ['fastapi', 'fastapi-slim'], imports: ['fastapi'] },
  starlette: { name: 'Starlette', ecosystem: 'python', packages: ['starlette'], imports: ['starlette'] },
  drf: { name: 'Django REST Framework', ecosystem: 'python', packages: ['djangorestframework'], imports: ['rest_framework'], like: 'django' },
  django: { name: 'Django', ecosystem: 'python', packages: ['django'], imports: ['django'] },
  flask: { name: 'Flask', ecosystem: 'python', packages: ['flask', 'apiflask', 'flask-smorest', 'flask-restx', 'flask-restful', 'connexion'], imports: ['flask', 'apiflask', 'connexion'] },
  nestjs: { name: 'NestJS', ecosystem: 'node', packages: ['@nestjs/core', '@nestjs/common'], imports: ['@nestjs/core', '@nestjs/common'] },
  fastify: { name: 'Fastify', ecosystem: 'node', packages: ['fastify'], imports: ['fastify'] },
  express: { name: 'Express', ecosystem: 'node', packages: ['express'], imports: ['express'] },
  koa: { name: 'Koa', ecosystem: 'node', packages: ['koa', '@koa/router', 'koa-router'], imports: ['koa', '@koa/router', 'koa-router'] },
  hono: { name: 'Hono', ecosystem: 'node', packages: ['hono'], imports: ['hono'] },
  gin: { name: 'gin', ecosystem: 'go', packages: ['github.com/gin-gonic/gin'], imports: ['github.com/gin-gonic/gin'] },
  chi: { name: 'chi', ecosystem: 'go', packages: ['github.com/go-chi/chi/*'], imports: ['github.com/go-chi/chi'] },
  'go-net-http': { name: 'Go net/http', ecosystem: 'go', packages: [], imports: ['net/http'], alsoContains: ['ListenAndServe', 'NewServeMux', 'http.HandleFunc(', 'http.Handle('] },
  echo: { name: 'echo', ecosystem: 'go', packages: ['github.com/labstack/echo/*'], imports: ['github.com/labstack/echo'], like: 'gin' },
  fiber: { name: 'fiber', ecosystem: 'go', packages: ['github.com/gofiber/fiber/*'], imports: ['github.com/gofiber/fiber'], like: 'gin' },
  // Kratos serves HTTP through transport/http, which takes net/http handlers (`srv.HandleFunc`);
  // its routes are generated from protobuf (`*_http.pb.go`: `r.GET("/x", …)`).
  kratos: { name: 'Kratos', ecosystem: 'go', packages: ['github.com/go-kratos/kratos/*'], imports: ['github.com/go-kratos/kratos/v2/transport/http'], like: 'go-net-http' },
  gorilla: { name: 'gorilla/mux', ecosystem: 'go', packages: ['github.com/gorilla/mux'], imports: ['github.com/gorilla/mux'] },
  spring: {
    name: 'Spring Boot',
    ecosystem: 'java',
    packages: ['org.springframework.boot:spring-boot-starter-web', 'org.springframework.boot:spring-boot-starter-webflux'],
    imports: ['org.springframework.web.bind.annotation']
  },
  rails: { name: 'Rails', ecosystem: 'ruby', packages: ['rails', 'railties', 'actionpack'], imports: ['rails', 'rails/all', 'action_controller/railtie'] }
} as const satisfies Record<string, FrameworkInfo>

export type Framework = keyof typeof table

export const FRAMEWORKS: Readonly<Record<Framework, FrameworkInfo>> = table

/** Every framework, in preference order. */
export const FRAMEWORK_IDS: readonly Framework[] = Object.keys(table) as Framework[]

/** The display names of the frameworks used, each once. */
export function frameworkList(fws: readonly { framework: Framework }[]): string {
  return [...new Set(fws.map((f) => FRAMEWORKS[f.framework].name))].join(', ')
}

/**
 * The first snippet that fits the frameworks used, in preference order: the framework's own,
 * else that of the framework it is `like`, else its ecosystem's.
 */
export function snippetFor<T>(fws: readonly Framework[], snippets: Readonly<Partial<Record<string, T>>>): T | undefined {
  for (const fw of FRAMEWORK_IDS) {
    if (!fws.includes(fw)) continue
    const info = FRAMEWORKS[fw]
    const s = snippets[fw] ?? (info.like ? snippets[info.like] : undefined) ?? snippets[info.ecosystem]
    if (s !== undefined) return s
  }
  return undefined
}
