import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { collectOpenApi } from '../../../src/facts/openapi/index.js'
import { collectService } from '../../../src/facts/service/index.js'
import type { ServiceFacts } from '../../../src/facts/service/types.js'

/** The JVM beyond Spring: frameworks from real manifests, annotated and DSL routes, health conventions, OpenAPI modules. */

function scan(files: Record<string, string>): ServiceFacts {
  const snap = new MemorySnapshot(files)
  return collectService(snap, collectManifests(snap))
}

function openapi(files: Record<string, string>) {
  const snap = new MemorySnapshot(files)
  const manifests = collectManifests(snap)
  return collectOpenApi(snap, collectService(snap, manifests), manifests)
}

const routes = (s: ServiceFacts): string[] => s.routes.map((r) => `${r.methods.join('|')} ${r.path}`).sort()

const pom = (deps: string[], extra = ''): string =>
  `<project><modelVersion>4.0.0</modelVersion>${extra}<dependencies>${deps
    .map((d) => {
      const [g, a, opt] = d.split(':')
      return `\n  <dependency>\n    <groupId>${g}</groupId>\n    <artifactId>${a}</artifactId>${opt === 'optional' ? '\n    <optional>true</optional>' : ''}\n  </dependency>`
    })
    .join('')}\n</dependencies></project>\n`

describe('JVM frameworks', () => {
  it('recognises each framework by its server artifact, never by a client artifact of the same group', () => {
    const cases: [string, string][] = [
      ['io.quarkus:quarkus-rest-jackson', 'quarkus'],
      ['io.micronaut:micronaut-http-server-netty', 'micronaut'],
      ['io.ktor:ktor-server-netty-jvm', 'ktor'],
      ['io.javalin:javalin', 'javalin'],
      ['io.dropwizard:dropwizard-core', 'dropwizard'],
      ['io.helidon.webserver:helidon-webserver', 'helidon'],
      ['io.vertx:vertx-web', 'vertx'],
      ['org.glassfish.jersey.containers:jersey-container-grizzly2-http', 'jaxrs']
    ]
    for (const [dep, fw] of cases) expect(scan({ 'pom.xml': pom([dep]) }).frameworks.map((f) => f.framework), dep).toEqual([fw])
    for (const client of ['io.quarkus:quarkus-rest-client', 'io.ktor:ktor-client-cio-jvm', 'io.micronaut:micronaut-http-client', 'jakarta.ws.rs:jakarta.ws.rs-api']) {
      expect(scan({ 'pom.xml': pom([client]) }).frameworks, client).toEqual([])
    }
  })

  it('reads Gradle Kotlin DSL coordinates, with version variables', () => {
    const s = scan({ 'build.gradle.kts': 'plugins { kotlin("jvm") }\ndependencies {\n    val ktor = "3.0.0"\n    implementation("io.ktor:ktor-server-core-jvm:$ktor")\n}\n' })
    expect(s.frameworks).toMatchObject([{ framework: 'ktor', path: 'build.gradle.kts', line: 4 }])
  })
})

describe('annotated routes', () => {
  it('JAX-RS: class @Path, method @Path on either side of the verb, @ApplicationPath and Quarkus rest path', () => {
    const s = scan({
      'pom.xml': pom(['io.quarkus:quarkus-rest']),
      'src/main/resources/application.properties': 'quarkus.rest.path=/v1\n',
      'src/main/java/app/App.java': '@ApplicationPath("/api")\npublic class App extends Application {}\n',
      'src/main/java/app/OrdersResource.java': [
        'package app;',
        'import jakarta.ws.rs.*;',
        '@Path("/orders")',
        '@Produces(MediaType.APPLICATION_JSON)',
        'public class OrdersResource {',
        '    @GET',
        '    public List<Order> list() { return repo.listAll(); }',
        '    @Path("/{id}")',
        '    @DELETE',
        '    public void delete(@PathParam("id") long id) {}',
        '    @Path("/items")',
        '    public ItemsResource items() { return items; }',
        '}'
      ].join('\n'),
      'src/main/kotlin/app/PingResource.kt': '@Path("ping")\nclass PingResource {\n    @GET @Produces("text/plain") fun ping() = "pong"\n}\n'
    })
    // The sub-resource locator (@Path without a verb) serves nothing by itself.
    expect(routes(s)).toEqual(['DELETE /v1/api/orders/{id}', 'GET /v1/api/orders', 'GET /v1/api/ping'])
    expect(s.routes.find((r) => r.path === '/v1/api/orders')).toMatchObject({ framework: 'quarkus', file: 'src/main/java/app/OrdersResource.java', line: 6 })
  })

  it('Quarkus reactive routes: @RouteBase prefix and @Route(path = …)', () => {
    const s = scan({
      'pom.xml': pom(['io.quarkus:quarkus-reactive-routes']),
      'src/main/java/app/Ops.java': '@RouteBase(path = "ops")\npublic class Ops {\n    @Route(path = "ping", methods = Route.HttpMethod.GET)\n    void ping(RoutingContext rc) { rc.response().end("pong"); }\n}\n'
    })
    expect(routes(s)).toEqual(['ANY /ops/ping'])
  })

  it('Micronaut: @Controller prefix, relative @Get paths, context path; multi-line annotations are not routes', () => {
    const s = scan({
      'build.gradle': "dependencies {\n  implementation('io.micronaut:micronaut-http-server-netty')\n}\n",
      'src/main/resources/application.yml': 'micronaut:\n  server:\n    context-path: /svc\n',
      'src/main/java/app/TopicController.java': [
        '@Controller("/api")',
        'public class TopicController {',
        '    @Get("{cluster}/topic")',
        '    @Operation(',
        '        tags = {"topic"},',
        '        summary = "List topics")',
        '    public List<Topic> list(String cluster) { return repo.list(); }',
        '    @Post(uri = "/topic")',
        '    public Topic create() { return null; }',
        '}'
      ].join('\n')
    })
    expect(routes(s)).toEqual(['GET /svc/api/{cluster}/topic', 'POST /svc/api/topic'])
  })
})

describe('DSL routes', () => {
  it('Ktor: routing with nested route() prefixes; a client call is no route', () => {
    const s = scan({
      'build.gradle.kts': 'dependencies { implementation("io.ktor:ktor-server-netty:3.0.0") }\n',
      'src/main/kotlin/app/Routing.kt': [
        'import io.ktor.server.routing.*',
        'fun Application.module() {',
        '    routing {',
        '        get("/healthz") { call.respondText("ok") }',
        '        route("/api/v1") {',
        '            get("orders") {',
        '                val user = client.get("/users/me")',
        '                call.respond(db.query("SELECT 1"))',
        '            }',
        '        }',
        '        post("/events") { }',
        '    }',
        '}'
      ].join('\n')
    })
    expect(routes(s)).toEqual(['GET /api/v1/orders', 'GET /healthz', 'POST /events'])
  })

  it('Javalin: app.get, ApiBuilder path() blocks and routing-DSL route objects', () => {
    const s = scan({
      'build.gradle.kts': 'dependencies { implementation("io.javalin:javalin:6.1.0") }\n',
      'src/main/java/app/Main.java': [
        'import io.javalin.Javalin;',
        'import static io.javalin.apibuilder.ApiBuilder.*;',
        'class Main { void run() {',
        '  var app = Javalin.create(config -> config.router.apiBuilder(() -> {',
        '    path("api", () -> {',
        '      get("/users", UserController::list);',
        '    });',
        '  }));',
        '  app.get("/ping", ctx -> ctx.result("pong"));',
        '  var v = params.get("id");',
        '} }'
      ].join('\n'),
      'src/main/kotlin/app/StatusEndpoints.kt': [
        'import io.javalin.openapi.OpenApi',
        'class StatusEndpoints : AppRoutes() {',
        '    @OpenApi(',
        '        path = "/api/status/health",',
        '        methods = [HttpMethod.GET]',
        '    )',
        '    private val health = AppRoute<Health>("/api/status/health", GET, HEAD) {',
        '        ctx.status(if (facade.isAlive()) OK else SERVICE_UNAVAILABLE)',
        '    }',
        '}'
      ].join('\n')
    })
    expect(routes(s)).toEqual(['GET /api/users', 'GET /ping', 'GET|HEAD /api/status/health'].sort())
  })

  it('Vert.x: router.get with a wildcard, and a WebClient call is no route', () => {
    const s = scan({
      'pom.xml': pom(['io.vertx:vertx-web']),
      'src/main/java/app/Server.java': [
        'import io.vertx.ext.web.Router;',
        'class Server { void start() {',
        '  router.get("/health*").handler(HealthCheckHandler.create(vertx));',
        '  router.post("/orders").handler(this::create);',
        '  webClient.get(8080, "localhost", "/other").send();',
        '} }'
      ].join('\n')
    })
    expect(routes(s)).toEqual(['GET /health', 'POST /orders'])
  })
})

describe('JVM health conventions', () => {
  it('Quarkus SmallRye Health on the management interface with its root path, deep through the datasource', () => {
    const s = scan({
      'pom.xml': pom(['io.quarkus:quarkus-rest', 'io.quarkus:quarkus-smallrye-health', 'io.quarkus:quarkus-jdbc-postgresql']),
      'src/main/resources/application.properties': 'quarkus.management.enabled=true\nquarkus.management.root-path=/\n'
    })
    const health = s.routes.filter((r) => r.library === 'SmallRye Health (Quarkus)')
    expect(health.map((r) => r.path)).toEqual(['/health', '/health/live', '/health/ready', '/health/started'])
    expect(health[0]!.touches![0]!.token).toContain('io.quarkus:quarkus-jdbc-postgresql')
    expect(health[0]!.note).toContain('port 9000')
  })

  it('Quarkus defaults to /q/health; switching the datasource check off leaves it shallow', () => {
    const s = scan({
      'pom.xml': pom(['io.quarkus:quarkus-rest', 'io.quarkus:quarkus-smallrye-health', 'io.quarkus:quarkus-agroal']),
      'src/main/resources/application.properties': 'quarkus.datasource.health.enabled=false\n'
    })
    const health = s.routes.filter((r) => r.library === 'SmallRye Health (Quarkus)')
    expect(health[0]).toMatchObject({ path: '/q/health', touches: [] })
  })

  it('Micronaut management on its own port; off when endpoints.health.enabled is false', () => {
    const base = { 'build.gradle': "dependencies {\n  implementation 'io.micronaut:micronaut-http-server-netty'\n  implementation 'io.micronaut:micronaut-management'\n}\n" }
    const on = scan({ ...base, 'src/main/resources/application.yml': 'endpoints:\n  all:\n    port: 28081\n' })
    expect(on.routes.filter((r) => r.library === 'Micronaut management').map((r) => r.path)).toEqual(['/health', '/health/liveness', '/health/readiness'])
    const off = scan({ ...base, 'src/main/resources/application.yml': 'endpoints:\n  health:\n    enabled: false\n' })
    expect(off.routes.filter((r) => r.library)).toEqual([])
  })

  it('Dropwizard admin /healthcheck checks the database when a JdbiFactory builds with the environment', () => {
    const s = scan({
      'api/build.gradle': "dependencies {\n  implementation 'io.dropwizard:dropwizard-core:4.0.0'\n}\n",
      'api/src/main/java/app/App.java': 'import io.dropwizard.jdbi3.JdbiFactory;\nclass App {\n  void run(Environment env) {\n    final JdbiFactory factory = new JdbiFactory();\n  }\n}\n'
    })
    const hc = s.routes.find((r) => r.library === 'Dropwizard admin healthcheck')!
    expect(hc).toMatchObject({ path: '/healthcheck', framework: 'dropwizard' })
    expect(hc.touches).toMatchObject([{ file: 'api/src/main/java/app/App.java', line: 4 }])
  })

  it('Spring Actuator declared <optional> in a library module serves nothing (not on the application classpath)', () => {
    const s = scan({
      'core/pom.xml': pom(['org.springframework.boot:spring-boot-starter-actuator:optional']),
      'server/pom.xml': pom(['org.springframework.boot:spring-boot-starter-web'])
    })
    expect(s.routes.filter((r) => r.library)).toEqual([])
    const direct = scan({ 'server/pom.xml': pom(['org.springframework.boot:spring-boot-starter-web', 'org.springframework.boot:spring-boot-starter-actuator']) })
    expect(direct.routes.map((r) => r.path)).toContain('/actuator/health')
  })
})

describe('JVM OpenAPI modules', () => {
  const spec = '{"openapi": "3.0.2", "info": {"title": "Registry", "version": "1"}, "paths": {"/x": {}}}'

  it('a committed spec under META-INF/resources is served at the path below it', () => {
    const o = openapi({ 'app/pom.xml': pom(['io.quarkus:quarkus-rest']), 'app/src/main/resources/META-INF/resources/api-specifications/v2/openapi.json': spec })
    expect(o.generators).toMatchObject([{ tool: 'static resource', servedAt: '/api-specifications/v2/openapi.json' }])
  })

  it('Quarkus smallrye-openapi serves /q/openapi, honouring its path property', () => {
    const o = openapi({ 'pom.xml': pom(['io.quarkus:quarkus-rest', 'io.quarkus:quarkus-smallrye-openapi']), 'src/main/resources/application.properties': 'quarkus.smallrye-openapi.path=/openapi\n' })
    expect(o.generators.find((g) => g.tool === 'SmallRye OpenAPI (Quarkus)')?.servedAt).toBe('/openapi')
    const d = openapi({ 'pom.xml': pom(['io.quarkus:quarkus-rest', 'io.quarkus:quarkus-smallrye-openapi']) })
    expect(d.generators.find((g) => g.tool === 'SmallRye OpenAPI (Quarkus)')?.servedAt).toBe('/q/openapi')
  })

  it('micronaut-openapi generates; a static-resources mapping of META-INF/swagger serves it', () => {
    const gradle = "dependencies {\n  annotationProcessor('io.micronaut.openapi:micronaut-openapi')\n  implementation('io.micronaut:micronaut-http-server-netty')\n}\n"
    const served = openapi({ 'build.gradle': gradle, 'src/main/resources/application.yml': 'micronaut:\n  router:\n    static-resources:\n      swagger:\n        paths: classpath:META-INF/swagger\n        mapping: /swagger/**\n' })
    expect(served.generators).toMatchObject([{ tool: 'micronaut-openapi', servedAt: '/swagger' }])
    const only = openapi({ 'build.gradle': gradle })
    expect(only.generators).toMatchObject([{ tool: 'micronaut-openapi', servedAt: null }])
  })

  it('smiley4 ktor-openapi serves the generated spec', () => {
    const o = openapi({ 'build.gradle.kts': 'dependencies {\n  implementation("io.ktor:ktor-server-netty:3.0.0")\n  implementation("io.github.smiley4:ktor-openapi:5.0.0")\n}\n', 'src/main/kotlin/App.kt': 'import io.ktor.server.routing.*\nfun Application.docs() {\n  routing {\n    route("api.json") { openApi() }\n  }\n}\n' })
    expect(o.generators).toMatchObject([{ tool: 'ktor-openapi (smiley4)', servedAt: '/api.json', line: 4 }])
  })

  it('javalin-openapi serves only once OpenApiPlugin is registered', () => {
    const gradle = 'dependencies {\n  implementation("io.javalin:javalin:6.0.0")\n  implementation("io.javalin.community.openapi:javalin-openapi-plugin:6.0.0")\n}\n'
    const reg = openapi({ 'build.gradle.kts': gradle, 'src/main/kotlin/App.kt': 'import io.javalin.Javalin\nfun main() {\n  Javalin.create { config ->\n    config.registerPlugin(OpenApiPlugin { it.withDocumentationPath("/api-docs") })\n  }\n}\n' })
    expect(reg.generators).toMatchObject([{ tool: 'javalin-openapi', servedAt: '/api-docs', line: 4 }])
    const none = openapi({ 'build.gradle.kts': gradle })
    expect(none.generators).toMatchObject([{ tool: 'javalin-openapi', servedAt: null }])
  })
})
