import { describe, expect, it } from 'vitest'
import check from '../../src/checks/circuit-breakers.js'
import { factsFor, runCheck } from './dependency-facts.js'

const run = (files: Record<string, string>) => runCheck(check, factsFor(files), {})
const gradle = (deps: string[]): string => `dependencies {\n${deps.map((d) => `    implementation("${d}")`).join('\n')}\n}\n`

describe('circuit-breakers on the JVM beyond Spring', () => {
  it('Micronaut @Retryable around a client call passes', () => {
    const out = run({
      'build.gradle.kts': gradle(['io.micronaut:micronaut-http-server-netty', 'io.micronaut:micronaut-retry']),
      'src/main/java/app/ConnectRepository.java': 'import io.micronaut.retry.annotation.Retryable;\nclass ConnectRepository {\n  @Retryable(delay = "3s", attempts = "5")\n  List<String> plugins() { return client.getPlugins(); }\n}\n'
    })
    expect([out.status, out.data]).toEqual(['pass', { libs: 'Micronaut retry' }])
    expect(out.evidence).toContainEqual({ path: 'src/main/java/app/ConnectRepository.java', line: 3, message: 'used: @Retryable(delay = "3s", attempts = "5")' })
  })

  it('SmallRye / MicroProfile Fault Tolerance annotations pass', () => {
    const out = run({
      'pom.xml': '<project><dependencies><dependency><groupId>io.quarkus</groupId><artifactId>quarkus-smallrye-fault-tolerance</artifactId></dependency></dependencies></project>',
      'src/main/java/app/Rates.java': 'import org.eclipse.microprofile.faulttolerance.CircuitBreaker;\nclass Rates {\n  @CircuitBreaker(requestVolumeThreshold = 4)\n  Rates fetch() { return client.get(); }\n}\n'
    })
    expect(out.status).toBe('pass')
  })

  it('an AWS SDK client configured with a retry policy passes (the SDK is the retry library)', () => {
    const out = run({
      'build.gradle.kts': gradle(['io.javalin:javalin:6.0.0', 'software.amazon.awssdk:s3:2.25.0']),
      'src/main/kotlin/app/S3.kt': 'import software.amazon.awssdk.services.s3.S3Client\nfun client() = S3Client.builder().overrideConfiguration {\n    it.retryPolicy { cfg -> cfg.numRetries(5) }\n}.build()\n'
    })
    expect([out.status, out.data]).toEqual(['pass', { libs: 'AWS SDK retry policy' }])
  })

  it('Reactor retryWhen around an outbound call passes; the same retry filtered on optimistic locking is a database retry', () => {
    const deps = gradle(['org.springframework.boot:spring-boot-starter-webflux'])
    const outbound = run({
      'build.gradle': deps,
      'src/main/java/app/ConnectClient.java': 'import reactor.util.retry.Retry;\nclass ConnectClient {\n  Mono<Body> get() {\n    return webClient.get().retrieve().bodyToMono(Body.class)\n        .retryWhen(Retry.backoff(3, Duration.ofSeconds(2)));\n  }\n}\n'
    })
    expect([outbound.status, outbound.data]).toEqual(['pass', { libs: 'Reactor retry' }])
    const db = run({
      'build.gradle': deps,
      'src/main/java/app/PostService.java': 'import reactor.util.retry.Retry;\nclass PostService {\n  Mono<Post> publish(Post p) {\n    return client.update(p)\n        .retryWhen(Retry.backoff(5, Duration.ofMillis(100))\n            .filter(OptimisticLockingFailureException.class::isInstance));\n  }\n}\n'
    })
    expect([db.status, db.messageId]).toEqual(['partial', 'local-only'])
    expect(db.evidence?.[0]).toMatchObject({ path: 'src/main/java/app/PostService.java', line: 5 })
  })

  it('Spring Framework 7 @Retryable(includes = ConcurrencyFailureException) is a database retry; a RetryTemplate on a RabbitTemplate protects outbound messages', () => {
    const pom = '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>'
    const dbOnly = run({
      'pom.xml': pom,
      'src/main/java/app/JpaManagement.java': 'import org.springframework.resilience.annotation.Retryable;\nclass JpaManagement {\n  @Retryable(includes = ConcurrencyFailureException.class, maxRetries = 3)\n  void update() {}\n}\n'
    })
    expect([dbOnly.status, dbOnly.messageId]).toEqual(['partial', 'local-only'])
    const amqp = run({
      'pom.xml': pom,
      'src/main/java/app/JpaManagement.java': 'import org.springframework.resilience.annotation.Retryable;\nclass JpaManagement {\n  @Retryable(includes = ConcurrencyFailureException.class, maxRetries = 3)\n  void update() {}\n}\n',
      'src/main/java/app/AmqpConfig.java': 'import org.springframework.core.retry.RetryTemplate;\nclass AmqpConfig {\n  RabbitTemplate rabbit() {\n    template.setRetryTemplate(new RetryTemplate(RetryPolicy.builder().delay(Duration.ofMillis(100)).build()));\n    return template;\n  }\n  void setRetryTemplate(RetryTemplate retryTemplate) {}\n}\n'
    })
    expect([amqp.status, amqp.data]).toEqual(['pass', { libs: 'Spring Framework retry' }])
    expect(amqp.evidence?.filter((e) => e.message.startsWith('used:')).map((e) => e.line)).toEqual([4])
  })

  it('Resilience4j used only as an inbound RateLimiter protects no outbound call', () => {
    const out = run({
      'build.gradle': gradle(['org.springframework.boot:spring-boot-starter-webflux', 'io.github.resilience4j:resilience4j-ratelimiter:2.2.0']),
      'src/main/java/app/LoginLimiter.java': 'import io.github.resilience4j.ratelimiter.RateLimiterRegistry;\nimport io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;\nclass LoginLimiter {\n  @RateLimiter(name = "login")\n  Mono<Void> login() { return Mono.empty().transformDeferred(RateLimiterOperator.of(limiter)); }\n}\n'
    })
    expect([out.status, out.messageId]).toEqual(['partial', 'dependency-only'])
  })

  it('Ktor client HttpRequestRetry passes', () => {
    const out = run({
      'build.gradle.kts': gradle(['io.ktor:ktor-server-netty-jvm:3.0.0', 'io.ktor:ktor-client-cio-jvm:3.0.0', 'io.ktor:ktor-client-core-jvm:3.0.0']),
      'src/main/kotlin/app/Client.kt': 'import io.ktor.client.*\nval client = HttpClient(CIO) {\n    install(HttpRequestRetry) {\n        retryOnServerErrors(maxRetries = 3)\n        exponentialDelay()\n    }\n}\n'
    })
    expect([out.status, out.data]).toEqual(['pass', { libs: 'Ktor client HttpRequestRetry' }])
  })
})
