// Developer tool (not part of the build or tests): scans local clones of the corpus repositories
// and compares each scan with its hand labels in corpus/.
//   npm run corpus -- DIR... [--json FILE] [--labels DIR]
// A DIR that is not itself a clone is searched one level down for clones. A clone is matched to
// its label file by HEAD commit, or else by folder name owner+name. It never fetches anything.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(fileURLToPath(import.meta.url), '../..')
const TO_LABEL = { pass: 'yes', partial: 'partial', fail: 'no', 'not-applicable': 'no' }

function parseArgs(argv) {
  const dirs = []
  let json = null
  let labels = join(ROOT, 'corpus')
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') json = argv[++i]
    else if (argv[i] === '--labels') labels = argv[++i]
    else dirs.push(argv[i])
  }
  if (dirs.length === 0) {
    console.error('usage: npm run corpus -- DIR... [--json FILE] [--labels DIR]')
    process.exit(2)
  }
  return { dirs, json, labels }
}

function loadLabels(dir) {
  const byCommit = new Map()
  const byName = new Map()
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const l = JSON.parse(readFileSync(join(dir, f), 'utf8'))
    l.file = f
    byCommit.set(l.commit, l)
    byName.set(l.repo.replace('/', '+').toLowerCase(), l)
  }
  return { byCommit, byName }
}

const isClone = (d) => existsSync(join(d, '.git'))
function clones(dirs) {
  const out = []
  for (const d of dirs.map((x) => resolve(x))) {
    if (isClone(d)) out.push(d)
    else for (const n of readdirSync(d).sort()) if (statSync(join(d, n)).isDirectory() && isClone(join(d, n))) out.push(join(d, n))
  }
  return out
}

/** A clone's folder named `owner+name` says which repository it is, as the action's context would (`--repo`). */
function repoArgs(dir) {
  const m = /^([\w.-]+)\+([\w.-]+)$/.exec(basename(dir))
  return m ? ['--repo', `${m[1]}/${m[2]}`] : []
}

function scan(dir) {
  try {
    return JSON.parse(execFileSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'scan', dir, '--format', 'json', '--min-score', '0', ...repoArgs(dir)], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, GITHUB_TOKEN: '' } }))
  } catch (e) {
    if (e.stdout) return JSON.parse(e.stdout)
    throw e
  }
}

const pct = (a, n) => (n === 0 ? '—' : `${((100 * a) / n).toFixed(1)} %`)
function tally() {
  return { agree: 0, total: 0, falsePass: 0, unknown: 0 }
}
function add(t, r) {
  t.total++
  if (r.ok) t.agree++
  if (r.falsePass) t.falsePass++
  if (r.got === 'unknown') t.unknown++
}
function table(title, rows) {
  console.log(`\n| ${title} | agree | total | agreement | false pass | unknown |\n|---|---:|---:|---:|---:|---:|`)
  for (const [k, t] of rows) console.log(`| ${k} | ${t.agree} | ${t.total} | ${pct(t.agree, t.total)} | ${t.falsePass} | ${t.unknown} |`)
}

const { dirs, json, labels: labelDir } = parseArgs(process.argv.slice(2))
const labels = loadLabels(labelDir)
const results = []
const byPractice = new Map()
const byStack = new Map()
const overall = tally()
const notChecked = new Set()
for (const dir of clones(dirs)) {
  const head = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim()
  const l = labels.byCommit.get(head) ?? labels.byName.get(basename(dir).toLowerCase())
  if (!l) {
    console.log(`skip ${basename(dir)}: no label file for commit ${head.slice(0, 12)}`)
    continue
  }
  if (l.commit !== head) console.log(`warn ${l.repo}: clone is at ${head.slice(0, 12)}, labels are for ${l.commit.slice(0, 12)}`)
  const report = scan(dir)
  console.log(`\n## ${l.repo} (${l.stack}) score ${report.score} (${report.grade})`)
  for (const [id, p] of Object.entries(l.practices)) {
    const c = report.checks.find((x) => x.id === id)
    if (!c) {
      // A practice this version does not check yet: listed, never counted.
      notChecked.add(id)
      continue
    }
    const status = c.status
    const got = TO_LABEL[status] ?? status
    const ok = (p.accept ?? [p.label]).includes(got)
    const r = { repo: l.repo, stack: l.stack, id, label: p.label, status, got, ok, falsePass: status === 'pass' && p.label === 'no' && !ok }
    results.push(r)
    add(overall, r)
    for (const [m, k] of [[byPractice, id], [byStack, l.stack]]) {
      if (!m.has(k)) m.set(k, tally())
      add(m.get(k), r)
    }
    if (!ok) console.log(`${r.falsePass ? 'FALSE PASS' : 'DIFF'} ${id.padEnd(21)} label=${p.label.padEnd(8)} got=${status.padEnd(15)} ${c.summary}`)
  }
}
table('practice', [...byPractice].sort())
table('stack', [...byStack].sort())
if (notChecked.size) console.log(`\nnot checked by this version (labels kept, not counted): ${[...notChecked].sort().join(', ')}`)
console.log(`\noverall: ${overall.agree}/${overall.total} (${pct(overall.agree, overall.total)}), false passes: ${overall.falsePass}, unknown: ${overall.unknown}`)
if (json) writeFileSync(json, JSON.stringify({ overall, byPractice: Object.fromEntries(byPractice), byStack: Object.fromEntries(byStack), results }, null, 2) + '\n')
