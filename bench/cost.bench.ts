/**
 * Cost benchmark (issue 11): what a unit of src/scenarios/cost.ts costs in each op, what the budget
 * (MAX_COST_UNITS) therefore means in seconds on this machine, and how long the slowest refusal
 * takes. Goal: every refusal ≤ 50 ms (perf-reliability G-S2). The per-op figures say whether the
 * weights still match the model: a weight is right when its µs per unit is close to write's; the
 * fixed cost of a step (STEP_UNITS) is right when a one-page step of a long scenario costs about
 * what the estimate says, in write's µs per unit.
 * Run: npm run bench (or npx tsx bench/cost.bench.ts).
 */
import { performance } from 'node:perf_hooks';
import type { Op } from '../src/model';
import { createKernel, runImmerUnfrozen, step } from '../src/model';
import {
  MAX_COST_UNITS,
  MAX_SCENARIO_BYTES,
  STEP_UNITS,
  estimateCost,
  parseScenario,
  parseScenarioValue,
} from '../src/scenarios';

runImmerUnfrozen();

const BASE = 0x10000000;
const N = 2048;

const setup = (n: number): Op[] => [
  { op: 'device_add', device: 'dmirror0', type: 'private' },
  { op: 'spawn', pid: 1 },
  { op: 'mmap', pid: 1, addr: BASE, npages: n, prot: 'rw', flags: ['private', 'anonymous'] },
  { op: 'write', pid: 1, addr: BASE, npages: n, values: Array.from({ length: n }, (_, i) => i) },
];

/** Each measured op runs after the set-up (the write itself is measured on a fresh mapping). */
const measured: { name: string; prep: Op[]; op: Op }[] = [
  {
    name: 'write',
    prep: setup(N).slice(0, 3),
    op: { op: 'write', pid: 1, addr: BASE, npages: N, values: Array(N).fill(1) as number[] },
  },
  {
    name: 'dmirror_migrate_to_dev',
    prep: setup(N),
    op: { op: 'dmirror_migrate_to_dev', device: 'dmirror0', pid: 1, addr: BASE, npages: N },
  },
  { name: 'fork', prep: setup(N), op: { op: 'fork', pid: 1, child: 2 } },
  { name: 'exit', prep: setup(N), op: { op: 'exit', pid: 1 } },
  {
    name: 'mprotect',
    prep: setup(N),
    op: { op: 'mprotect', pid: 1, addr: BASE, npages: N, prot: 'r' },
  },
  {
    name: 'munmap',
    prep: setup(N),
    op: { op: 'munmap', pid: 1, addr: BASE, npages: N },
  },
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;

function timeOp(prep: Op[], op: Op, runs = 5): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    let s = createKernel({ ramPages: 65536 }, 'v4.14');
    for (const o of prep) s = step(s, o).state;
    const t0 = performance.now();
    step(s, op);
    times.push(performance.now() - t0);
  }
  return median(times);
}

const docOf = (ops: Op[]) => ({
  schema: 'hmm-scenario/1',
  title: 'cost',
  era: 'v4.14',
  steps: ops,
});

console.log(`cost units (src/scenarios/cost.ts), ${N} pages per op:`);
let perUnitWrite = NaN;
let perUnitMax = 0;
for (const m of measured) {
  const parsed = parseScenarioValue(docOf([...m.prep, m.op]));
  if (!parsed.ok) throw new Error(parsed.error);
  const all = estimateCost(parsed.scenario).units;
  const before = parseScenarioValue(docOf(m.prep));
  if (!before.ok) throw new Error(before.error);
  const units = all - estimateCost(before.scenario).units;
  const ms = timeOp(m.prep, m.op);
  const us = (ms * 1000) / units;
  if (m.name === 'write') perUnitWrite = us;
  perUnitMax = Math.max(perUnitMax, us);
  console.log(
    `  ${m.name.padEnd(24)} ${ms.toFixed(1).padStart(8)} ms  ${String(units).padStart(7)} units  ${us.toFixed(1).padStart(7)} µs/unit`,
  );
}

/**
 * The fixed cost of a step: a spawn, and the one-page steps of a long scenario (the long-task
 * benchmark's loop: migrate, fault back, write, mirror read on 64 pages), mean µs over the loop
 * (the collector's pauses included: a long run pays them), against the estimate's units.
 */
function stepCost(): { spawn: number; loop: number; loopUnits: number } {
  let s = createKernel({}, 'v4.14');
  const spawns: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    step(s, { op: 'spawn', pid: 2 + i });
    spawns.push((performance.now() - t0) * 1000);
  }
  const ops: Op[] = [...setup(64).slice(0, 3)];
  for (let i = 0; i < 4000; i++) {
    const addr = BASE + (i % 64) * 4096;
    const page = { pid: 1, addr, npages: 1 };
    const kind = Math.floor(i / 64) % 4;
    ops.push(
      kind === 0
        ? { op: 'dmirror_migrate_to_dev', device: 'dmirror0', ...page }
        : kind === 1
          ? { op: 'read', ...page }
          : kind === 2
            ? { op: 'write', ...page, values: [i % 251] }
            : { op: 'dmirror_read', device: 'dmirror0', ...page },
    );
  }
  s = createKernel({}, 'v4.14');
  for (const o of ops.slice(0, 3)) s = step(s, o).state;
  const t0 = performance.now();
  for (const o of ops.slice(3)) s = step(s, o).state;
  const loop = ((performance.now() - t0) * 1000) / (ops.length - 3);
  const parsed = parseScenarioValue(docOf(ops));
  const before = parseScenarioValue(docOf(ops.slice(0, 3)));
  if (!parsed.ok || !before.ok) throw new Error('the loop is a valid scenario');
  const loopUnits =
    (estimateCost(parsed.scenario).units - estimateCost(before.scenario).units) / (ops.length - 3);
  return { spawn: median(spawns), loop, loopUnits };
}
const fixed = stepCost();
console.log(
  `  fixed cost of a step: spawn ${fixed.spawn.toFixed(0)} µs = ${(fixed.spawn / perUnitWrite).toFixed(1)} units; ` +
    `a one-page step of a long scenario ${fixed.loop.toFixed(0)} µs = ${(fixed.loop / perUnitWrite).toFixed(1)} units ` +
    `(estimated ${fixed.loopUnits.toFixed(1)}, STEP_UNITS ${STEP_UNITS})`,
);
console.log(
  `  budget ${MAX_COST_UNITS} units ≈ ${((MAX_COST_UNITS * perUnitWrite) / 1e6).toFixed(1)} s at write's rate, ` +
    `≤ ${((MAX_COST_UNITS * perUnitMax) / 1e6).toFixed(1)} s at the slowest op's`,
);

// The slowest refusal: the largest inputs the parser must read before it can say no.
const refusals: { name: string; text: string }[] = [
  {
    name: `${MAX_SCENARIO_BYTES / 1024 / 1024} MiB + 1 byte`,
    text: `{"x":"${'a'.repeat(MAX_SCENARIO_BYTES)}"}`,
  },
  {
    name: 'over budget, 10,000 steps',
    text: JSON.stringify(
      docOf([
        ...setup(4096).slice(0, 3),
        ...Array.from({ length: 9997 }, (_, i): Op => ({
          op: 'mprotect',
          pid: 1,
          addr: BASE,
          npages: 4096,
          prot: i % 2 ? 'rw' : 'r',
        })),
      ]),
    ),
  },
  {
    name: 'over the page budget (1.7 MiB)',
    text: `{"schema":"hmm-scenario/1","title":"t","steps":[{"op":"spawn","pid":1}${`,{"op":"write","pid":1,"addr":0,"npages":65536,"value":1}`.repeat(30_000)}]}`,
  },
];
let slowest = 0;
for (const r of refusals) {
  const times: number[] = [];
  let error = '';
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const p = parseScenario(r.text);
    times.push(performance.now() - t0);
    error = p.ok ? 'ACCEPTED' : p.error;
  }
  const ms = median(times);
  slowest = Math.max(slowest, ms);
  console.log(
    `  refusal: ${r.name.padEnd(32)} ${ms.toFixed(1).padStart(7)} ms  ${error.slice(0, 90)}`,
  );
}
const ok = slowest <= 50;
console.log(`  slowest refusal ${slowest.toFixed(1)} ms (goal ≤ 50 ms) ${ok ? 'ok' : 'MISSED'}`);
process.exitCode = ok ? 0 : 1;
