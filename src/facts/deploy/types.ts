import type { ParseProblem } from '../ci/types.js'

/** A health check declared on the deployment side. */
export interface DeployHealthcheck {
  readonly path: string
  readonly line: number
  /** `dockerfile`, `compose`, `kubernetes` (incl. Helm templates). */
  readonly source: 'dockerfile' | 'compose' | 'kubernetes'
  /** `liveness` / `readiness` / `startup` for k8s; `healthcheck` otherwise. */
  readonly kind: 'healthcheck' | 'liveness' | 'readiness' | 'startup'
  /** The command or `httpGet.path` as written. */
  readonly command: string
  /** The HTTP path it hits, when one can be read (`/healthz` from `curl -f http://localhost:8000/healthz`). */
  readonly httpPath?: string
  /** How the probe checks: an HTTP request, a command, a TCP connect or a gRPC health call. */
  readonly probe?: 'http' | 'exec' | 'tcp' | 'grpc'
  /** Compose service name (a healthcheck on `db`/`redis` checks a dependency, not the app). */
  readonly service?: string
  /** Compose service or Kubernetes container image, when declared (`postgres:16`). */
  readonly image?: string
}

export interface Dockerfile {
  readonly path: string
  /** Why this Dockerfile does not ship the service (`.devcontainer`, test-only, docs), or null. */
  readonly notService: string | null
  /** `FROM` images, in order. */
  readonly baseImages: readonly string[]
  /** Line of the first `FROM`, for evidence. */
  readonly line?: number
}

/** Image builds without a Dockerfile: buildpacks, jib, ko, nixpacks… */
export interface OtherImageBuild {
  readonly path: string
  readonly line?: number
  readonly kind: string
}

/** A compose file and the Dockerfiles its services build (`dockerfile` undefined when not a plain path). */
export interface ComposeFile {
  readonly path: string
  readonly builds: readonly { readonly service: string; readonly dockerfile: string | undefined }[]
}

/** A release tool's configuration that builds images (GoReleaser `dockers`, `dockers_v2`, `kos`). */
export interface ReleaserConfig {
  readonly path: string
  readonly images: readonly {
    /** The section declaring the image (`dockers`, `dockers_v2`, `kos`). */
    readonly section: string
    readonly line?: number
    /** The Dockerfile it builds, as written (relative to where the tool runs); absent for ko. */
    readonly dockerfile?: string
  }[]
}

export interface DeployFacts {
  readonly dockerfiles: readonly Dockerfile[]
  readonly otherBuilds: readonly OtherImageBuild[]
  /** Compose files read, with what each builds (`docker compose build` in CI builds those). */
  readonly composeFiles: readonly ComposeFile[]
  /** Release-tool configurations that build images when the tool runs (`goreleaser release`). */
  readonly releasers: readonly ReleaserConfig[]
  readonly healthchecks: readonly DeployHealthcheck[]
  readonly problems: readonly ParseProblem[]
}
