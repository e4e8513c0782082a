/**
 * Model benchmark (issue: "a step costs what it changes"). Prints the median model step on a small
 * machine (4,096 RAM pages, one device = 65,536 device pages) and a large one (262,144 RAM pages,
 * four devices = 262,144 device pages), their ratio, and the heap a 10,000-step trace keeps.
 * Goals: ratio ≤ 1.5, step ≤ 1 ms, trace ≤ 150 MB; issue 12: a step ≤ 0.3 ms and flat (≤ 1.5×) in
 * the pages one process holds, a 65,536-page write ≤ 150 ms; issue 14: the v6.12 era meets the
 * step goals too (≤ 1 ms, large/small ≤ 1.5), also on coherent device memory with device-exclusive
 * entries. Run: npm run bench (exits 1 if a goal
 * is missed; `--held 1048576` adds the goal's largest point).
 */
import { performance } from 'node:perf_hooks';
import type { Era, KernelState, Op } from '../src/model';
import { createKernel, runImmerUnfrozen, runScenario, step } from '../src/model';
// Every era's image (the app loads v6.12 as a chunk of its own).
import '../src/model/vmlinux_v612';

runImmerUnfrozen();

const BASE = 0x10000000;
const PAGES = 64;

type Kind = 'private' | 'coherent';

function setupOps(devices: number, mapped = PAGES, kind: Kind = 'private'): Op[] {
  const ops: Op[] = [];
  for (let d = 0; d < devices; d++)
    ops.push({ op: 'device_add', device: `dmirror${d}`, type: kind });
  ops.push({ op: 'spawn', pid: 1 });
  ops.push({
    op: 'mmap',
    pid: 1,
    addr: BASE,
    npages: mapped,
    prot: 'rw',
    flags: ['private', 'anonymous'],
  });
  ops.push({
    op: 'write',
    pid: 1,
    addr: BASE,
    npages: mapped,
    values: Array.from({ length: mapped }, (_, i) => i),
  });
  return ops;
}

/** A loop of small steps: migrate one page to a device, read it (fault back), write it, snapshot. */
function workload(i: number, devices: number): Op {
  const page = i % PAGES;
  const addr = BASE + page * 4096;
  const device = `dmirror${i % devices}`;
  switch (Math.floor(i / PAGES) % 4) {
    case 0:
      return { op: 'dmirror_migrate_to_dev', device, pid: 1, addr, npages: 1 };
    case 1:
      return { op: 'read', pid: 1, addr, npages: 1 };
    case 2:
      return { op: 'write', pid: 1, addr, npages: 1, values: [i] };
    default:
      return { op: 'dmirror_read', device, pid: 1, addr, npages: 1 };
  }
}

/**
 * The v6.12 features' loop (issue 14): pages move into DEVICE_COHERENT memory, the CPU reads them
 * in place, a device takes them exclusive (make_device_exclusive_range), the CPU's write restores
 * the PTE (remove_device_exclusive_entry), and they migrate back (SELECT_DEVICE_COHERENT).
 */
function workloadCoherent(i: number, devices: number): Op {
  const page = i % PAGES;
  const addr = BASE + page * 4096;
  const device = `dmirror${i % devices}`;
  switch (Math.floor(i / PAGES) % 5) {
    case 0:
      return { op: 'dmirror_migrate_to_dev', device, pid: 1, addr, npages: 1 };
    case 1:
      return { op: 'read', pid: 1, addr, npages: 1 };
    case 2:
      return { op: 'dmirror_exclusive', device, pid: 1, addr, npages: 1 };
    case 3:
      return { op: 'write', pid: 1, addr, npages: 1, values: [i] };
    default:
      return { op: 'dmirror_migrate_to_sys', device, pid: 1, addr, npages: 1 };
  }
}

function medianStepMs(
  ramPages: number,
  devices: number,
  steps: number,
  mapped = PAGES,
  era: Era = 'v4.14',
  kind: Kind = 'private',
): number {
  let state: KernelState = createKernel({ ramPages }, era);
  const next = kind === 'coherent' ? workloadCoherent : workload;
  for (const op of setupOps(devices, mapped, kind)) state = step(state, op).state;
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const op = next(i, devices);
    const t0 = performance.now();
    state = step(state, op).state;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

function traceHeapMb(steps: number): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  // Twice: the held points' large states may need more than one full collection to go.
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const ops = [...setupOps(1), ...Array.from({ length: steps }, (_, i) => workload(i, 1))];
  const frames = runScenario({ era: 'v4.14', machine: { ramPages: 4096 }, steps: ops });
  gc();
  const after = process.memoryUsage().heapUsed;
  if (frames.length !== ops.length + 1) throw new Error('trace incomplete');
  return (after - before) / 2 ** 20;
}

// Warm up the JIT on the small machine first, then measure both.
medianStepMs(4096, 1, 2000);
const small = medianStepMs(4096, 1, 4000);
const large = medianStepMs(262144, 4, 4000);
// The same small steps while the process holds 65,536 resident pages: cost must not follow size.
const full = medianStepMs(262144, 4, 4000, 65536);
const ratio = large / small;
// The v6.12 era (issue 14): the same steps through its core variants and driver ops, same goals.
medianStepMs(4096, 1, 2000, PAGES, 'v6.12');
const small612 = medianStepMs(4096, 1, 4000, PAGES, 'v6.12');
const large612 = medianStepMs(262144, 4, 4000, PAGES, 'v6.12');
const ratio612 = large612 / small612;
// v6.12's own features: coherent device memory and device-exclusive entries. The coherent devices
// of test_hmm.c are at most two (spm_addr_dev0/1): one on the small machine, two on the large.
medianStepMs(4096, 1, 2000, PAGES, 'v6.12', 'coherent');
const smallCoh = medianStepMs(4096, 1, 4000, PAGES, 'v6.12', 'coherent');
const largeCoh = medianStepMs(262144, 2, 4000, PAGES, 'v6.12', 'coherent');
const ratioCoh = largeCoh / smallCoh;
// Pages held by one process (issue 12): the same small steps must not follow them. --held N adds
// a bigger point (1,048,576 is the goal's; its setup alone is one bulk write of N pages).
const heldArg = process.argv.indexOf('--held');
const heldMax = heldArg > 0 ? Number(process.argv[heldArg + 1]) : 65_536;
const held = [64, 4096, 65_536, heldMax].filter((n, i, a) => a.indexOf(n) === i);
const heldMs = heldMedians(held);

/**
 * The held points, interleaved: each size's process is set up once (its last setup op is the bulk
 * write of all its pages), then HELD_ROUNDS rounds of HELD_STEPS steps run on each size in turn,
 * so a change in the machine's load falls on every size alike (one pass per size in a row gave
 * ratios from 0.60 to 1.73 on a loaded machine); each median is over all of its size's steps.
 */
function heldMedians(sizes: number[]): { n: number; ms: number }[] {
  const HELD_ROUNDS = 8;
  const HELD_STEPS = 500;
  const runs = sizes.map((n) => {
    let state: KernelState = createKernel({ ramPages: Math.max(262_144, n * 2) }, 'v4.14');
    for (const op of setupOps(1, n)) state = step(state, op).state;
    return { n, state, next: 0, times: [] as number[] };
  });
  for (let r = 0; r < HELD_ROUNDS; r++) {
    for (const run of runs) {
      for (let i = 0; i < HELD_STEPS; i++) {
        const op = workload(run.next++, 1);
        const t0 = performance.now();
        run.state = step(run.state, op).state;
        run.times.push(performance.now() - t0);
      }
    }
  }
  // Let the processes go before the heap figure is taken.
  const out = runs.map(({ n, times }) => {
    times.sort((a, b) => a - b);
    return { n, ms: times[Math.floor(times.length / 2)] ?? NaN };
  });
  runs.length = 0;
  return out;
}
const held64 = heldMs[0]?.ms ?? NaN;
const heldTop = heldMs[heldMs.length - 1] ?? { n: 0, ms: NaN };
const heldRatio = heldTop.ms / held64;
/**
 * The bulk write, as its own figure: the median of BULK_RUNS writes of 65,536 pages, each on a
 * fresh machine (one write, as the held points' setup gives, ranged 126–268 ms in one process:
 * where the collector's old-space marking falls decides a single sample).
 */
function bulkWriteMs(runs: number, n: number): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    let state: KernelState = createKernel({ ramPages: 262_144 }, 'v4.14');
    const ops = setupOps(1, n);
    const write = ops.pop();
    if (write?.op !== 'write') throw new Error('setupOps ends with the bulk write');
    for (const op of ops) state = step(state, op).state;
    const t0 = performance.now();
    step(state, write);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}
const BULK_RUNS = 7;
const bulk65k = bulkWriteMs(BULK_RUNS, 65_536);
const heap = traceHeapMb(10_000);

const rows: [string, string][] = [
  ['median step, 4,096 RAM + 65,536 device pages', `${(small * 1000).toFixed(1)} µs`],
  ['median step, 262,144 RAM + 262,144 device pages', `${(large * 1000).toFixed(1)} µs`],
  ['median step, same, process with 65,536 pages mapped', `${(full * 1000).toFixed(1)} µs`],
  ['ratio large / small (goal ≤ 1.5)', ratio.toFixed(2)],
  [
    'v6.12: median step, 4,096 RAM + 65,536 device pages (goal ≤ 1 ms)',
    `${(small612 * 1000).toFixed(1)} µs`,
  ],
  [
    'v6.12: median step, 262,144 RAM + 262,144 device pages (goal ≤ 1 ms)',
    `${(large612 * 1000).toFixed(1)} µs`,
  ],
  ['v6.12: ratio large / small (goal ≤ 1.5)', ratio612.toFixed(2)],
  [
    'v6.12 coherent + exclusive: median step, 4,096 RAM, 1 device (goal ≤ 1 ms)',
    `${(smallCoh * 1000).toFixed(1)} µs`,
  ],
  [
    'v6.12 coherent + exclusive: median step, 262,144 RAM, 2 devices (goal ≤ 1 ms)',
    `${(largeCoh * 1000).toFixed(1)} µs`,
  ],
  ['v6.12 coherent + exclusive: ratio large / small (goal ≤ 1.5)', ratioCoh.toFixed(2)],
  ...heldMs.map(({ n, ms }): [string, string] => [
    `median step, one process holding ${n.toLocaleString('en')} pages${n === 64 ? ' (goal ≤ 0.3 ms)' : ''}`,
    `${(ms * 1000).toFixed(1)} µs`,
  ]),
  [
    `ratio ${heldTop.n.toLocaleString('en')} / 64 pages held (goal ≤ 1.5 up to 1,048,576)`,
    heldRatio.toFixed(2),
  ],
  [
    `bulk write of 65,536 pages, one step, median of ${BULK_RUNS} (goal ≤ 150 ms)`,
    `${bulk65k.toFixed(0)} ms`,
  ],
  ['heap of a 10,000-step trace (goal ≤ 150 MB)', `${heap.toFixed(1)} MB`],
];
for (const [k, v] of rows) console.log(`${k.padEnd(78)} ${v}`);
const ok =
  ratio <= 1.5 &&
  ratio612 <= 1.5 &&
  ratioCoh <= 1.5 &&
  Math.max(small, large, full, small612, large612, smallCoh, largeCoh) <= 1 &&
  heap <= 150 &&
  held64 <= 0.3 &&
  heldRatio <= 1.5 &&
  bulk65k <= 150;
console.log(ok ? 'model bench: all goals met' : 'model bench: a goal was missed');
process.exitCode = ok ? 0 : 1;
