import { describe, expect, it } from 'vitest'
import ciLint from '../../src/checks/ci-lint.js'
import circuitBreakers from '../../src/checks/circuit-breakers.js'
import containerBuild from '../../src/checks/container-build.js'
import contractTests from '../../src/checks/contract-tests.js'
import healthEndpoint from '../../src/checks/health-endpoint.js'
import openapiPublished from '../../src/checks/openapi-published.js'
import type { Check } from '../../src/checks/types.js'
import { factsFor, runCheck } from './dependency-facts.js'

/** Every fix printed for a JVM service is written for its framework and build tool. */

const KTOR = {
  'settings.gradle.kts': 'rootProject.name = "rates"\n',
  'build.gradle.kts': 'plugins {\n    kotlin("jvm") version "2.0.0"\n}\ndependencies {\n    implementation("io.ktor:ktor-server-netty-jvm:3.0.0")\n}\n',
  'src/main/kotlin/Application.kt': 'import io.ktor.server.routing.*\nfun Application.module() {\n    routing {\n        get("/rates") { call.respond(rates()) }\n    }\n}\n'
}
const QUARKUS = {
  'pom.xml': '<project><dependencies><dependency><groupId>io.quarkus</groupId><artifactId>quarkus-rest</artifactId></dependency></dependencies></project>',
  'src/main/java/app/RatesResource.java': 'import jakarta.ws.rs.*;\n@Path("/rates")\npublic class RatesResource {\n    @GET\n    public String list() { return "[]"; }\n}\n'
}
const SPRING = {
  'pom.xml': '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>'
}

const fix = (check: Check, files: Record<string, string>): string => runCheck(check, factsFor(files)).remediation ?? ''

describe('JVM remediation snippets', () => {
  it('a Ktor service on Gradle gets Kotlin fixes: routes, openAPI(), HttpRequestRetry, testApplication, Jib, ktlint', () => {
    expect(fix(healthEndpoint, KTOR)).toContain('get("/readyz")')
    expect(fix(openapiPublished, KTOR)).toContain('openAPI(path = "openapi"')
    expect(fix(circuitBreakers, KTOR)).toContain('install(HttpRequestRetry)')
    expect(fix(contractTests, KTOR)).toContain('testApplication')
    const image = fix(containerBuild, KTOR)
    expect(image).toContain('com.google.cloud.tools.jib')
    expect(image).not.toContain('python')
    const lint = fix(ciLint, KTOR)
    expect(lint).toContain('org.jlleitschuh.gradle.ktlint')
    expect(lint).toContain('./gradlew check')
    expect(lint).not.toContain('mvnw')
    for (const check of [healthEndpoint, openapiPublished, circuitBreakers, contractTests, containerBuild]) expect(fix(check, KTOR)).not.toMatch(/spring-boot|MockMvc|resilience4j-spring/)
  })

  it('a Quarkus service on Maven gets SmallRye and MicroProfile fixes and the container-image extension', () => {
    expect(fix(healthEndpoint, QUARKUS)).toContain('quarkus-smallrye-health')
    expect(fix(openapiPublished, QUARKUS)).toContain('quarkus-smallrye-openapi')
    expect(fix(circuitBreakers, QUARKUS)).toContain('@CircuitBreaker(requestVolumeThreshold')
    expect(fix(contractTests, QUARKUS)).toContain('OpenApiValidationFilter')
    expect(fix(containerBuild, QUARKUS)).toContain('quarkus.container-image.build=true')
    expect(fix(ciLint, QUARKUS)).toContain('./mvnw -B verify')
  })

  it('a Spring service keeps the Spring fixes', () => {
    expect(fix(healthEndpoint, SPRING)).toContain('spring-boot-starter-actuator')
    expect(fix(circuitBreakers, SPRING)).toContain('resilience4j-spring-boot3')
    expect(fix(contractTests, SPRING)).toContain('MockMvc')
    expect(fix(containerBuild, SPRING)).toContain('spring-boot:build-image')
  })
})
