import { basename } from '../paths.js'
import type { OtherImageBuild } from './types.js'

function dotnetProject(n: string): boolean {
  return n.endsWith('.csproj') || n.endsWith('.fsproj') || n === 'directory.build.props'
}

/** A marker inside a build file that means "this build can produce an image without a Dockerfile". */
interface Marker {
  readonly files: (name: string) => boolean
  readonly needle: string
  readonly kind: string
}


const MARKERS: readonly Marker[] = [
  { files: (n) => n === 'pom.xml', needle: 'jib-maven-plugin', kind: 'jib' },
  { files: (n) => n === 'pom.xml', needle: 'spring-boot-maven-plugin', kind: 'spring-boot-build-image' },
  { files: (n) => n.startsWith('build.gradle'), needle: 'com.google.cloud.tools.jib', kind: 'jib' },
  { files: (n) => n.startsWith('build.gradle'), needle: 'bootBuildImage', kind: 'spring-boot-build-image' },
  { files: (n) => n.startsWith('build.gradle'), needle: 'org.springframework.boot', kind: 'spring-boot-build-image' },
  { files: (n) => n === 'pom.xml', needle: 'quarkus-container-image-', kind: 'quarkus container-image' },
  { files: (n) => n.startsWith('build.gradle'), needle: 'quarkus-container-image-', kind: 'quarkus container-image' },
  { files: (n) => n.startsWith('build.gradle'), needle: 'com.bmuschko.docker', kind: 'gradle-docker-plugin' },
  { files: (n) => n === 'project.toml', needle: 'io.buildpacks', kind: 'buildpacks' },
  { files: (n) => n === 'project.toml', needle: '[_]', kind: 'buildpacks' },
  { files: (n) => n === 'earthfile', needle: 'SAVE IMAGE', kind: 'earthly' },
  // .NET SDK containers (`dotnet publish /t:PublishContainer`): the project opts in or names the image.
  { files: dotnetProject, needle: '<EnableSdkContainerSupport>true', kind: 'dotnet SDK container' },
  { files: dotnetProject, needle: '<ContainerRepository>', kind: 'dotnet SDK container' },
  { files: dotnetProject, needle: '<ContainerImageName>', kind: 'dotnet SDK container' },
  { files: dotnetProject, needle: '<ContainerBaseImage>', kind: 'dotnet SDK container' }
]

/** Files whose mere presence declares an image build. */
const PRESENCE: Readonly<Record<string, string>> = {
  '.ko.yaml': 'ko',
  '.ko.yml': 'ko',
  'nixpacks.toml': 'nixpacks',
  'nixpacks.json': 'nixpacks'
}

export function mayDeclareBuild(path: string): boolean {
  const n = basename(path).toLowerCase()
  return n in PRESENCE || MARKERS.some((m) => m.files(n))
}

/** Image builds declared outside a Dockerfile: jib, Spring Boot buildpacks, ko, Cloud Native Buildpacks, nixpacks, Earthly (goreleaser: goreleaser.ts). One entry per kind per file. */
export function otherBuilds(path: string, text: string | undefined): OtherImageBuild[] {
  const name = basename(path).toLowerCase()
  const presence = PRESENCE[name]
  if (presence) return [{ path, kind: presence }]
  if (text === undefined) return []
  const out: OtherImageBuild[] = []
  const lines = text.split(/\r?\n/)
  for (const m of MARKERS) {
    if (!m.files(name) || out.some((o) => o.kind === m.kind)) continue
    const idx = lines.findIndex((l) => l.includes(m.needle))
    if (idx >= 0) out.push({ path, line: idx + 1, kind: m.kind })
  }
  return out
}
