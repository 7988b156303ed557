import { it } from 'vitest'
import { collectCi } from '../../src/facts/ci/index.js'
import { WorkTreeSnapshot } from '../../src/facts/worktree.js'
it('dbg', () => {
  const dir = process.env.REPO!
  const snap = new WorkTreeSnapshot(dir)
  const ci = collectCi(snap)
  const f = process.env.FILTER ?? ''
  console.log('files', ci.files.map((x) => x.system + ':' + x.path).join(' '))
  console.log('problems', JSON.stringify(ci.problems.slice(0, 10)))
  for (const j of ci.jobs) if (!f || j.file.includes(f)) console.log('JOB', j.system, j.file, j.line, j.name, JSON.stringify(j.triggers), j.disabled, j.steps.length)
  for (const r of ci.runs) if (r.where === 'ci' && (!f || r.chain[0]?.path.includes(f))) console.log('RUN', r.argv.slice(0, 6).join(' '), '|', r.triggers.pullRequest ? 'PR' : '-', r.triggers.outside ? 'OUT' : '', r.neutralised ?? '', r.opaque ?? '', '|', r.chain.map((c) => `${c.path}:${c.line}`).join(' > '))
  for (const a of ci.actions) if (!f || a.chain[0]?.path.includes(f)) console.log('ACT', a.action.name, a.triggers.pullRequest ? 'PR' : '-', a.step.opaque ?? '', JSON.stringify(a.action.with).slice(0, 100))
})
