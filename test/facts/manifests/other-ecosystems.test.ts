import { describe, expect, it } from 'vitest'
import { collectManifests } from '../../../src/facts/manifests/index.js'
import { MemorySnapshot } from '../../../src/facts/memory-snapshot.js'

function collect(files: Record<string, string>) {
  const facts = collectManifests(new MemorySnapshot(files))
  return { facts, all: facts.manifests.flatMap((m) => m.dependencies.map((d) => ({ name: d.name, manifest: d.manifest, line: d.line, dev: d.dev }))) }
}

describe('node manifests', () => {
  it('reads every dependency section with lines, and workspaces as their own manifests', () => {
    const { facts, all } = collect({
      'package.json': JSON.stringify({ name: 'root', workspaces: ['packages/*'], devDependencies: { vitest: '^4' } }, null, 2),
      'packages/api/package.json': JSON.stringify({ dependencies: { opossum: '^8', express: '^5' }, optionalDependencies: { 'unleash-client': '^6' }, peerDependencies: { react: '*' } }, null, 2),
      'node_modules/opossum/package.json': '{"dependencies": {"x": "1"}}'
    })
    expect(all).toEqual([
      { name: 'vitest', manifest: 'package.json', line: 7, dev: true },
      { name: 'opossum', manifest: 'packages/api/package.json', line: 3, dev: false },
      { name: 'express', manifest: 'packages/api/package.json', line: 4, dev: false },
      { name: 'unleash-client', manifest: 'packages/api/package.json', line: 7, dev: false },
      { name: 'react', manifest: 'packages/api/package.json', line: 10, dev: false }
    ])
    expect(facts.manifests.map((m) => [m.path, m.dir, m.workspaces])).toEqual([
      ['package.json', '', ['packages/*']],
      ['packages/api/package.json', 'packages/api', undefined]
    ])
  })

  it('turns malformed JSON into a problem with a line', () => {
    const { facts } = collect({ 'package.json': '{\n  "dependencies": {\n    "a": "1",\n  }\n}' })
    expect(facts.problems).toHaveLength(1)
    expect(facts.problems[0]).toMatchObject({ path: 'package.json', line: 4 })
    expect(facts.problems[0]!.message).toMatch(/^invalid JSON/)
  })
})

describe('go.mod', () => {
  it('reads direct requires, drops // indirect, and tolerates odd directives', () => {
    const { facts, all } = collect({
      'go.mod': [
        'module example.com/svc', // 1
        '',
        'go 1.23',
        'toolchain go1.23.4',
        'godebug default=go1.21',
        'require github.com/sony/gobreaker/v2 v2.0.0', // 6
        'require (',
        '\tgithub.com/gin-gonic/gin v1.10.0', // 8
        '\tgolang.org/x/net v0.30.0 // indirect',
        '\t// a comment',
        '\tgithub.com/open-feature/go-sdk v1.13.0 // pinned', // 11
        ')',
        'replace (',
        '\tgithub.com/x/y => ../y',
        ')',
        'tool golang.org/x/tools/cmd/stringer',
        'exclude github.com/bad/mod v1.0.0',
        'futuredirective something'
      ].join('\n')
    })
    expect(all).toEqual([
      { name: 'github.com/sony/gobreaker/v2', manifest: 'go.mod', line: 6, dev: false },
      { name: 'github.com/gin-gonic/gin', manifest: 'go.mod', line: 8, dev: false },
      { name: 'github.com/open-feature/go-sdk', manifest: 'go.mod', line: 11, dev: false }
    ])
    expect(facts.problems).toEqual([])
  })

  it('reports an unterminated block', () => {
    const { facts, all } = collect({ 'go.mod': 'module x\nrequire (\n\tgithub.com/a/b v1.0.0\n' })
    expect(all.map((d) => d.name)).toEqual(['github.com/a/b'])
    expect(facts.problems).toEqual([{ path: 'go.mod', line: 2, message: 'unterminated require ( … ) block' }])
  })
})

describe('java manifests', () => {
  it('reads pom dependencies outside dependencyManagement and plugins; test scope is dev', () => {
    const pom = [
      '<project>', // 1
      '  <dependencyManagement><dependencies>',
      '    <dependency><groupId>org.springframework.cloud</groupId><artifactId>spring-cloud-dependencies</artifactId></dependency>',
      '  </dependencies></dependencyManagement>',
      '  <!-- <dependency><groupId>x</groupId><artifactId>commented</artifactId></dependency> -->',
      '  <dependencies>', // 6
      '    <dependency>', // 7
      '      <groupId>io.github.resilience4j</groupId>',
      '      <artifactId>resilience4j-spring-boot3</artifactId>',
      '      <version>2.2.0</version>',
      '    </dependency>',
      '    <dependency>', // 12
      '      <groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><scope>test</scope>',
      '    </dependency>',
      '  </dependencies>',
      '  <build><plugins><plugin><artifactId>jib-maven-plugin</artifactId>',
      '    <dependencies><dependency><groupId>p</groupId><artifactId>plugin-dep</artifactId></dependency></dependencies>',
      '  </plugin></plugins></build>',
      '</project>'
    ].join('\n')
    const { all } = collect({ 'pom.xml': pom })
    expect(all).toEqual([
      { name: 'io.github.resilience4j:resilience4j-spring-boot3', manifest: 'pom.xml', line: 7, dev: false },
      { name: 'org.junit.jupiter:junit-jupiter', manifest: 'pom.xml', line: 12, dev: true }
    ])
  })

  it('turns mismatched XML into a problem', () => {
    const { facts } = collect({ 'pom.xml': '<project>\n<dependencies>\n</project>\n' })
    expect(facts.problems).toEqual([{ path: 'pom.xml', line: 3, message: 'invalid XML: </project> closes <dependencies>' }])
  })

  it('reads Gradle string, call and map notations and version-catalog accessors', () => {
    const { all } = collect({
      'gradle/libs.versions.toml': ['[libraries]', 'resilience4j-spring = { module = "io.github.resilience4j:resilience4j-spring-boot3", version = "2.2.0" }', 'togglz_core = { group = "org.togglz", name = "togglz-core" }', 'junit = "org.junit.jupiter:junit-jupiter:5.10.0"', '[bundles]', 'flags = ["togglz_core"]'].join('\n'),
      'app/build.gradle.kts': [
        'plugins { id("org.springframework.boot") }',
        'dependencies {', // 2
        '    implementation("org.springframework.boot:spring-boot-starter-web")', // 3
        "    implementation 'dev.failsafe:failsafe:3.3.2'", // 4
        '    implementation(libs.resilience4j.spring)', // 5
        '    implementation(libs.bundles.flags)', // 6
        '    testImplementation(libs.junit)', // 7
        "    runtimeOnly group: 'org.postgresql', name: 'postgresql'", // 8
        '    implementation(platform("org.springframework.cloud:spring-cloud-dependencies:2024.0.0"))', // 9
        '}'
      ].join('\n')
    })
    expect(all).toEqual([
      { name: 'org.springframework.boot:spring-boot-starter-web', manifest: 'app/build.gradle.kts', line: 3, dev: false },
      { name: 'dev.failsafe:failsafe', manifest: 'app/build.gradle.kts', line: 4, dev: false },
      { name: 'io.github.resilience4j:resilience4j-spring-boot3', manifest: 'app/build.gradle.kts', line: 5, dev: false },
      { name: 'org.togglz:togglz-core', manifest: 'app/build.gradle.kts', line: 6, dev: false },
      { name: 'org.junit.jupiter:junit-jupiter', manifest: 'app/build.gradle.kts', line: 7, dev: true },
      { name: 'org.postgresql:postgresql', manifest: 'app/build.gradle.kts', line: 8, dev: false },
      { name: 'org.springframework.cloud:spring-cloud-dependencies', manifest: 'app/build.gradle.kts', line: 9, dev: false }
    ])
  })
})

describe('Gemfile', () => {
  it('reads gems, dev groups (block and inline) and require: false', () => {
    const facts = collectManifests(
      new MemorySnapshot({
        Gemfile: [
          "source 'https://rubygems.org'",
          "gem 'rails', '~> 7.1'", // 2
          "gem 'flipper-active_record'", // 3
          "gem 'circuitbox', require: false", // 4
          'group :development, :test do',
          "  gem 'rspec-rails'", // 6
          '  platforms :jruby do',
          "    gem 'jdbc'", // 8
          '  end',
          'end',
          "gem 'rubocop', group: :development", // 11
          "group :production do",
          "  gem 'stoplight'", // 13
          'end'
        ].join('\n')
      })
    )
    expect(facts.manifests[0]!.dependencies.map((d) => [d.name, d.line, d.dev, d.noAutoRequire ?? false])).toEqual([
      ['rails', 2, false, false],
      ['flipper-active_record', 3, false, false],
      ['circuitbox', 4, false, true],
      ['rspec-rails', 6, true, false],
      ['jdbc', 8, true, false],
      ['rubocop', 11, true, false],
      ['stoplight', 13, false, false]
    ])
  })
})
