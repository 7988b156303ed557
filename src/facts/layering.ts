import { ARCH_TEST_LIBRARIES, CONVENTIONS, HANDLER_SIGNATURES, INFRA, ROUTE_FILE_CONFIRM, ROUTE_TABLE_FRAMEWORKS, type Convention, type InfraRow } from './catalog/layers.js'
import { goModules, layerFacts, type LayerFacts } from './layers.js'
import type { ManifestFacts } from './manifests/types.js'
import type { ServiceFacts } from './service/types.js'
import type { ImportRef, UsageFacts } from './usage.js'

/**
 * What the layered-architecture check judges: the stack conventions that apply (a framework whose
 * models are the domain layer), the layer facts of the handler modules under the infrastructure
 * rows those conventions leave, the architecture-rule test libraries imported, and the service's
 * own Go modules (a linter rule about layers names one of them).
 */
export interface LayeringFacts {
  readonly conventions: readonly Convention[]
  readonly layers: LayerFacts<InfraRow>
  /** The first import of each architecture-rule test library (ArchUnit, NetArchTest, pytestarch…). */
  readonly archTests: readonly { readonly tool: string; readonly ref: ImportRef }[]
  /** Module paths of the view's go.mod files. */
  readonly goModules: readonly string[]
}

const NO_LAYERS: LayerFacts<InfraRow> = { handlers: [], omitted: 0, generated: [], layerTouches: [], elsewhere: [], truncated: false }
export const NO_LAYERING: LayeringFacts = { conventions: [], layers: NO_LAYERS, archTests: [], goModules: [] }

export function collectLayering(service: ServiceFacts, usage: UsageFacts, manifests: ManifestFacts): LayeringFacts {
  // No HTTP service (a framework's own repository, or nothing declared): no handlers to read.
  if (service.frameworks.length === 0 && (service.publishes?.length || manifests.manifests.length === 0)) return NO_LAYERING
  const fws = new Set(service.frameworks.map((f) => f.framework))
  const conventions = CONVENTIONS.filter((c) => c.frameworks.some((f) => fws.has(f)))
  const exempt = new Set(conventions.map((c) => c.id))
  const infra = INFRA.filter((r) => !r.convention || !(typeof r.convention === 'string' ? [r.convention] : r.convention).some((c) => exempt.has(c)))
  // Frameworks the route facts do not know yet (ASP.NET, axum, Javalin, Tornado, Pyramid, Next.js) are recognised by strong handler signatures alone.
  const strongOnly = service.frameworks.length === 0
  const layers = layerFacts({ service, usage, manifests, infra, handlers: HANDLER_SIGNATURES, routeTables: ROUTE_TABLE_FRAMEWORKS, confirm: ROUTE_FILE_CONFIRM, strongOnly })
  const archTests = layers.handlers.length === 0 ? [] : ARCH_TEST_LIBRARIES.flatMap((lib) => {
    const ref = usage.importsOf(lib.ecosystem, lib.modules)[0]
    return ref ? [{ tool: lib.tool, ref }] : []
  })
  return { conventions, layers, archTests, goModules: goModules(manifests, usage).map((m) => m.path) }
}
