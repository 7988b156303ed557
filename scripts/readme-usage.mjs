// Regenerates the README's usage block (between the usage markers) from action.yml, so the
// documented inputs and outputs cannot drift from the real ones. `node scripts/readme-usage.mjs`
// rewrites README.md; `--check` exits 1 when it is stale.
import { readFileSync, writeFileSync } from 'node:fs'
import yaml from 'js-yaml'

export function usageBlock(actionYml) {
  const action = yaml.load(actionYml)
  const lines = ['```yaml', '- uses: shipshape-dev/shipshape@v0', '  with:']
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    const words = String(input.description).trim().split(/\s+/)
    let line = '    #'
    for (const w of words) {
      if (line.length + w.length + 1 > 100) {
        lines.push(line)
        line = '    #'
      }
      line += ' ' + w
    }
    lines.push(line)
    const def = input.default === undefined || input.default === '' ? "''" : `'${input.default}'`
    lines.push(`    ${name}: ${def}`, '')
  }
  lines.pop()
  lines.push('```', '', '| output | description |', '|---|---|')
  for (const [name, output] of Object.entries(action.outputs ?? {})) lines.push(`| \`${name}\` | ${output.description} |`)
  return lines.join('\n')
}

export function updateReadme(readme, actionYml) {
  const start = '<!-- start usage -->'
  const end = '<!-- end usage -->'
  const a = readme.indexOf(start)
  const b = readme.indexOf(end)
  if (a < 0 || b < a) throw new Error('README.md has no usage markers')
  return readme.slice(0, a + start.length) + '\n' + usageBlock(actionYml) + '\n' + readme.slice(b)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = readFileSync('README.md', 'utf8')
  const next = updateReadme(readme, readFileSync('action.yml', 'utf8'))
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md usage block is stale: run `node scripts/readme-usage.mjs`.')
      process.exit(1)
    }
  } else writeFileSync('README.md', next)
}
