import type { ManifestFacts } from './manifests/types.js'
import type { UsageFacts } from './usage.js'

/**
 * Front-end code: source that runs in a browser, not in the service. Defined by mechanism, never
 * by path:
 *
 * - every file of a Node package that depends on a browser UI framework (React, Vue, Svelte,
 *   Angular, Preact, Solid, Lit, Ember) and on no server or full-stack framework (Express,
 *   Fastify, NestJS, Koa, Hono, Next.js, Nuxt, Remix, SvelteKit, Astro, …): a single-page app,
 *   which its bundler ships to the browser;
 * - in any other Node package, a Vue or Svelte component, a module marked `'use client'`, or a
 *   module that imports a browser UI framework.
 *
 * Traps: a full-stack package (Next.js, Nuxt, SvelteKit) runs most of its modules on the server
 * too, so only its client-marked modules count as front-end; a server that renders React (SSR,
 * e-mail templates) has React imports in server modules, which this calls front-end (so at worst a
 * retry there counts as "front-end only"); a server framework only in devDependencies (a dev
 * proxy, a mock API) does not make a package a server.
 */

/** Browser UI frameworks (package names as declared). */
export const BROWSER_FRAMEWORKS: readonly string[] = ['react', 'react-dom', 'vue', 'svelte', '@angular/core', 'preact', 'solid-js', 'lit', 'ember-source', '@vue/runtime-dom']

/** Server and full-stack frameworks: a package declaring one runs code on the server. */
export const SERVER_FRAMEWORKS: readonly string[] = [
  'express', 'fastify', '@nestjs/core', 'koa', 'hono', '@hapi/hapi', 'restify', 'next', 'nuxt', '@remix-run/node', '@remix-run/server-runtime',
  '@sveltejs/kit', 'astro', '@angular/ssr', '@angular/platform-server', 'electron', 'h3', 'nitropack', '@react-router/node'
]

const SOURCE = /\.(?:[cm]?[jt]sx?|vue|svelte)$/
const COMPONENT = /\.(?:vue|svelte)$/
const CLIENT_DIRECTIVE = /^\s*['"]use client['"]/
const IMPORTS = new RegExp(`(?:from\\s+|require\\(\\s*|import\\s+)['"](${BROWSER_FRAMEWORKS.map((f) => f.replace(/[/.]/g, '\\$&')).join('|')})(?:/[^'"]*)?['"]`)

/** Why a file is front-end code, or undefined. */
export type FrontEndReader = (path: string) => string | undefined

export function frontEndReader(manifests: ManifestFacts, usage: UsageFacts): FrontEndReader {
  const packages = manifests.manifests
    .filter((m) => m.ecosystem === 'node')
    .map((m) => {
      const browser = m.dependencies.find((d) => BROWSER_FRAMEWORKS.includes(d.name))
      const server = m.dependencies.some((d) => !d.dev && SERVER_FRAMEWORKS.includes(d.name))
      return { dir: m.dir, path: m.path, spa: browser !== undefined && !server ? browser.name : undefined }
    })
    .sort((a, b) => b.dir.length - a.dir.length)
  const memo = new Map<string, string | undefined>()
  return (path) => {
    if (!SOURCE.test(path)) return undefined
    if (memo.has(path)) return memo.get(path)
    const pkg = packages.find((p) => p.dir === '' || path.startsWith(p.dir + '/'))
    let why: string | undefined
    if (pkg?.spa !== undefined) why = `a browser app (${pkg.path} depends on ${pkg.spa} and on no server framework)`
    else if (COMPONENT.test(path)) why = 'a browser UI component'
    else {
      const lines = usage.lines(path) ?? []
      const first = lines.find((l) => l.trim() !== '' && !l.trim().startsWith('//'))
      if (first !== undefined && CLIENT_DIRECTIVE.test(first)) why = "a client module ('use client')"
      else {
        const imp = lines.slice(0, 200).map((l) => IMPORTS.exec(l)).find((m) => m !== null)
        if (imp) why = `a module that imports ${imp[1]}`
      }
    }
    memo.set(path, why)
    return why
  }
}
