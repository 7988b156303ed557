import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/defaults.js'
import { scanReport } from '../helpers/scan.js'
import { git, tempGitRepo } from '../helpers/tmp-repo.js'

/**
 * Two JVM services beyond Spring, scanned end to end from a git checkout: every one of the
 * fourteen checks asserted. Quarkus on Maven (Java) does everything; Ktor on Gradle's Kotlin DSL
 * (Kotlin) does some of it, so the failing and partial paths are exercised too.
 */

const dep = (g: string, a: string, scope = ''): string => `    <dependency><groupId>${g}</groupId><artifactId>${a}</artifactId>${scope ? `<scope>${scope}</scope>` : ''}</dependency>`

const QUARKUS: Record<string, string> = {
  'pom.xml': [
    '<project>',
    '  <modelVersion>4.0.0</modelVersion>',
    '  <groupId>com.acme</groupId><artifactId>orders</artifactId><version>1.2.0</version>',
    '  <dependencies>',
    dep('io.quarkus', 'quarkus-rest-jackson'),
    dep('io.quarkus', 'quarkus-smallrye-health'),
    dep('io.quarkus', 'quarkus-smallrye-openapi'),
    dep('io.quarkus', 'quarkus-jdbc-postgresql'),
    dep('io.quarkus', 'quarkus-smallrye-fault-tolerance'),
    dep('io.quarkus', 'quarkus-container-image-jib'),
    dep('dev.openfeature', 'sdk'),
    dep('io.quarkus', 'quarkus-junit5', 'test'),
    dep('io.rest-assured', 'rest-assured', 'test'),
    dep('com.atlassian.oai', 'swagger-request-validator-restassured', 'test'),
    '  </dependencies>',
    '  <build>',
    '    <plugins>',
    '      <plugin>',
    '        <artifactId>maven-checkstyle-plugin</artifactId>',
    '        <executions><execution><phase>validate</phase><goals><goal>check</goal></goals></execution></executions>',
    '      </plugin>',
    '    </plugins>',
    '  </build>',
    '</project>',
    ''
  ].join('\n'),
  mvnw: '#!/bin/sh\nexec java -jar .mvn/wrapper/maven-wrapper.jar "$@"\n',
  'src/main/resources/application.properties': 'quarkus.datasource.db-kind=postgresql\n',
  'src/main/java/com/acme/orders/OrdersResource.java': [
    'package com.acme.orders;',
    'import jakarta.ws.rs.*;',
    'import dev.openfeature.sdk.OpenFeatureAPI;',
    '@Path("/orders")',
    'public class OrdersResource {',
    '    @Inject RatesClient rates;',
    '    @GET',
    '    public List<Order> list() {',
    '        if (OpenFeatureAPI.getInstance().getClient().getBooleanValue("new-pricing", false)) return repo.priced(rates.fetch());',
    '        return repo.listAll();',
    '    }',
    '}',
    ''
  ].join('\n'),
  'src/main/java/com/acme/orders/RatesClient.java': [
    'package com.acme.orders;',
    'import org.eclipse.microprofile.faulttolerance.CircuitBreaker;',
    'import org.eclipse.microprofile.faulttolerance.Retry;',
    '@ApplicationScoped',
    'public class RatesClient {',
    '    @Retry(maxRetries = 3, delay = 200)',
    '    @CircuitBreaker(requestVolumeThreshold = 10)',
    '    public Rates fetch() { return http.get("/rates"); }',
    '}',
    ''
  ].join('\n'),
  'src/test/java/com/acme/orders/OrdersContractTest.java': [
    'package com.acme.orders;',
    'import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;',
    '@QuarkusTest',
    'class OrdersContractTest {',
    '    static final OpenApiValidationFilter CONTRACT = new OpenApiValidationFilter("openapi.yaml");',
    '    @Test void listMatchesTheSpec() { given().filter(CONTRACT).get("/orders").then().statusCode(200); }',
    '}',
    ''
  ].join('\n'),
  '.checkstyle.xml': '<module name="Checker"/>\n',
  '.github/workflows/ci.yml': [
    'on:',
    '  pull_request:',
    '  push:',
    '    branches: [main]',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-java@v4',
    '        with: { distribution: temurin, java-version: 21, cache: maven }',
    '      - run: ./mvnw -B verify',
    '  image:',
    '    if: github.event_name == \'push\'',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - run: ./mvnw -B package -DskipTests -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true',
    ''
  ].join('\n'),
  '.github/workflows/codeql.yml': 'on: pull_request\njobs:\n  analyze:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: github/codeql-action/init@v3\n        with:\n          languages: java-kotlin\n      - uses: github/codeql-action/analyze@v3\n',
  '.github/workflows/release.yml': 'on:\n  push:\n    tags: ["v*"]\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: softprops/action-gh-release@v2\n'
}

const KTOR: Record<string, string> = {
  'settings.gradle.kts': 'rootProject.name = "rates"\n',
  'gradle/libs.versions.toml': '[versions]\nktor = "3.0.0"\n[libraries]\nktor-server-netty = { module = "io.ktor:ktor-server-netty-jvm", version.ref = "ktor" }\nktor-client-cio = { module = "io.ktor:ktor-client-cio-jvm", version.ref = "ktor" }\nktor-client-core = { module = "io.ktor:ktor-client-core-jvm", version.ref = "ktor" }\n[plugins]\nktlint = { id = "org.jlleitschuh.gradle.ktlint", version = "12.1.1" }\n',
  'build.gradle.kts': [
    'plugins {',
    '    kotlin("jvm") version "2.0.0"',
    '    alias(libs.plugins.ktlint)',
    '    id("io.gitlab.arturbosch.detekt") version "1.23.6"',
    '}',
    'dependencies {',
    '    implementation(libs.ktor.server.netty)',
    '    implementation(libs.ktor.client.core)',
    '    implementation(libs.ktor.client.cio)',
    '    implementation("io.ktor:ktor-server-openapi:3.0.0")',
    '    testImplementation("io.ktor:ktor-server-test-host-jvm:3.0.0")',
    '}',
    'detekt {',
    '    ignoreFailures = true',
    '}',
    ''
  ].join('\n'),
  gradlew: '#!/bin/sh\nexec java -jar gradle/wrapper/gradle-wrapper.jar "$@"\n',
  'src/main/kotlin/com/acme/rates/Application.kt': [
    'package com.acme.rates',
    'import io.ktor.server.application.*',
    'import io.ktor.server.routing.*',
    'fun Application.module() {',
    '    routing {',
    '        get("/healthz") { call.respondText("ok") }',
    '        route("/api/v1") {',
    '            get("rates") { call.respond(upstream.fetch()) }',
    '        }',
    '        openAPI(path = "openapi", swaggerFile = "openapi/documentation.yaml")',
    '    }',
    '}',
    ''
  ].join('\n'),
  'src/main/kotlin/com/acme/rates/Upstream.kt': 'package com.acme.rates\nimport io.ktor.client.*\nval upstream = HttpClient(CIO) {\n    install(HttpRequestRetry) {\n        retryOnServerErrors(maxRetries = 3)\n    }\n}\n',
  'src/main/resources/openapi/documentation.yaml': 'openapi: 3.0.3\ninfo:\n  title: Rates\n  version: "1"\npaths:\n  /api/v1/rates:\n    get:\n      responses:\n        "200": { description: ok }\n',
  'src/test/kotlin/com/acme/rates/ApplicationTest.kt': 'package com.acme.rates\nclass ApplicationTest {\n    @Test fun rates() = testApplication { client.get("/api/v1/rates") }\n}\n',
  Dockerfile: 'FROM eclipse-temurin:21-jre\nCOPY build/libs/rates-all.jar /app/app.jar\nENTRYPOINT ["java", "-jar", "/app/app.jar"]\n',
  '.github/workflows/ci.yml': 'on:\n  pull_request:\n  push:\n    branches: [main]\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: gradle/actions/setup-gradle@v4\n      - run: ./gradlew check\n'
}

async function statuses(files: Record<string, string>, tags: string[]): Promise<Record<string, string>> {
  const root = tempGitRepo(files)
  for (const t of tags) git(root, 'tag', t)
  const report = await scanReport({ root, config: { ...DEFAULT_CONFIG, minScore: 0 } })
  return Object.fromEntries(report.checks.map((c) => [c.id, `${c.status}: ${c.summary}`]))
}

describe('a Quarkus service on Maven, end to end', () => {
  it('passes every repository practice it follows; the API-backed checks are unknown without a token', async () => {
    const s = await statuses(QUARKUS, ['v1.1.0', 'v1.2.0'])
    expect(Object.keys(s).sort()).toHaveLength(14)
    expect(s['mandatory-prs']).toMatch(/^unknown/)
    expect(s['ci-duration']).toMatch(/^unknown/)
    expect(s['ci-lint']).toBe('pass: A linter or format check runs on pull requests: checkstyle.')
    expect(s['ci-tests']).toBe('pass: Tests run on pull requests: Maven tests.')
    expect(s['type-checking']).toBe('pass: A type checker runs on pull requests: Java compiler (Maven).')
    expect(s['static-analysis']).toBe('pass: Static analysis runs on pull requests: CodeQL.')
    expect(s['contract-tests']).toBe('pass: CI tests the API against its contract on pull requests: swagger-request-validator.')
    expect(s['openapi-published']).toMatch(/^pass: .* the app serves it at \/q\/openapi\.$/)
    expect(s['health-endpoint']).toMatch(/^pass: The app serves \/q\/health, .* which checks dependencies \(io\.quarkus:quarkus-jdbc-postgresql/)
    expect(s['feature-flags']).toMatch(/^pass: .*OpenFeature/)
    expect(s['circuit-breakers']).toBe('pass: MicroProfile Fault Tolerance protect calls in code.')
    expect(s['container-build']).toBe('pass: The service has an image build (quarkus container-image) and CI builds it.')
    expect(s['release-versioning']).toBe('pass: 2 version tags, and a release workflow exists.')
  })
})

describe('a Ktor service on Gradle (Kotlin DSL), end to end', () => {
  it('judges what it does and what it lacks', async () => {
    const s = await statuses(KTOR, ['1.0.0'])
    expect(Object.keys(s).sort()).toHaveLength(14)
    expect(s['mandatory-prs']).toMatch(/^unknown/)
    expect(s['ci-duration']).toMatch(/^unknown/)
    // ktlint comes from the version catalog's plugin alias; detekt with ignoreFailures cannot fail.
    expect(s['ci-lint']).toBe('pass: A linter or format check runs on pull requests: ktlint.')
    expect(s['ci-tests']).toBe('pass: Tests run on pull requests: Gradle tests.')
    expect(s['type-checking']).toBe('pass: A type checker runs on pull requests: Java compiler (Gradle).')
    expect(s['static-analysis']).toMatch(/^fail/)
    expect(s['contract-tests']).toMatch(/^fail/)
    expect(s['openapi-published']).toBe('pass: An OpenAPI description exists (src/main/resources/openapi/documentation.yaml) and the app serves it at /openapi.')
    expect(s['health-endpoint']).toBe('pass: The app serves /healthz; it does not check dependencies (shallow liveness).')
    expect(s['feature-flags']).toMatch(/^fail/)
    expect(s['circuit-breakers']).toBe('pass: Ktor client HttpRequestRetry protect calls in code.')
    expect(s['container-build']).toBe('partial: The service has an image build (1 Dockerfile), but CI never builds it.')
    expect(s['release-versioning']).toBe('partial: 1 version tag, but no release workflow or maintained changelog.')
  })
})
