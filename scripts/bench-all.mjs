/**
 * npm run bench: every bench runs and prints its figures beside its goals, even when an earlier one
 * misses a goal (a missed goal must not hide the others); exits 1 if any bench did.
 */
import { spawnSync } from 'node:child_process';

const benches = [
  ['node', ['--expose-gc', '--import', 'tsx', 'bench/model.bench.ts']],
  // A 100,000-step checkpointed trace: its heap, and a seek's replay (issue 12, Traces).
  ['node', ['--expose-gc', '--import', 'tsx', 'bench/trace.bench.ts']],
  // What a unit of the work budget (src/scenarios/cost.ts) costs per op, and the slowest refusal.
  ['npx', ['tsx', 'bench/cost.bench.ts']],
  // A heavy document's run: its time, what it allocates and what reaches the old generation.
  ['node', ['--import', 'tsx', 'bench/boot.bench.ts']],
  ['npx', ['tsx', 'scripts/link-lengths.ts']],
  ['node', ['scripts/ensure-chromium.mjs']],
  ['npx', ['tsx', 'bench/render.bench.ts', ...process.argv.slice(2)]],
  // The memory map reuses the build render.bench.ts just made.
  ['npx', ['tsx', 'bench/map.bench.ts', '--no-build']],
  // The largest scenario the app opens without a main-thread task over 200 ms (Chromium longtask).
  ['npx', ['tsx', 'bench/open.bench.ts', '--no-build']],
  // No main-thread task over 50 ms while loading, scrubbing, playing and typing (issue 12).
  ['npx', ['tsx', 'bench/longtask.bench.ts', '--no-build']],
];
let failed = 0;
for (const [cmd, args] of benches) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
}
if (failed > 0) console.log(`bench: ${failed} of ${benches.length} missed a goal or failed`);
process.exitCode = failed > 0 ? 1 : 0;
