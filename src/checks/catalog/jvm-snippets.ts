import type { Framework } from '../../facts/service/frameworks.js'

/**
 * Fix snippets for the JVM frameworks beyond Spring, one row per framework (Markdown), read
 * through `snippetFor` (a framework's own row, else the row of the framework it is `like`):
 * Quarkus and Dropwizard fall back to Jakarta REST. Each snippet uses only what that framework
 * ships or documents, so a Ktor service is never told to add a Spring starter.
 */

type JvmSnippets = Readonly<Partial<Record<Framework, string>>>

const RESILIENCE4J_PLAIN = [
  '**JVM** — Resilience4j decorators (`io.github.resilience4j:resilience4j-all`), no framework needed:',
  '```java',
  'CircuitBreaker breaker = CircuitBreaker.ofDefaults("rates");',
  'Retry retry = Retry.of("rates", RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(200)).build());',
  'Supplier<Rates> fetch = Decorators.ofSupplier(ratesClient::fetch).withCircuitBreaker(breaker).withRetry(retry).decorate();',
  'Rates rates = fetch.get();',
  '```'
].join('\n')

const MICROPROFILE_FT = [
  '**MicroProfile Fault Tolerance** (Quarkus: `io.quarkus:quarkus-smallrye-fault-tolerance`; Helidon MP: `helidon-microprofile-fault-tolerance`):',
  '```java',
  '@Retry(maxRetries = 3, delay = 200)',
  '@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30000)',
  '@Timeout(5000)',
  'public Rates fetchRates() { return ratesClient.get(); }',
  '```'
].join('\n')

/** circuit-breakers, per framework. */
export const JVM_RESILIENCE: JvmSnippets = {
  quarkus: MICROPROFILE_FT,
  helidon: MICROPROFILE_FT,
  micronaut: [
    '**Micronaut** — `io.micronaut:micronaut-retry`:',
    '```java',
    '@CircuitBreaker(attempts = "3", delay = "200ms", reset = "30s")',
    'public Rates fetchRates() { return ratesClient.fetch(); }',
    '```'
  ].join('\n'),
  ktor: [
    '**Ktor** — the client plugins `HttpRequestRetry` and `HttpTimeout`:',
    '```kotlin',
    'val client = HttpClient(CIO) {',
    '    install(HttpTimeout) { requestTimeoutMillis = 5_000 }',
    '    install(HttpRequestRetry) {',
    '        retryOnServerErrors(maxRetries = 3)',
    '        exponentialDelay()',
    '    }',
    '}',
    '```'
  ].join('\n'),
  javalin: RESILIENCE4J_PLAIN,
  dropwizard: RESILIENCE4J_PLAIN,
  vertx: [
    '**Vert.x** — `io.vertx:vertx-circuit-breaker`:',
    '```java',
    'CircuitBreaker breaker = CircuitBreaker.create("rates", vertx, new CircuitBreakerOptions().setMaxRetries(3).setTimeout(5000).setResetTimeout(30000))',
    '    .retryPolicy(RetryPolicy.exponentialDelayWithJitter(100, 5000));',
    'breaker.<Rates>execute(promise -> ratesClient.fetch().onComplete(promise));',
    '```'
  ].join('\n'),
  jaxrs: RESILIENCE4J_PLAIN
}

/** contract-tests, per framework (Spring keeps its MockMvc snippet). */
export const JVM_CONTRACT: JvmSnippets = {
  jaxrs: [
    '**JVM** — validate every response against the committed spec in the API tests, with REST Assured and swagger-request-validator (`com.atlassian.oai:swagger-request-validator-restassured`; under `@QuarkusTest` as well):',
    '```java',
    'private static final OpenApiValidationFilter CONTRACT = new OpenApiValidationFilter("openapi.yaml");',
    '',
    '@Test',
    'void listItemsMatchesTheSpec() {',
    '    given().filter(CONTRACT).when().get("/items").then().statusCode(200);',
    '}',
    '```'
  ].join('\n'),
  ktor: [
    '**Ktor** — validate responses against the committed spec in `testApplication` tests (`com.atlassian.oai:swagger-request-validator-core`):',
    '```kotlin',
    'private val contract = OpenApiInteractionValidator.createForSpecificationUrl("openapi/documentation.yaml").build()',
    '',
    '@Test',
    'fun itemsMatchTheSpec() = testApplication {',
    '    val response = client.get("/items")',
    '    val actual = SimpleResponse.Builder.status(response.status.value).withContentType("application/json").withBody(response.bodyAsText()).build()',
    '    val report = contract.validateResponse("/items", Request.Method.GET, actual)',
    '    assertFalse(report.hasErrors(), report.toString())',
    '}',
    '```'
  ].join('\n')
}

/** health-endpoint, per framework. */
export const JVM_HEALTH: JvmSnippets = {
  quarkus: [
    'Add `io.quarkus:quarkus-smallrye-health`: it serves `/q/health/live` and `/q/health/ready`, and with a datasource extension the readiness check pings the database. A check of your own:',
    '```java',
    '@Readiness',
    '@ApplicationScoped',
    'public class RatesApiCheck implements HealthCheck {',
    '    @Inject RatesClient rates;',
    '    @Override',
    '    public HealthCheckResponse call() {',
    '        return rates.ping()',
    '            ? HealthCheckResponse.up("rates-api")',
    '            : HealthCheckResponse.down("rates-api");',
    '    }',
    '}',
    '```'
  ].join('\n'),
  micronaut: [
    'Add `io.micronaut:micronaut-management` and expose health (`/health`, `/health/liveness`, `/health/readiness`); with `micronaut-jdbc-*` the JDBC indicator checks the database:',
    '```yaml',
    '# application.yml',
    'endpoints:',
    '  health:',
    '    enabled: true',
    '    sensitive: false',
    '    details-visible: ANONYMOUS',
    '```'
  ].join('\n'),
  ktor: [
    '```kotlin',
    'routing {',
    '    get("/healthz") { call.respondText("ok") }',
    '    get("/readyz") {',
    '        val up = runCatching {',
    '            dataSource.connection.use { it.isValid(2) }',
    '        }.getOrDefault(false)',
    '        if (up) {',
    '            call.respondText("ready")',
    '        } else {',
    '            call.respond(',
    '                HttpStatusCode.ServiceUnavailable,',
    '                "database unavailable"',
    '            )',
    '        }',
    '    }',
    '}',
    '```'
  ].join('\n'),
  javalin: [
    '```java',
    'app.get("/healthz", ctx -> ctx.result("ok"));',
    'app.get("/readyz", ctx -> {',
    '    try (Connection c = dataSource.getConnection()) {',
    '        if (c.isValid(2)) {',
    '            ctx.result("ready");',
    '            return;',
    '        }',
    '    } catch (SQLException e) {',
    '        // unavailable: answer 503 below',
    '    }',
    '    ctx.status(503).result("database unavailable");',
    '});',
    '```'
  ].join('\n'),
  dropwizard: [
    'Dropwizard serves `/healthcheck` on the admin port (8081); register a check per dependency (`JdbiFactory.build(environment, …)` registers the database one for you):',
    '```java',
    'environment.healthChecks().register("rates-api", new HealthCheck() {',
    '    @Override',
    '    protected Result check() {',
    '        return ratesClient.ping()',
    '            ? Result.healthy()',
    '            : Result.unhealthy("rates API unreachable");',
    '    }',
    '});',
    '```'
  ].join('\n'),
  helidon: [
    'Helidon 4 SE: add `io.helidon.webserver.observe:helidon-webserver-observe-health` (served at `/observe/health`); Helidon MP: `io.helidon.microprofile.health:helidon-microprofile-health` (`/health/live`, `/health/ready`) with a readiness check:',
    '```java',
    '@Readiness',
    '@ApplicationScoped',
    'public class DatabaseCheck implements HealthCheck {',
    '    @Inject DataSource dataSource;',
    '    @Override',
    '    public HealthCheckResponse call() {',
    '        try (Connection c = dataSource.getConnection()) {',
    '            return HealthCheckResponse.named("database")',
    '                .status(c.isValid(2))',
    '                .build();',
    '        } catch (SQLException e) {',
    '            return HealthCheckResponse.down("database");',
    '        }',
    '    }',
    '}',
    '```'
  ].join('\n'),
  vertx: [
    'Add `io.vertx:vertx-health-check`:',
    '```java',
    'HealthCheckHandler health = HealthCheckHandler.create(vertx);',
    'health.register("database", promise -> pool.query("SELECT 1").execute()',
    '    .onSuccess(r -> promise.complete(Status.OK()))',
    '    .onFailure(promise::fail));',
    'router.get("/health*").handler(health);',
    '```'
  ].join('\n'),
  jaxrs: [
    '```java',
    '@Path("/healthz")',
    'public class HealthResource {',
    '    @Inject DataSource dataSource;',
    '    @GET',
    '    public Response health() {',
    '        try (Connection c = dataSource.getConnection()) {',
    '            return c.isValid(2)',
    '                ? Response.ok("ok").build()',
    '                : Response.status(503).build();',
    '        } catch (SQLException e) {',
    '            return Response.status(503)',
    '                .entity("database unavailable")',
    '                .build();',
    '        }',
    '    }',
    '}',
    '```'
  ].join('\n')
}

/** openapi-published, per framework. */
export const JVM_OPENAPI: JvmSnippets = {
  quarkus: 'Add `io.quarkus:quarkus-smallrye-openapi`: the spec generated from the JAX-RS resources is served at `/q/openapi` (and Swagger UI at `/q/swagger-ui`; set `quarkus.swagger-ui.always-include=true` to keep it in production).',
  micronaut: [
    'Generate the spec at compile time with `annotationProcessor("io.micronaut.openapi:micronaut-openapi")` and an `@OpenAPIDefinition` on the application, then serve it:',
    '```yaml',
    '# application.yml',
    'micronaut:',
    '  router:',
    '    static-resources:',
    '      swagger:',
    '        paths: classpath:META-INF/swagger',
    '        mapping: /swagger/**',
    '```'
  ].join('\n'),
  javalin: [
    'Generate the spec from `@OpenApi` annotations (`annotationProcessor("io.javalin.community.openapi:openapi-annotation-processor")`) and serve it with the plugin (`io.javalin.community.openapi:javalin-openapi-plugin`):',
    '```java',
    'Javalin.create(config -> config.registerPlugin(new OpenApiPlugin(',
    '    openapi -> openapi.withDocumentationPath("/openapi"))));',
    '```'
  ].join('\n'),
  ktor: [
    'Commit the spec as `src/main/resources/openapi/documentation.yaml` and serve it with `io.ktor:ktor-server-openapi` (and `ktor-server-swagger` for the UI):',
    '```kotlin',
    'routing {',
    '    openAPI(path = "openapi", swaggerFile = "openapi/documentation.yaml")',
    '    swaggerUI(path = "swagger", swaggerFile = "openapi/documentation.yaml")',
    '}',
    '```'
  ].join('\n'),
  helidon: 'Add `io.helidon.openapi:helidon-openapi` (Helidon MP: `io.helidon.microprofile.openapi:helidon-microprofile-openapi`): `/openapi` serves `META-INF/openapi.yaml` or the document generated from the annotations.',
  vertx: [
    'Serve the committed spec next to the routes it describes (or build the routes from it with `vertx-web-openapi-router`):',
    '```java',
    'router.get("/openapi.yaml").handler(ctx -> ctx.response()',
    '    .putHeader("Content-Type", "application/yaml")',
    '    .sendFile("openapi.yaml"));',
    '```'
  ].join('\n'),
  jaxrs: [
    'Generate and serve the spec from the resources with swagger-jaxrs2 (`io.swagger.core.v3:swagger-jaxrs2-jakarta`): `/openapi.json` and `/openapi.yaml`.',
    '```java',
    '// Dropwizard: environment.jersey().register(new OpenApiResource());',
    'public class RestApplication extends Application {',
    '    @Override',
    '    public Set<Class<?>> getClasses() {',
    '        return Set.of(OrdersResource.class, OpenApiResource.class);',
    '    }',
    '}',
    '```'
  ].join('\n')
}
