/**
 * Trace bench (issue 12, "Traces"): the heap a 100,000-step checkpointed trace keeps on the default
 * machine (goal ≤ 100 MB; the full trace of every state and event was ~575 MB), and what a seek to
 * any step costs before it can be painted: the replay from the nearest checkpoint plus re-running
 * the step for its events (goal ≤ 16 ms, the whole painted-frame budget; the paint itself is
 * measured in Chromium by bench/render.bench.ts). Stepping forward costs one step (cache).
 * Run: node --expose-gc --import tsx bench/trace.bench.ts [--steps N]  (npm run bench runs it).
 */
import { performance } from 'node:perf_hooks';
import type { Op } from '../src/model';
import { CHECKPOINT_EVERY, checkpointScenario, runImmerUnfrozen } from '../src/model';
import '../src/model/vmlinux_v612';

runImmerUnfrozen();

const BASE = 0x10000000;
const PAGES = 64;
const arg = process.argv.indexOf('--steps');
const STEPS = arg > 0 ? Number(process.argv[arg + 1]) : 100_000;

/** A long scenario of small steps: migrate a page to a device, fault it back, write it, read it. */
function ops(steps: number): Op[] {
  const out: Op[] = [
    { op: 'device_add', device: 'dmirror0', type: 'private' },
    { op: 'spawn', pid: 1 },
    { op: 'mmap', pid: 1, addr: BASE, npages: PAGES, prot: 'rw', flags: ['private', 'anonymous'] },
    { op: 'write', pid: 1, addr: BASE, npages: PAGES, values: [1] },
  ];
  for (let i = out.length; i < steps; i++) {
    const addr = BASE + (i % PAGES) * 4096;
    switch (Math.floor(i / PAGES) % 4) {
      case 0:
        out.push({ op: 'dmirror_migrate_to_dev', device: 'dmirror0', pid: 1, addr, npages: 1 });
        break;
      case 1:
        out.push({ op: 'read', pid: 1, addr, npages: 1 });
        break;
      case 2:
        out.push({ op: 'write', pid: 1, addr, npages: 1, values: [i] });
        break;
      default:
        out.push({ op: 'dmirror_read', device: 'dmirror0', pid: 1, addr, npages: 1 });
    }
  }
  return out;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const steps = ops(STEPS);
gc();
const before = process.memoryUsage().heapUsed;
const t0 = performance.now();
const trace = checkpointScenario({ era: 'v4.14', steps });
const buildS = (performance.now() - t0) / 1000;
gc();
const heapMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
if (trace.length !== STEPS + 1) throw new Error('trace incomplete');

// Seeks to steps spread over the trace, in an order that never reuses the cache (a drag, a jump).
const seeks: number[] = [];
let x = 12345;
for (let k = 0; k < 400; k++) {
  x = (x * 1103515245 + 12345) % 2 ** 31;
  seeks.push(1 + (x % (trace.length - 1)));
}
const seekMs: number[] = [];
for (const i of seeks) {
  const s = performance.now();
  // What the store derives on a seek: the frame on screen and the one before it (the map's diff).
  const f = trace.frame(i);
  const p = trace.frame(i - 1);
  seekMs.push(performance.now() - s);
  if (!f || !p) throw new Error(`no frame ${i}`);
}
// A step forward from a frame on screen: one step (the state before is cached).
const fwdMs: number[] = [];
let at = Math.floor(trace.length / 2);
trace.frame(at);
for (let k = 0; k < 200; k++) {
  const s = performance.now();
  trace.frame(at + 1);
  trace.frame(at);
  fwdMs.push(performance.now() - s);
  at += 1;
}
const q = (a: number[], p: number) =>
  [...a].sort((u, v) => u - v)[Math.floor(p * (a.length - 1))] ?? NaN;

const rows: [string, string][] = [
  [
    `heap of a ${STEPS.toLocaleString('en')}-step checkpointed trace, default machine (goal ≤ 100 MB)`,
    `${heapMb.toFixed(1)} MB`,
  ],
  [`  checkpoints kept (every ≤ ${CHECKPOINT_EVERY} steps)`, `${trace.checkpoints.length}`],
  ['  time to compute it (context: the worker does this)', `${buildS.toFixed(1)} s`],
  [
    'seek to any step → frame + previous frame ready, median (goal ≤ 16 ms)',
    `${q(seekMs, 0.5).toFixed(2)} ms`,
  ],
  [
    'seek to any step → frame + previous frame ready, p95 / max',
    `${q(seekMs, 0.95).toFixed(2)} / ${q(seekMs, 1).toFixed(2)} ms`,
  ],
  ['step forward from the frame on screen, median', `${q(fwdMs, 0.5).toFixed(2)} ms`],
];
for (const [k, v] of rows) console.log(`${k.padEnd(84)} ${v}`);
const ok = heapMb <= 100 && q(seekMs, 0.5) <= 16;
console.log(ok ? 'trace bench: all goals met' : 'trace bench: a goal was missed');
process.exitCode = ok ? 0 : 1;
