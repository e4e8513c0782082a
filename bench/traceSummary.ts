/**
 * Where a Chromium trace's time went: self time per event name on the renderer's main thread,
 * grouped into script, style, layout, paint and the rest, plus raster work on other threads.
 * Used by `render.bench.ts --trace` to see what a step costs besides waiting for the frame.
 */

/** A Chromium trace event, as far as the benches read it. */
export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: {
    readonly name?: string;
    /** A script call's function and place, or an event's type. */
    readonly data?: {
      readonly functionName?: string;
      readonly url?: string;
      readonly lineNumber?: number;
      readonly type?: string;
    };
  };
}

export type Bucket = 'script' | 'gc' | 'style' | 'layout' | 'paint' | 'other';

/** Event names by bucket; anything else on the main thread is 'other'. */
const BUCKETS: readonly [RegExp, Bucket][] = [
  [/GC|Garbage|Sweep|Oilpan/i, 'gc'],
  [
    /^(EventDispatch|FunctionCall|RunMicrotasks|TimerFire|FireAnimationFrame|EvaluateScript|v8\.|V8\.|BlinkScheduler_PerformMicrotaskCheckpoint|SerializedScriptValue|FrameLoader::updateForSameDocumentNavigation)/,
    'script',
  ],
  [
    /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|Document::recalcStyle|Document::updateStyle|StyleEngine)/,
    'style',
  ],
  [
    /^(Layout|LocalFrameView::performLayout|LocalFrameView::UpdateLayout|InlineNode::|LayoutBlock|IntersectionObserver)/,
    'layout',
  ],
  [
    /^(PrePaint|Paint|PaintImage|Layerize|Commit|UpdateLayer|CompositeLayers|LocalFrameView::RunPaintLifecyclePhase|ProxyMain::BeginMainFrame::commit|Blink\.CompositingInputs|PaintArtifactCompositor|cc::|LocalFrameView::UpdateAllLifecyclePhases)/,
    'paint',
  ],
];

const bucketOf = (name: string): Bucket => BUCKETS.find(([re]) => re.test(name))?.[1] ?? 'other';

export interface TraceSummary {
  /** Self time in ms on the renderer main thread, by bucket. */
  readonly main: Record<Bucket, number>;
  /** The heaviest event names by self time (ms). */
  readonly top: [string, number][];
  /** Raster and GPU-ish work off the main thread (ms). */
  readonly raster: number;
}

/** A trace's events, from the JSON Chromium writes (an object with traceEvents, or a bare array). */
export function traceEventsOf<E extends TraceEvent = TraceEvent>(json: string): E[] {
  const parsed = JSON.parse(json) as { traceEvents?: E[] } | E[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

/** The renderer's main thread (its thread_name event), where the page's script and frames run. */
export function mainThreadOf(
  events: readonly TraceEvent[],
): { readonly pid: number; readonly tid: number } | undefined {
  return events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
}

/** Summarise a trace (the JSON Chromium writes) over the window [from, to] in trace µs. */
export function summariseTrace(json: string): TraceSummary {
  const events = traceEventsOf(json);
  const threadName = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name')
      threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const mainKeys = [...threadName].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k);

  const self = new Map<string, number>();
  let raster = 0;
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mainKeys.includes(key)) {
      if (/^(RasterTask|TileManager::|GPUTask|DisplayScheduler|Graphics\.Pipeline)/.test(e.name))
        raster += e.dur;
      continue;
    }
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  // Self time: an event's duration minus its direct children's.
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const stack: { e: TraceEvent; end: number; child: number }[] = [];
    const close = (until: number) => {
      while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= until) {
        const top = stack.pop();
        if (!top) break;
        const own = (top.e.dur ?? 0) - top.child;
        self.set(top.e.name, (self.get(top.e.name) ?? 0) + own);
        const parent = stack.at(-1);
        if (parent) parent.child += top.e.dur ?? 0;
      }
    };
    for (const e of list) {
      close(e.ts);
      stack.push({ e, end: e.ts + (e.dur ?? 0), child: 0 });
    }
    close(Number.POSITIVE_INFINITY);
  }
  const main: Record<Bucket, number> = {
    script: 0,
    gc: 0,
    style: 0,
    layout: 0,
    paint: 0,
    other: 0,
  };
  for (const [name, us] of self) {
    main[bucketOf(name)] += us / 1000;
  }
  const top = [...self]
    .map(([n, us]): [string, number] => [n, us / 1000])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 16);
  return { main, top, raster: raster / 1000 };
}

/**
 * Input → frame presented, per sample: from each `performance.mark(markName)` (set just before the
 * key event is dispatched) to the presentation time Chromium reports for the animation frame that
 * began with that input (`AnimationFrame::Presentation`, the Long Animation Frames
 * instrumentation). Needs the 'blink.user_timing' and 'devtools.timeline' categories.
 */
export function presentationLatencies(json: string, markName: string): number[] {
  const events = traceEventsOf(json);
  type Async = TraceEvent & { args?: { id?: string } };
  const marks = events
    .filter((e) => e.name === markName)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const frames = (events as Async[])
    .filter((e) => e.name === 'AnimationFrame' && e.ph === 'b')
    .sort((a, b) => a.ts - b.ts);
  const presented = new Map<string, number>();
  for (const e of events as Async[])
    if (e.name === 'AnimationFrame::Presentation' && e.args?.id !== undefined)
      presented.set(e.args.id, e.ts);
  const out: number[] = [];
  for (const m of marks) {
    // The frame the input started: the last one to begin at or before the mark.
    let frame: Async | undefined;
    for (const f of frames) {
      if (f.ts > m) break;
      frame = f;
    }
    const at = frame?.args?.id !== undefined ? presented.get(frame.args.id) : undefined;
    if (at !== undefined && at > m) out.push((at - m) / 1000);
  }
  return out;
}
