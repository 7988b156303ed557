// Developer tool (not part of the build or tests): compares a scan with hand labels.
//   node scripts/calibrate.mjs LABELS.json REPO_DIR [REPO_DIR2 LABELS2 ...]
// Labels: { practices: { <check-id>: { label: yes|partial|no, accept?: [...] } } }.
// pass = yes, partial = partial, fail / not-applicable = no; unknown never agrees.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const args = process.argv.slice(2)
if (args.length < 2 || args.length % 2) {
  console.error('usage: node scripts/calibrate.mjs LABELS.json REPO_DIR [LABELS.json REPO_DIR ...]')
  process.exit(2)
}
const toLabel = { pass: 'yes', partial: 'partial', fail: 'no', 'not-applicable': 'no' }
let agree = 0
let total = 0
for (let i = 0; i < args.length; i += 2) {
  const labels = JSON.parse(readFileSync(args[i], 'utf8'))
  let out
  try {
    out = execFileSync(process.execPath, ['dist/cli.js', 'scan', args[i + 1], '--format', 'json', '--min-score', '0'], { encoding: 'utf8', maxBuffer: 1 << 28 })
  } catch (e) {
    out = e.stdout
  }
  const report = JSON.parse(out)
  console.log(`\n## ${labels.repo ?? args[i + 1]}  score ${report.score} (${report.grade})`)
  for (const [id, l] of Object.entries(labels.practices)) {
    const c = report.checks.find((x) => x.id === id)
    const got = c ? (toLabel[c.status] ?? c.status) : 'missing'
    const ok = (l.accept ?? [l.label]).includes(got)
    total++
    if (ok) agree++
    console.log(`${ok ? 'ok  ' : 'DIFF'} ${id.padEnd(20)} label=${l.label.padEnd(8)} got=${(c?.status ?? 'missing').padEnd(15)} ${ok ? '' : (c?.summary ?? '')}`)
  }
}
console.log(`\nagreement: ${agree}/${total}`)
