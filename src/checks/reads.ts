import { ARCH_CONFIG_RULES, ARCH_RULE_TOOLS } from './catalog/layer-rules.js'
import { CONTRACT } from './catalog/contract.js'
import { LINT } from './catalog/lint.js'
import type { Catalogue } from './catalog/match.js'
import { SAST } from './catalog/sast.js'
import { TESTS } from './catalog/tests.js'
import { TYPECHECKERS } from './catalog/typecheckers.js'

/**
 * What the checks need read for them, declared from their catalogues so the facts layer reads it
 * before any check runs (checks never read): the configuration files whose lines a signature
 * looks for (`contains`), and the files a command's configuration switch lives in
 * (`blockingConfig`: `.sobelow-conf`, or a file of that name given with `--config`).
 */
const CATALOGUES: readonly Catalogue[] = [LINT, TESTS, SAST, TYPECHECKERS, CONTRACT, ARCH_RULE_TOOLS]

function configPatterns(): string[] {
  const out = new Set<string>()
  for (const c of CATALOGUES) {
    for (const sig of c.configs) if (sig.contains !== undefined) out.add(sig.file)
    for (const sig of c.commands) {
      const file = sig.blockingConfig?.file
      if (file !== undefined) out.add(file).add(file.startsWith('.') ? `*${file}` : file)
    }
  }
  for (const rule of ARCH_CONFIG_RULES) for (const sig of rule.configs) if (sig.contains !== undefined || rule.namesOwnModule) out.add(sig.file)
  return [...out]
}

export const CONFIG_READS: readonly string[] = configPatterns()
