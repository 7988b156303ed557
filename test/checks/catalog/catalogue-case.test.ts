import { describe, expect, it } from 'vitest'
import { CONTRACT, SPEC_DUMPS } from '../../../src/checks/catalog/contract.js'
import { LINT } from '../../../src/checks/catalog/lint.js'
import { SAST } from '../../../src/checks/catalog/sast.js'
import { TESTS } from '../../../src/checks/catalog/tests.js'
import { TYPECHECKERS } from '../../../src/checks/catalog/typecheckers.js'

/** The matcher lower-cases positional words (`./gradlew generateOpenApiDocs` → `generateopenapidocs`): a catalogue word in mixed case never matches. */
describe('command catalogues', () => {
  it('write subcommands in lower case', () => {
    const all = [...LINT.commands, ...TESTS.commands, ...SAST.commands, ...TYPECHECKERS.commands, ...CONTRACT.commands, ...SPEC_DUMPS]
    const mixed = all.flatMap((c) => (c.subcommands ?? []).filter((w) => w !== w.toLowerCase()).map((w) => `${c.tool}: ${w}`))
    expect(mixed).toEqual([])
  })
})
