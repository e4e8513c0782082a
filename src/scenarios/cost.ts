/**
 * What a scenario asks of the model, estimated on the parsed scenario before any step runs, so that
 * work that cannot finish in reasonable time is refused with one line that says what to shrink,
 * never attempted (issue 11: a 983,040-page migration ran the CLI out of memory after minutes;
 * mprotect, fork and exit over populated pages were not counted at all).
 *
 * The unit is one page through the CPU fault path (a `write` of one page). The other weights are
 * the measured cost of a page in that op relative to it (`npm run bench` → "cost units", measured
 * by bench/cost.bench.ts): a migration locks, unmaps, copies and remaps each page; fork copies
 * each PTE and takes a reference; the VMA ops walk only the PTEs of the range. Every step also
 * costs STEP_UNITS whatever it does (issue 12): without it, 100,000 one-page steps would count as
 * little as one 100,000-page write, and only a step-count cap stopped them.
 */
import { thousands, type OpName } from '../model';
import { stepNumber } from './describe';
import { MAX_NPAGES } from './limits';

/**
 * The fixed cost of a step, in units: one immer produce, its kernel events and the invariant
 * checks, whatever the op. Measured on the 2-core reference machine (bench/cost.bench.ts prints
 * "fixed cost of a step"): a spawn or a one-page write costs what 3–5 pages of a bulk write cost.
 */
export const STEP_UNITS = 4;

/**
 * At most this many units: 100,000 one-page steps (the step cap, src/scenarios/limits.ts) with a
 * quarter of them migrations are ~600,000 units, so a long scenario of ordinary steps fits with
 * room to spare, while 16 writes of 65,536 pages do not. On the reference machine a unit costs
 * ~35–50 µs of model time when it is quiet (bench/cost.bench.ts), so the budget is 40–50 s of
 * model time: what the CLI streams and the app's trace worker loads in the background with
 * progress and a Cancel. It was 81,920 (one 65,536-page write and a quarter more) while steps
 * cost nothing and a 10,000-step cap kept their number small.
 */
export const MAX_COST_UNITS = 1_048_576;

/** How an op's work grows. */
type Growth =
  /** With its own npages. */
  | { readonly by: 'npages'; readonly w: number }
  /** With the pages its process has mapped (fork copies, exit zaps them all). */
  | { readonly by: 'held'; readonly w: number }
  /** With the pages of its range that can be populated: min(npages, pages mapped). */
  | { readonly by: 'range'; readonly w: number }
  /** With every page any process maps (a device's teardown walks every mirror). */
  | { readonly by: 'all'; readonly w: number }
  | { readonly by: 'fixed'; readonly w: number };

/** One entry per op: adding an op to the op table makes the compiler ask for its weight here. */
const GROWTH: Record<OpName, Growth> = {
  spawn: { by: 'fixed', w: 1 },
  mmap: { by: 'fixed', w: 1 },
  munmap: { by: 'range', w: 1.75 },
  mprotect: { by: 'range', w: 0.5 },
  madvise: { by: 'range', w: 1.75 },
  fork: { by: 'held', w: 1.5 },
  exit: { by: 'held', w: 1.5 },
  read: { by: 'npages', w: 1 },
  write: { by: 'npages', w: 1 },
  gup: { by: 'npages', w: 1 },
  unpin: { by: 'range', w: 0.25 },
  device_add: { by: 'fixed', w: 16 },
  device_remove: { by: 'all', w: 1 },
  dmirror_read: { by: 'npages', w: 1 },
  dmirror_write: { by: 'npages', w: 1 },
  dmirror_migrate_to_dev: { by: 'npages', w: 5 },
  dmirror_migrate_to_sys: { by: 'npages', w: 5 },
  dmirror_snapshot: { by: 'npages', w: 1 },
  inject: { by: 'fixed', w: 1 },
  memory_failure: { by: 'npages', w: 1 },
  dmirror_exclusive: { by: 'npages', w: 2 },
  dmirror_check_exclusive: { by: 'npages', w: 1 },
  dmirror_release: { by: 'all', w: 1 },
  // Arming a pause costs nothing; finishing or failing it does the rest of the migration, whose
  // pages its own migrate step already counted.
  migrate_pause: { by: 'fixed', w: 1 },
  migrate_resume: { by: 'fixed', w: 1 },
  migrate_fail: { by: 'fixed', w: 1 },
};

export interface CostEstimate {
  /** Units of work in all. */
  readonly units: number;
  /** The most expensive step (its index in `steps`) and its units; null for an empty scenario. */
  readonly worst: { readonly index: number; readonly op: OpName; readonly units: number } | null;
}

/**
 * An own, positive, bounded number field of a raw step; anything else counts as nothing (an npages
 * over the schema's MAX_NPAGES is left to its clearer message).
 */
const num = (o: unknown, key: string): number => {
  if (typeof o !== 'object' || o === null || !Object.hasOwn(o, key)) return 0;
  const v = (o as Record<string, unknown>)[key];
  return typeof v === 'number' && v > 0 && v <= MAX_NPAGES ? v : 0;
};
const opOf = (o: unknown): OpName | null => {
  if (typeof o !== 'object' || o === null || !Object.hasOwn(o, 'op')) return null;
  const op = (o as Record<string, unknown>).op;
  return typeof op === 'string' && Object.hasOwn(GROWTH, op) ? (op as OpName) : null;
};

/**
 * Upper bound of the work: pages mapped per process are tracked from mmap/munmap/fork/exit. Reads
 * the document before the schema does (own fields only, unknown ops count one unit), so that a
 * refusal never waits for the schema to check 100,000 steps. A step's units are STEP_UNITS and at
 * least one unit of its own work.
 */
export function estimateCost(doc: { readonly steps: readonly unknown[] }): CostEstimate {
  const held = new Map<number, number>();
  let all = 0;
  let units = 0;
  let worst: CostEstimate['worst'] = null;
  doc.steps.forEach((step, index) => {
    const op = opOf(step);
    const g: Growth = op ? GROWTH[op] : { by: 'fixed', w: 1 };
    const pid = num(step, 'pid');
    const mine = held.get(pid) ?? 0;
    const n = num(step, 'npages');
    const base =
      g.by === 'npages'
        ? n
        : g.by === 'held'
          ? mine
          : g.by === 'range'
            ? Math.min(n, mine)
            : g.by === 'all'
              ? all
              : 1;
    const cost = STEP_UNITS + Math.max(1, base * g.w);
    units += cost;
    if (op && (!worst || cost > worst.units)) worst = { index, op, units: cost };
    // What the op leaves mapped (an upper bound: a failed mmap or a partial munmap still counts).
    const set = (p: number, pages: number) => {
      all += pages - (held.get(p) ?? 0);
      held.set(p, pages);
    };
    if (op === 'mmap') set(pid, mine + n);
    else if (op === 'munmap') set(pid, Math.max(0, mine - n));
    else if (op === 'fork') set(num(step, 'child'), mine);
    else if (op === 'exit') set(pid, 0);
  });
  return { units: Math.round(units), worst };
}

/** The one-line refusal, or null when the document fits the budget (or has no steps array). */
export function checkCost(doc: unknown): string | null {
  if (typeof doc !== 'object' || doc === null || !Object.hasOwn(doc, 'steps')) return null;
  const steps = (doc as { steps: unknown }).steps;
  if (!Array.isArray(steps)) return null;
  const { units, worst } = estimateCost({ steps });
  if (units <= MAX_COST_UNITS) return null;
  const big = worst
    ? `; the largest is step ${stepNumber(worst.index)} (${worst.op}, steps[${worst.index}]) ` +
      `with ${thousands(worst.units)}`
    : '';
  return (
    `scenario asks for about ${thousands(units)} units of work, more than ` +
    `${thousands(MAX_COST_UNITS)} (a unit is one page through the fault path)${big}: ` +
    `use fewer pages (npages) or fewer steps`
  );
}
