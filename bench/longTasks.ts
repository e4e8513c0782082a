import type { Browser, Page } from '@playwright/test';
import { mainThreadOf, type TraceEvent, traceEventsOf } from './traceSummary';

/**
 * What the page's longest tasks did, from a Chromium trace: for each main-thread task over the
 * goal, its outermost pieces (a script's function call, an event, a timer, layout, style, paint,
 * GC, a message's deserialisation...) with their durations. A CPU profile says where a phase spent its time; this says which piece
 * made one task long (a message's deserialisation, a forced layout, a store write).
 */
export interface TaskPiece {
  readonly what: string;
  readonly ms: number;
  /** Start in the trace's clock (µs), for the pieces of a task. */
  readonly at?: number;
}
export interface LongTask {
  /** Start and end in the trace's clock (µs). */
  readonly fromUs: number;
  readonly toUs: number;
  readonly ms: number;
  readonly pieces: readonly TaskPiece[];
  /**
   * Style and layout work done inside the task's scripts (a script that reads a size or sets a
   * focused input's value makes the browser lay out the page there and then), by name.
   */
  readonly forced: readonly TaskPiece[];
}

/** Native work that, found inside a script, the script forced. */
const FORCED = new Set(['Layout', 'UpdateLayoutTree', 'RecalculateStyles', 'HitTest']);

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'];

function label(e: TraceEvent): string {
  const d = e.args?.data;
  if (e.name === 'FunctionCall' && d) {
    const file = (d.url ?? '').slice((d.url ?? '').lastIndexOf('/') + 1);
    return `call ${d.functionName || '(anonymous)'} ${file}:${(d.lineNumber ?? 0) + 1}`;
  }
  if (e.name === 'EventDispatch' && d?.type) return `event ${d.type}`;
  return e.name;
}

/** The main thread's tasks over `goalMs`, longest first, with their direct pieces. */
export function longTasksOf(events: readonly TraceEvent[], goalMs: number, top = 3): LongTask[] {
  const main = mainThreadOf(events);
  if (main === undefined) return [];
  const mine = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  const tasks = mine.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) / 1000 > goalMs);
  return tasks
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
    .slice(0, top)
    .map((t) => {
      const end = t.ts + (t.dur ?? 0);
      // The outermost named pieces: a piece inside another one is part of it.
      const pieces: TaskPiece[] = [];
      let coveredTo = t.ts;
      for (const e of mine) {
        if (e.ts < t.ts || e.ts >= end || e === t || e.ts < coveredTo) continue;
        pieces.push({ what: label(e), ms: (e.dur ?? 0) / 1000, at: e.ts });
        coveredTo = e.ts + (e.dur ?? 0);
      }
      pieces.sort((a, b) => b.ms - a.ms);
      const forcedMs = new Map<string, number>();
      for (const e of mine) {
        if (e.ts < t.ts || e.ts >= end || !FORCED.has(e.name)) continue;
        // Outermost pieces are the frame's own rendering; only nested ones were forced.
        if (pieces.some((p) => p.at === e.ts)) continue;
        forcedMs.set(e.name, (forcedMs.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      }
      const forced = [...forcedMs].map(([what, ms]) => ({ what, ms }));
      return {
        fromUs: t.ts,
        toUs: end,
        ms: (t.dur ?? 0) / 1000,
        pieces: pieces.slice(0, 6),
        forced,
      };
    });
}

/** Starts tracing the page; stop() returns its tasks over `goalMs`. */
export async function startLongTaskTrace(
  browser: Browser,
  page: Page,
  goalMs: number,
): Promise<{ stop(): Promise<LongTask[]> }> {
  await browser.startTracing(page, { categories: CATEGORIES });
  return {
    async stop() {
      const buf = await browser.stopTracing();
      return longTasksOf(traceEventsOf(buf.toString('utf8')), goalMs);
    },
  };
}
