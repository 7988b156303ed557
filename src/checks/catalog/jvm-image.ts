import { IMAGE_WORKFLOW_HEAD } from './containers.js'

/**
 * The container-build fix for the JVM: no Dockerfile needed, the build tool CI already runs builds
 * the image. Kept apart from containers.ts (the build catalogue) since it is remediation text.
 */
/** The JVM's image command per framework: built locally on pull requests, and how to push it. */
function jvmImageCommand(gradle: boolean, frameworks: readonly string[]): { build: string[]; push: string } {
  if (frameworks.includes('spring')) {
    return gradle
      ? { build: ['./gradlew bootBuildImage', '--imageName=ghcr.io/acme/app'], push: '`--publishImage`' }
      : { build: ['./mvnw -B spring-boot:build-image', '-Dspring-boot.build-image.imageName=ghcr.io/acme/app'], push: '`-Dspring-boot.build-image.publish=true`' }
  }
  if (frameworks.includes('quarkus')) {
    return { build: [gradle ? './gradlew build' : './mvnw -B package', '-Dquarkus.container-image.build=true'], push: '`-Dquarkus.container-image.push=true` (extension `io.quarkus:quarkus-container-image-jib`)' }
  }
  return gradle
    ? { build: ['./gradlew jibDockerBuild', '--image=ghcr.io/acme/app'], push: '`./gradlew jib` (plugin `com.google.cloud.tools.jib`)' }
    : { build: ['./mvnw -B compile', 'com.google.cloud.tools:jib-maven-plugin:3.4.4:dockerBuild', '-Dimage=ghcr.io/acme/app'], push: 'the `build` goal instead of `dockerBuild`' }
}

/**
 * The JVM needs no Dockerfile: the build tool CI already runs builds the image (Spring Boot's
 * buildpacks, Quarkus' container-image extension, Jib for every other framework).
 */
export function jvmImageFix(gradle: boolean, frameworks: readonly string[]): string {
  const cmd = jvmImageCommand(gradle, frameworks)
  return [
    'Ship the service as an image that CI builds on every change. On the JVM the build tool builds it without a Dockerfile; build it on pull requests:',
    '',
    '```yaml',
    ...IMAGE_WORKFLOW_HEAD,
    '      - uses: actions/setup-java@v4',
    '        with:',
    '          distribution: temurin',
    '          java-version: 21',
    '      - run: >-',
    ...cmd.build.map((l) => `          ${l}`),
    '```',
    '',
    `Push it from the default branch with ${cmd.push}, after \`docker/login-action\`. A Dockerfile (\`FROM eclipse-temurin:21-jre\`, copying the built jar) built by \`docker/build-push-action\` works too.`
  ].join('\n')
}
