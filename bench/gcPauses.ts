import type { Browser, Page } from '@playwright/test';
import { mainThreadOf, type TraceEvent, traceEventsOf } from './traceSummary';

/**
 * The garbage collector's pauses on the page's main thread, from a Chromium trace, on the page's
 * own clock (performance.now()), so that a bench can say which of its late frames held one and
 * what the pause spent its time on. A late frame the app's code did not cause (V8 stopping the
 * thread to collect) needs another fix than one it did: what the page keeps and how much memory
 * it grew, not the work of a step.
 */
export type GcKind =
  /** A mark-compact of V8's memory reducer: it compacts hard and gives memory back to the OS. */
  | 'memory-reducing'
  | 'major'
  | 'minor'
  /** The atomic start of incremental marking (roots, the embedder's prologue). */
  | 'marking-start';

export interface GcPause {
  readonly kind: GcKind;
  /** Start on the page's clock (ms). */
  readonly at: number;
  readonly ms: number;
  /** V8's own account of a collection (its --trace-gc-nvp line), where the trace has it. */
  readonly phases?: GcPhases;
}

/** Where a collection's pause went (ms), and the heap's committed memory around it (bytes). */
export interface GcPhases {
  readonly mark: number;
  readonly evacuate: number;
  /** Blink's part (cppgc, the DOM's heap): its marking's end, its sweep and compaction. */
  readonly embedder: number;
  /** The rest: mostly returning memory to the OS after a memory-reducing collection. */
  readonly other: number;
  readonly committedBefore: number;
  readonly committedAfter: number;
}

/** Only the GC's own category and the page's marks: little cost beside the frames it measures. */
export const GC_CATEGORIES = ['disabled-by-default-v8.gc', 'blink.user_timing'];
/** A performance.mark the page sets once: its trace time and its startTime give the clocks' offset. */
export const GC_ORIGIN_MARK = 'hmm-bench-gc-origin';

/** V8's atomic pauses (src/heap/gc-tracer.h scopes) in the disabled-by-default-v8.gc category. */
const PAUSES: Readonly<Record<string, GcKind>> = {
  'V8.GC_MARK_COMPACTOR': 'major',
  'V8.GC_SCAVENGER': 'minor',
  'V8.GC_MINOR_MARK_SWEEPER': 'minor',
  'V8.GC_MC_INCREMENTAL_START': 'marking-start',
};
/** V8's per-collection summary, an instant event after the pause on the same thread. */
const NVP = 'V8.GCTraceGCNVP';

interface Nvp {
  readonly pause?: number;
  readonly gc?: string;
  readonly reduce_memory?: boolean;
  readonly mark?: number;
  readonly evacuate?: number;
  readonly 'heap.embedder_tracing_epilogue'?: number;
  readonly start_memory_size?: number;
  readonly end_memory_size?: number;
}

type GcTraceEvent = TraceEvent & {
  readonly args?: TraceEvent['args'] & {
    readonly value?: string;
    readonly data?: { readonly startTime?: number };
  };
};

function parseNvp(e: GcTraceEvent): Nvp | null {
  try {
    return JSON.parse(e.args?.value ?? 'null') as Nvp | null;
  } catch {
    return null;
  }
}

function phasesOf(nvp: Nvp, ms: number): GcPhases {
  const mark = nvp.mark ?? 0;
  const evacuate = nvp.evacuate ?? 0;
  const embedder = nvp['heap.embedder_tracing_epilogue'] ?? 0;
  return {
    mark,
    evacuate,
    embedder,
    other: Math.max(0, ms - mark - evacuate - embedder),
    committedBefore: nvp.start_memory_size ?? 0,
    committedAfter: nvp.end_memory_size ?? 0,
  };
}

/** V8's summary of the pause at mine[i]: the next one on the thread, written as the pause ends. */
function summaryAfter(mine: readonly GcTraceEvent[], i: number): Nvp | null {
  for (let j = i + 1; j < mine.length; j++) {
    const e = mine[j] as GcTraceEvent;
    if (e.name === NVP) return parseNvp(e);
  }
  return null;
}

/** The main thread's GC pauses, by start, on the page's clock; [] without the origin mark. */
export function gcPausesOf(events: readonly GcTraceEvent[]): GcPause[] {
  const main = mainThreadOf(events);
  const origin = events.find((e) => e.name === GC_ORIGIN_MARK);
  const startTime = origin?.args?.data?.startTime;
  if (main === undefined || origin === undefined || startTime === undefined) return [];
  const offsetMs = origin.ts / 1000 - startTime;
  const mine = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid)
    .sort((a, b) => a.ts - b.ts);
  const pauses: GcPause[] = [];
  mine.forEach((e, i) => {
    const kind = PAUSES[e.name];
    if (kind === undefined || e.ph !== 'X') return;
    const ms = (e.dur ?? 0) / 1000;
    const at = e.ts / 1000 - offsetMs;
    const nvp = kind === 'marking-start' ? null : summaryAfter(mine, i);
    if (nvp === null) {
      pauses.push({ kind, at, ms });
      return;
    }
    // Only a mark-compact's summary names its phases; a scavenge's is one copying pass.
    if (nvp.gc !== 'mc') {
      pauses.push({ kind, at, ms });
      return;
    }
    const reducing = nvp.reduce_memory === true;
    pauses.push({ kind: reducing ? 'memory-reducing' : kind, at, ms, phases: phasesOf(nvp, ms) });
  });
  return pauses;
}

/** The pauses that overlap [from, to) on the page's clock. */
export const pausesWithin = (pauses: readonly GcPause[], from: number, to: number): GcPause[] =>
  pauses.filter((p) => p.at < to && p.at + p.ms > from);

const MB = 1024 * 1024;

/** "61.2 ms memory-reducing (mark 9.0, evacuate 20.0, Blink 18.3, other 13.9; 116 → 46 MB)". */
export function describePause(p: GcPause): string {
  const head = `${p.ms.toFixed(1)} ms ${p.kind}`;
  const ph = p.phases;
  if (!ph) return head;
  const mb = (b: number) => Math.round(b / MB);
  return `${head} (mark ${ph.mark.toFixed(1)}, evacuate ${ph.evacuate.toFixed(1)}, Blink ${ph.embedder.toFixed(1)}, other ${ph.other.toFixed(1)}; committed ${mb(ph.committedBefore)} → ${mb(ph.committedAfter)} MB)`;
}

/** Starts tracing the page's GC and sets the origin mark; stop() returns the pauses. */
export async function startGcTrace(
  browser: Browser,
  page: Page,
): Promise<{ stop(): Promise<GcPause[]> }> {
  await browser.startTracing(page, { categories: GC_CATEGORIES });
  await page.evaluate(`performance.mark(${JSON.stringify(GC_ORIGIN_MARK)})`);
  return {
    async stop() {
      const buf = await browser.stopTracing();
      return gcPausesOf(traceEventsOf<GcTraceEvent>(buf.toString('utf8')));
    },
  };
}
