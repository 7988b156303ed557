import { describe, expect, it } from 'vitest'
import { parsePom } from '../../../src/facts/manifests/java.js'
import type { ParseProblem } from '../../../src/facts/ci/types.js'
import { child, parseXml, textOf } from '../../../src/facts/parse/xml.js'

describe('parseXml', () => {
  it('reads elements with their lines and text; comments, declarations and processing instructions are skipped, CDATA is text', () => {
    const doc = parseXml('<?xml version="1.0"?>\n<!-- c -->\n<project>\n  <name><![CDATA[a<b]]></name>\n  <empty/>\n</project>\n')
    const project = child(doc.root, 'project')
    expect(project?.line).toBe(3)
    expect(textOf(child(project, 'name'))).toBe('a<b')
    expect(child(project, 'empty')?.closed).toBe(true)
    expect(doc.problems).toEqual([])
  })

  it('stops at the first structural error and keeps what came before', () => {
    expect(parseXml('<a>\n<b></c>\n<d/></a>').problems).toEqual([{ line: 2, message: 'invalid XML: </c> closes <b>' }])
    expect(parseXml('<a><b>').problems).toEqual([{ line: 1, message: 'invalid XML: <b> is never closed' }])
    expect(parseXml('<a><b').problems).toEqual([{ line: 1, message: 'invalid XML: unterminated tag' }])
    const deep = parseXml('<x>'.repeat(10_000))
    expect(deep.problems).toEqual([{ line: 1, message: 'XML nested deeper than 64; rest ignored' }])
  })
})

describe('parsePom', () => {
  it("names a dependency by its own ids, not by an exclusion's", () => {
    const problems: ParseProblem[] = []
    const pom = [
      '<project><dependencies>',
      '  <dependency>',
      '    <groupId>io.github.resilience4j</groupId><artifactId>resilience4j-spring-boot3</artifactId>',
      '    <exclusions><exclusion><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId></exclusion></exclusions>',
      '  </dependency>',
      '  <dependency><groupId>org.junit</groupId><artifactId>junit</artifactId><scope>test</scope></dependency>',
      '</dependencies>',
      '<dependencyManagement><dependencies><dependency><groupId>x</groupId><artifactId>managed</artifactId></dependency></dependencies></dependencyManagement>',
      '</project>'
    ].join('\n')
    expect(parsePom('pom.xml', pom, problems).map((d) => [d.name, d.line, d.dev])).toEqual([
      ['io.github.resilience4j:resilience4j-spring-boot3', 2, false],
      ['org.junit:junit', 6, true]
    ])
    expect(problems).toEqual([])
  })
})
