/**
 * What a step did that a timeline marks: a fault, a migration, a freed page, a signal, a broken
 * invariant. Read from the step's kernel events when it runs, so a trace that drops the events
 * (checkpoint.ts) still knows where its interesting steps are.
 */
import type { StepResult, Violation } from './ops';
import type { KernelEvents } from './kernel_events';
import { firstCalls } from './kernel_events';

/** The kinds, in drawing order (top to bottom). */
export const STEP_MARKS = ['fault', 'migration', 'page_free', 'signal', 'violation'] as const;
export type StepMark = (typeof STEP_MARKS)[number];

const FAULT_FNS = new Set(['handle_mm_fault', 'do_swap_page', 'hmm_vma_fault']);
const MIGRATION_FNS = new Set(['migrate_vma']);
const FREE_FNS = new Set(['page_free', 'hmm_devmem_free']);

/** One shared array per combination of kinds: a long trace holds 32 arrays, not one per step. */
const BY_BITS = new Map<number, readonly StepMark[]>();

function marksOfBits(bits: number): readonly StepMark[] {
  let m = BY_BITS.get(bits);
  if (!m) {
    m = Object.freeze(STEP_MARKS.filter((_, i) => (bits & (1 << i)) !== 0));
    BY_BITS.set(bits, m);
  }
  return m;
}

const bit = (k: StepMark): number => 1 << STEP_MARKS.indexOf(k);

/** The marks of one step, in STEP_MARKS order (shared, frozen arrays). */
export function stepMarks(
  events: KernelEvents,
  result: StepResult | null,
  violations: readonly Violation[],
): readonly StepMark[] {
  let bits = 0;
  // Which functions ran is all that decides: each call once (a packed step's table of calls).
  for (const e of firstCalls(events)) {
    if (FAULT_FNS.has(e.fn)) bits |= bit('fault');
    else if (MIGRATION_FNS.has(e.fn)) bits |= bit('migration');
    else if (FREE_FNS.has(e.fn)) bits |= bit('page_free');
  }
  if (result && (result.signal !== undefined || result.oom === true || result.livelock === true))
    bits |= bit('signal');
  if (violations.length > 0) bits |= bit('violation');
  return marksOfBits(bits);
}
