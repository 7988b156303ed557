import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseGradleBuild } from '../../src/facts/ci/resolve/gradle-model.js'
import { resolveScript } from '../../src/facts/ci/resolve/index.js'
import { MemorySnapshot } from '../../src/facts/memory-snapshot.js'
import { bounded, hostileText, manifestText, options, boundedServiceScan } from './arbitraries.js'

/**
 * The JVM readers on hostile text: the Gradle build-script model, the Maven and Gradle resolvers
 * (profiles, modules, task graphs), the annotated and DSL route extractors, the health conventions
 * and the OpenAPI modules. Arbitrary text in, a value out, never a throw or a hang.
 */

const GRADLE_TOKENS = ['plugins {', '}', '{', '\n', ' ', "'", '"', '(', ')', '[', ']', ',', '=', '.', ':', '/*', '*/', '//', '\\', '$', 'id ', 'id("', 'alias(libs.plugins.', 'kotlin("jvm")', 'apply plugin: ', 'subprojects {', 'allprojects {', 'tasks.register(', 'tasks.named(', 'tasks.withType(', 'task ', 'val x by tasks.registering', 'dependsOn', 'finalizedBy', 'enabled = false', 'ignoreFailures = true', 'isIgnoreFailures = true', 'pnpmCommand = ', 'args = ', 'commandLine ', 'PnpmTask', 'NpmTask', 'Exec', 'Test', 'pmd', 'checkstyle', 'spotless', 'enforceCheck false', 'frontend', 'checkScript = ', 'check', 'build', 'test', 'lint', ':api:test', 'type: ', 'errorprone', 'disableAllChecks = true']
const POM_TOKENS = ['<project>', '</project>', '<profiles>', '<profile>', '</profile>', '<id>', '</id>', '<activation>', '<property>', '<name>', '</name>', '<value>', '<activeByDefault>true</activeByDefault>', '<properties>', '</properties>', '<checkstyle.skip>true</checkstyle.skip>', '<modules>', '<module>', '</module>', '<build>', '<plugins>', '<plugin>', '</plugin>', '<artifactId>maven-checkstyle-plugin</artifactId>', '<executions>', '<execution>', '<phase>', 'validate', '<goals>', '<goal>check</goal>', '<configuration>', '<skip>${x}</skip>', '${', '}', '<!--', '-->', '<![CDATA[', ']]>', '\n', ' ', '<', '>', '/']
const JVM_CODE_TOKENS = ['@Path("', '@GET', '@POST', '@Controller("', '@Get("', '@Endpoints("', '@ApplicationPath("', 'class X {', 'interface Y', 'public ', 'fun f() ', 'routing {', 'route("', 'path("', 'get("', 'post("', 'app.get("', 'router.get("', 'client.get("', 'Route("', '", GET', ', HEAD)', '@OpenApi(', 'path = "', 'methods = [HttpMethod.GET]', '@Readiness', 'new JdbiFactory(', 'OpenApiPlugin(', 'openAPI(path = "', 'import io.ktor.server.routing.*\n', 'import io.javalin.Javalin\n', 'import io.vertx.ext.web.Router\n', 'import jakarta.ws.rs.*;\n', '/health', '{', '}', '(', ')', '"', '\n', ' ', '//', '/*', '*/', '\\', '<T>', '>', '<']
const PROPS_TOKENS = ['quarkus.management.enabled=true\n', 'quarkus.management.root-path=', 'quarkus.smallrye-health.root-path=', 'quarkus.http.non-application-root-path=', 'quarkus.rest.path=', 'micronaut:\n  server:\n    context-path: ', 'endpoints:\n  all:\n    port: ', '  health:\n    enabled: false\n', 'micronaut.router.static-resources.swagger.paths=classpath:META-INF/swagger\n', '/', 'q', '\n', ' ', ':', '=', '%prod.', '#']

const gradleText = hostileText(GRADLE_TOKENS)
const pomText = hostileText(POM_TOKENS)
const jvmCode = hostileText(JVM_CODE_TOKENS)
const propsText = hostileText(PROPS_TOKENS)

const pom = (deps: string[]): string => `<project><dependencies>${deps.map((d) => `<dependency><groupId>${d.split(':')[0]}</groupId><artifactId>${d.split(':')[1]}</artifactId></dependency>`).join('')}</dependencies></project>`
/** Every JVM framework, health convention and OpenAPI module declared, so each reader runs. */
const JVM_POM = pom([
  'io.quarkus:quarkus-rest', 'io.quarkus:quarkus-smallrye-health', 'io.quarkus:quarkus-smallrye-openapi', 'io.quarkus:quarkus-agroal', 'io.micronaut:micronaut-http-server-netty', 'io.micronaut:micronaut-management',
  'io.micronaut.openapi:micronaut-openapi', 'io.javalin:javalin', 'io.javalin.community.openapi:javalin-openapi-plugin', 'io.ktor:ktor-server-core-jvm', 'io.ktor:ktor-server-openapi', 'io.dropwizard:dropwizard-core',
  'io.vertx:vertx-web', 'io.helidon.webserver:helidon-webserver', 'io.helidon.health:helidon-health', 'org.glassfish.jersey.core:jersey-server', 'org.eclipse.microprofile.health:microprofile-health-api'
])
const CODE_PATHS = ['src/main/java/x/Api.java', 'src/main/kotlin/x/Routes.kt'] as const

describe('Gradle build model', () => {
  it('reads any build script text into a bounded model', () => {
    fc.assert(
      fc.property(gradleText, (text) => {
        const m = bounded(() => parseGradleBuild(text, new Map([['spotless', 'com.diffplug.spotless']])))
        expect(m.tasks.size).toBeLessThanOrEqual(500)
        for (const p of m.plugins) expect(p.line).toBeGreaterThanOrEqual(1)
      }),
      options(300)
    )
  })
})

describe('Maven and Gradle resolvers', () => {
  it('follow arbitrary POMs, build scripts and version catalogs in bounded time', () => {
    fc.assert(
      fc.property(pomText, pomText, gradleText, gradleText, manifestText, (root, module, build, sub, catalog) => {
        const snapshot = new MemorySnapshot({ 'pom.xml': root, 'app/pom.xml': module, 'build.gradle': build, 'app/build.gradle.kts': sub, 'gradle/libs.versions.toml': catalog, 'app/package.json': '{"scripts": {"lint": "eslint ."}}' })
        const script = './mvnw -B -Pprod,!x -Dlocal -pl app verify\n./gradlew clean build :app:check -x test\n./gradlew :app:testCoverage lint'
        const out = bounded(() => resolveScript(script, { snapshot, path: 'ci.yml', line: 1, cwd: '', chain: [] }))
        expect(Array.isArray(out)).toBe(true)
      }),
      options(150)
    )
  })
})

describe('JVM routes, health conventions and OpenAPI modules', () => {
  it('extract from arbitrary source and properties text in bounded time', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CODE_PATHS), jvmCode, propsText, (path, code, props) => {
        boundedServiceScan(new MemorySnapshot({ 'pom.xml': JVM_POM, [path]: code, 'src/main/resources/application.properties': props, 'src/main/resources/application.yml': props }), { rooted: true })
      }),
      options(300)
    )
  })
})
