// Bundles the action and the CLI into dist/ (committed), or the benchmark into .bench/.
// Deterministic: same sources and lockfile give byte-identical output (CI diffs dist/).
import { build } from 'esbuild'

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  // ESM bundles of CommonJS deps need a real require().
  banner: { js: "import { createRequire as __shipshapeRequire } from 'node:module';\nconst require = __shipshapeRequire(import.meta.url);" }
}

const args = new Set(process.argv.slice(2))
if (args.has('--bench')) {
  await build({ ...common, entryPoints: { bench: 'bench/bench.ts', 'base-worker': 'src/facts/base-worker.ts' }, outdir: '.bench' })
} else {
  await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: 'dist' })
  await build({ ...common, entryPoints: { cli: 'src/cli-entry.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } })
  // The PR base's git work runs on a worker thread started from this file (src/facts/base-commit.ts).
  await build({ ...common, entryPoints: { 'base-worker': 'src/facts/base-worker.ts' }, outdir: 'dist' })
}
