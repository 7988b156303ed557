import { RAILS_HEALTH_ENGINES } from '../../catalog/health.js'
import { rubyBody, touchesIn } from '../body.js'
import { joinUrl, readLiteral } from '../text.js'
import type { HealthLibrary, Route } from '../types.js'
import type { Extracted, ExtractContext } from './context.js'

/**
 * Rails routes from `config/routes.rb` (and `draw(:name)` files under `config/routes/`): verbs
 * (`get "up" => "rails/health#show"`, `get "/health", to: "health#show"`), `root`, `namespace`,
 * `scope`, basic `resources`/`resource`, and mounted engines (`mount OkComputer::Engine, at:`).
 */

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'match'])

export function extractRails(ctx: ExtractContext): Extracted {
  if (!ctx.frameworks.has('rails')) return { routes: [] }
  const routes: Route[] = []
  const libraries: HealthLibrary[] = []
  const files = ctx.src.files('ruby').filter((f) => f === 'config/routes.rb' || f.endsWith('/config/routes.rb'))
  // In-repository engines mounted by the application (`mount Admin::Engine => "/admin"`): their
  // own routes file (`Admin::Engine.routes.draw do`) is read under the mount path.
  const engineAt = new Map<string, string>()
  const drawnBy = (file: string): string | undefined => /^\s*([A-Z][\w:]*)::Engine\.routes\.draw\b/m.exec(ctx.src.text(file) ?? '')?.[1]
  const walk = (file: string, base: string[], depth: number): void => {
    const lines = ctx.src.lines(file)
    if (!lines || depth > 3) return
    const stack: string[] = [...base]
    const pushes: number[] = []
    for (let i = 0; i < lines.length; i++) {
      const t = lines[i]!.trim()
      if (t.startsWith('#') || t === '') continue
      const opensBlock = /\bdo(\s*\|[^|]*\|)?$/.test(t)
      const word = /^([a-z_]+)\b/.exec(t)?.[1] ?? ''
      const rest = t.slice(word.length)
      const sym = /^\s*\(?\s*:([A-Za-z_]\w*)/.exec(rest)?.[1]
      const lit = readLiteral(rest.replace(/^\s*\(/, ''), 0)
      if (t === 'end' || t.startsWith('end ')) {
        const n = pushes.pop()
        if (n !== undefined) stack.length = n
        continue
      }
      let segment: string | undefined
      if (word === 'namespace') segment = sym ?? lit?.value ?? ''
      else if (word === 'scope') segment = lit?.value ?? /path:\s*['"]([^'"]*)['"]/.exec(rest)?.[1] ?? ''
      else if (word === 'resources' || word === 'resource') {
        const name = sym ?? lit?.value ?? ''
        const full = joinUrl(...stack, name)
        routes.push({ path: full, methods: ['ANY'], framework: 'rails', file, line: i + 1, handler: `${name}#index` })
        if (word === 'resources') routes.push({ path: full + '/:id', methods: ['ANY'], framework: 'rails', file, line: i + 1, handler: `${name}#show` })
        segment = word === 'resources' ? `${name}/:${name.replace(/s$/, '')}_id` : name
      } else if (VERBS.has(word) || word === 'root') {
        const path = word === 'root' ? '/' : (lit?.value ?? (sym ? sym : undefined))
        if (path !== undefined) {
          const target = /(?:=>|to:)\s*['"]([^'"]+)['"]/.exec(rest)?.[1] ?? (word === 'root' ? lit?.value : undefined)
          const handler = target ?? (t.includes('proc') || t.includes('->') ? 'inline rack endpoint' : undefined)
          const body = target ? controllerBody(ctx, target) : undefined
          routes.push({
            path: joinUrl(...stack, path),
            methods: [word === 'match' || word === 'root' ? 'ANY' : word.toUpperCase()],
            framework: 'rails',
            file,
            line: i + 1,
            ...(handler ? { handler } : {}),
            ...(target === 'rails/health#show' ? { library: 'Rails::HealthController', touches: [] } : body ? { touches: touchesIn(body.file, ctx.src.lines(body.file) ?? [], body.from, body.to) } : {})
          })
        }
      } else if (word === 'mount') {
        const at = /(?:at:|=>)\s*['"]([^'"]*)['"]/.exec(rest)?.[1]
        const engine = /^\s*\(?\s*([A-Z][\w:]*)/.exec(rest)?.[1] ?? ''
        if (at !== undefined) {
          const path = joinUrl(...stack, at)
          if (engine.endsWith('::Engine')) engineAt.set(engine.slice(0, -'::Engine'.length), path)
          const lib = RAILS_HEALTH_ENGINES[engine]
          routes.push({ path, methods: ['ANY'], framework: 'rails', file, line: i + 1, handler: engine, ...(lib ? { library: lib } : {}) })
          if (lib) libraries.push({ name: lib, path: file, line: i + 1, text: t, routes: [path], checks: [] })
        }
      } else if (word === 'health_check_routes') {
        routes.push({ path: joinUrl(...stack, 'health_check'), methods: ['GET'], framework: 'rails', file, line: i + 1, library: 'health_check' })
        libraries.push({ name: 'health_check', path: file, line: i + 1, text: t, routes: ['/health_check'], checks: [] })
      } else if (word === 'draw' && sym) {
        const dir = file.slice(0, file.lastIndexOf('/') + 1)
        walk(`${dir}routes/${sym}.rb`, [...stack], depth + 1)
      }
      if (opensBlock) {
        pushes.push(stack.length)
        if (segment !== undefined) stack.push(segment)
      }
    }
  }
  // The application's routes first, so engines' mount paths are known when their files are read.
  const engines = files.filter((f) => drawnBy(f) !== undefined)
  for (const f of files) if (!engines.includes(f)) walk(f, [], 0)
  for (const f of engines) walk(f, [engineAt.get(drawnBy(f)!) ?? ''], 0)
  return { routes, libraries }
}

/** The action body of `controller#action` in `app/controllers/<controller>_controller.rb`. */
function controllerBody(ctx: ExtractContext, target: string): { file: string; from: number; to: number } | undefined {
  const [controller, action] = target.split('#')
  if (!controller || !action) return undefined
  // Namespaced routes name the controller without its module (`ping#index` inside `namespace :api`).
  const suffix = `/${controller}_controller.rb`
  const file = ctx.src.files('ruby').find((f) => f.includes('app/controllers/') && f.endsWith(suffix))
  const lines = file ? ctx.src.lines(file) : undefined
  if (!file || !lines) return undefined
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === `def ${action}` || lines[i]!.trim().startsWith(`def ${action}(`)) {
      const [from, to] = rubyBody(lines, i)
      return { file, from, to }
    }
  }
  return undefined
}
