import { describe, expect, it } from 'vitest'
import { MemorySnapshot } from '../../../../src/facts/memory-snapshot.js'
import { resolveScript, type ResolvedCommand } from '../../../../src/facts/ci/resolve/index.js'
import { parseGradleBuild, taskRefs } from '../../../../src/facts/ci/resolve/gradle-model.js'

const STEP = { path: '.github/workflows/ci.yml', line: 10, text: 'Build' }
function run(files: Record<string, string>, script: string): ResolvedCommand[] {
  return resolveScript(script, { snapshot: new MemorySnapshot(files), path: '.github/workflows/ci.yml', line: 12, cwd: '', chain: [STEP] })
}
const argvs = (cs: ResolvedCommand[]) => cs.map((c) => c.argv.join(' '))
const last = (c: ResolvedCommand) => { const l = c.chain.at(-1)!; return `${l.path}:${l.line ?? '?'} ${l.text}` }

describe('Gradle build model', () => {
  it('reads registered tasks (Groovy and Kotlin DSL), their dependencies, commands, switches and analysers told not to fail', () => {
    const m = parseGradleBuild(
      [
        "tasks.register('lint', PnpmTask) {",
        "  dependsOn tasks.named('buildPackages')",
        "  pnpmCommand = ['run', 'lint']",
        '}',
        'val testCoverage by tasks.registering {',
        '    dependsOn(',
        '        ":api:test",',
        '        ":api:integration"',
        '    )',
        '}',
        "task sourceJar(type: Jar, dependsOn: classes) {",
        "  from sourceSets.main.allJava // not a dependency",
        '}',
        "tasks.named('check') { dependsOn tasks.named('lint'), 'typecheck' }",
        'checkFrontend.enabled = false',
        'pmd {',
        '    ignoreFailures = true',
        '}',
        'tasks.withType<Detekt>().configureEach { isIgnoreFailures = true }',
        '/* tasks.register("ghost") { } */',
        'spotless { enforceCheck false }'
      ].join('\n')
    )
    expect(m.tasks.get('lint')).toMatchObject({ type: 'PnpmTask', command: ['run', 'lint'], dependsOn: ['buildPackages'], declared: true, line: 1 })
    expect(m.tasks.get('testCoverage')?.dependsOn).toEqual([':api:test', ':api:integration'])
    expect(m.tasks.get('sourceJar')).toMatchObject({ type: 'Jar', dependsOn: ['classes'] })
    expect(m.tasks.get('check')).toMatchObject({ declared: false, dependsOn: ['lint', 'typecheck'] })
    expect(m.tasks.get('checkFrontend')?.disabled).toBe(15)
    expect([...m.ignoreFailures]).toEqual([['pmd', 17], ['detekt', 19]])
    expect(m.tasks.has('ghost')).toBe(false)
    expect(m.spotlessNotEnforced).toBe(21)
  })

  it('resolves version-catalog plugin aliases and kotlin("jvm")', () => {
    const m = parseGradleBuild('plugins {\n    alias(libs.plugins.spotless)\n    kotlin("jvm") version "2.0.0"\n    `java-library`\n}\n', new Map([['spotless', 'com.diffplug.spotless']]))
    expect(m.plugins.map((p) => [p.id, p.line])).toEqual([['com.diffplug.spotless', 2], ['org.jetbrains.kotlin.jvm', 3], ['java-library', 4]])
  })

  it('reads dependsOn references in every form', () => {
    expect(taskRefs("tasks.named('a'), tasks.b, tasks[\"c\"], 'd', e, \":x:f\"")).toEqual(['a', 'b', 'c', 'd', 'e', ':x:f'])
  })
})

describe('Gradle tasks followed from CI', () => {
  it('check runs the analysers a version-catalog alias applies and a node-gradle lint task wired into it (halo)', () => {
    const files = {
      'gradle/libs.versions.toml': "[plugins]\nspotless = 'com.diffplug.spotless:8.8.0'\nnode = { id = 'com.github.node-gradle.node', version = '7.1.0' }\n",
      'build.gradle': 'plugins {\n    alias(libs.plugins.spotless)\n}\n',
      'application/build.gradle': "plugins {\n    id 'java'\n    alias(libs.plugins.spotless)\n}\n",
      'ui/build.gradle': "plugins {\n  id 'base'\n  alias(libs.plugins.node)\n}\ntasks.register('lint', PnpmTask) {\n  pnpmCommand = ['run', 'lint']\n}\ntasks.named('check') {\n  dependsOn tasks.named('lint')\n}\n",
      'ui/package.json': JSON.stringify({ scripts: { lint: 'eslint . --max-warnings=0' } })
    }
    const out = run(files, './gradlew clean check')
    expect(argvs(out)).toEqual(['gradle clean check', 'gradle spotlessCheck', 'gradle compileJava', 'gradle test', 'eslint . --max-warnings=0'])
    expect(out.find((c) => c.argv[0] === 'eslint')?.cwd).toBe('ui')
    expect(out.find((c) => c.argv[0] === 'eslint')!.chain.map((l) => l.path)).toEqual(['.github/workflows/ci.yml', '.github/workflows/ci.yml', 'ui/build.gradle', 'ui/package.json'])
  })

  it('follows a custom aggregate task of one project to its test tasks (reposilite testCoverage)', () => {
    const files = {
      'app/build.gradle.kts': 'plugins {\n    kotlin("jvm")\n    jacoco\n}\nval testCoverage by tasks.registering {\n    dependsOn(\n        ":app:test",\n        ":app:jacocoTestReport"\n    )\n}\n'
    }
    const out = run(files, './gradlew :app:testCoverage')
    expect(argvs(out)).toEqual(['gradle :app:testCoverage', 'gradle compileJava', 'gradle test', 'gradle jacocoTestReport'])
  })

  it('an analyser with ignoreFailures = true runs but cannot fail; a disabled task runs nothing (Marquez PMD, akhq checkFrontend)', () => {
    const files = {
      'build.gradle': "subprojects {\n  apply plugin: 'java'\n  apply plugin: 'pmd'\n  pmd {\n    ignoreFailures = true\n  }\n}\n",
      'api/build.gradle': "dependencies {}\n",
      'client/build.gradle': "plugins { id 'base' }\ntasks.register('checkFrontend', NpmTask) {\n  args = ['run', 'lint']\n}\ntasks.named('check') { dependsOn 'checkFrontend' }\ncheckFrontend.enabled = false\n",
      'client/package.json': JSON.stringify({ scripts: { lint: 'eslint src' } })
    }
    const out = run(files, './gradlew api:build')
    const pmd = out.find((c) => c.argv.join(' ') === 'gradle pmdMain')!
    expect(pmd.neutralised).toBe('build.gradle:5 ignoreFailures = true')
    expect(last(pmd)).toBe('build.gradle:3 pmd plugin: pmdMain')
    expect(argvs(run(files, './gradlew check')).filter((a) => a.startsWith('eslint'))).toEqual([])
  })

  it('the siouan frontend plugin runs its checkScript in check, unless checkFrontend is disabled (akhq)', () => {
    const files = {
      'client/build.gradle': "plugins {\n    id 'org.siouan.frontend-jdk17' version '8.0.0'\n}\nfrontend {\n    checkScript = 'run lint'\n}\n",
      'client/package.json': JSON.stringify({ scripts: { lint: 'eslint src' } })
    }
    expect(argvs(run(files, './gradlew check'))).toEqual(['gradle check', 'eslint src'])
    const off = { ...files, 'client/build.gradle': files['client/build.gradle'] + "tasks.named('checkFrontend') {\n    enabled = false\n}\n" }
    expect(argvs(run(off, './gradlew check'))).toEqual(['gradle check'])
  })

  it('Spotless with enforceCheck false is not part of check; build -x check runs no analyser', () => {
    const gradle = "plugins {\n  id 'java'\n  id 'com.diffplug.spotless'\n}\nspotless {\n  enforceCheck false\n}\n"
    expect(argvs(run({ 'build.gradle': gradle }, './gradlew check'))).toEqual(['gradle check', 'gradle compileJava', 'gradle test'])
    expect(argvs(run({ 'build.gradle': "plugins {\n  id 'java'\n  id 'checkstyle'\n}\n" }, './gradlew build -x check'))).toEqual(['gradle build -x check', 'gradle compileJava'])
  })

  it('Error Prone runs with compileJava unless its checks are off', () => {
    const on = "plugins {\n  id 'java'\n  id 'net.ltgt.errorprone' version '4.0.0'\n}\n"
    expect(run({ 'build.gradle': on }, './gradlew build').find((c) => c.argv[1] === 'errorprone')?.neutralised).toBe(null)
    const off = on + 'tasks.withType(JavaCompile).configureEach {\n  options.errorprone.disableAllChecks = true\n}\n'
    expect(run({ 'build.gradle': off }, './gradlew build').find((c) => c.argv[1] === 'errorprone')?.neutralised).toMatch(/line 6/)
  })

  it('a BootBuildImage task reached from a custom publishing task builds an image', () => {
    const files = { 'build.gradle': "plugins {\n  id 'java'\n  id 'org.springframework.boot'\n}\ntasks.register('publishToGhcr', BootBuildImage) {\n  imageName = 'ghcr.io/acme/app'\n}\ntasks.register('publishAll') {\n  dependsOn tasks.named('publishToGhcr')\n}\n" }
    expect(argvs(run(files, './gradlew publishAll'))).toEqual(['gradle publishAll', 'gradle bootBuildImage'])
  })
})

describe('Maven profiles, properties and modules', () => {
  const pom = (extra: string) => `<project>
  <properties><spotbugs.skip>\${skipAnalysis}</spotbugs.skip></properties>
  <modules><module>app</module></modules>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-checkstyle-plugin</artifactId>
        <executions><execution><phase>validate</phase><goals><goal>check</goal></goals></execution></executions>
      </plugin>
    </plugins>
  </build>
  <profiles>
    <profile>
      <id>local</id>
      <activation><property><name>local</name></property></activation>
      <properties><checkstyle.skip>true</checkstyle.skip></properties>
    </profile>
    <profile>
      <id>prod</id>
      <build><plugins><plugin>
        <artifactId>spotless-maven-plugin</artifactId>
        <executions><execution><goals><goal>check</goal></goals></execution></executions>
      </plugin></plugins></build>
    </profile>${extra}
  </profiles>
</project>
`
  const files = {
    'pom.xml': pom(''),
    'app/pom.xml': '<project><build><plugins><plugin><artifactId>maven-pmd-plugin</artifactId><executions><execution><goals><goal>check</goal></goals></execution></executions></plugin></plugins></build></project>',
    'app/src/main/resources/application.properties': 'quarkus.container-image.build=true\n'
  }
  const judged = (script: string) => run(files, script).filter((c) => c.synthetic).map((c) => [c.argv.join(' '), c.neutralised])

  it('a property that activates a profile which sets checkstyle.skip stops the lint (Apicurio -Dlocal)', () => {
    expect(judged('./mvnw install -Dlocal -DskipTests')).toContainEqual(['mvn checkstyle:check', '<checkstyle.skip>true</checkstyle.skip> (set by an active profile)'])
    expect(judged('./mvnw clean package -Pprod -DskipTests')).toContainEqual(['mvn checkstyle:check', null])
  })

  it('-P activates a profile whose plugins bind to the lifecycle; modules add their own plugins', () => {
    const out = judged('./mvnw clean verify -Pprod')
    expect(out).toContainEqual(['mvn spotless:check', null])
    expect(out).toContainEqual(['mvn pmd:check', null])
    expect(judged('./mvnw clean verify').map((c) => c[0])).not.toContain('mvn spotless:check')
  })

  it('Quarkus builds its image in package when application.properties says so', () => {
    expect(judged('./mvnw package -DskipTests').map((c) => c[0])).toContain('mvn quarkus:image-build')
    expect(judged('./mvnw compile').map((c) => c[0])).not.toContain('mvn quarkus:image-build')
  })

  it('-pl builds the named modules only, and Error Prone rides on the compiler', () => {
    const ep = { 'pom.xml': '<project><modules><module>a</module><module>b</module></modules></project>', 'a/pom.xml': '<project><build><plugins><plugin><artifactId>maven-compiler-plugin</artifactId><configuration><compilerArgs><arg>-Xplugin:ErrorProne</arg></compilerArgs></configuration></plugin></plugins></build></project>', 'b/pom.xml': '<project><build><plugins><plugin><artifactId>maven-checkstyle-plugin</artifactId><executions><execution><phase>validate</phase><goals><goal>check</goal></goals></execution></executions></plugin></plugins></build></project>' }
    expect(run(ep, 'mvn -pl a verify').filter((c) => c.synthetic).map((c) => c.argv.join(' '))).toEqual(['mvn compiler:compile', 'mvn errorprone', 'mvn surefire:test'])
    expect(run(ep, 'mvn verify').filter((c) => c.synthetic).map((c) => c.argv.join(' '))).toContain('mvn checkstyle:check')
  })
})
