/**
 * The app store: zustand (vanilla, so views can subscribe outside React) with immer and
 * subscribeWithSelector on the combined store. The scenario is the document; `trace` and
 * `markers` are derived from it in `open` and never edited afterwards. Each action is one user
 * intent and makes at most one store write (one `set`), so subscribers (the address bar, the
 * views) see an intent as one change: opening a link is not pause, then load, then select.
 */
import { immer } from 'zustand/middleware/immer';
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { deriveMarkers } from './markers';
import { streaming, type Stream } from './streaming';
import {
  clampCursor,
  framesAt,
  planOpen,
  relabelled,
  runHere,
  settle,
  settleCompare,
  showAt,
  stored,
  NO_TRACE,
  type Plan,
} from './derive';
import type {
  BackgroundRunner,
  ScenarioDoc,
  Trace,
  TraceJob,
  TraceOutcome,
  TraceRunner,
} from './model';
import type { AppState, OpenRequest, Prefs, ScenarioMeta } from './types';
import { SPEEDS } from './types';

export { clampCursor };

export interface StoreInit {
  readonly run: TraceRunner;
  readonly prefs: Prefs;
  readonly scenario: ScenarioMeta & { readonly doc: ScenarioDoc };
  readonly cursor?: number;
  /**
   * Where documents too heavy for the main thread run (the app's trace worker). Absent: every
   * document runs in `run`, in the call that opens it (tests, Node).
   */
  readonly background?: BackgroundRunner;
}

export function createAppStore(init: StoreInit) {
  // The first document runs here: it is the default scenario or the bench machine, never a link.
  const first = settle(runHere(init.run, init.scenario.doc));
  // The background run in progress, if any: a later intent cancels it.
  let job: TraceJob | null = null;
  // The document the running job streams onto the screen (its whole length when stopped).
  let streamed: Stream | null = null;
  const dropJob = () => {
    job?.cancel();
    job = null;
  };
  const store = createStore<AppState>()(
    subscribeWithSelector(
      immer((set, get) => {
        /**
         * Put what an open request computed on screen, in one write: `main` is the new document's
         * outcome (absent: the document on screen stays), `other` the second era's.
         */
        const finish = (
          req: OpenRequest,
          plan: Plan,
          main: TraceOutcome | undefined,
          other: TraceOutcome | undefined,
        ) => {
          const { cursor, compare, trace, scenario } = get();
          const d = main ? settle(main) : null;
          const c =
            plan.other && plan.era && other
              ? settleCompare(plan.era, other)
              : d || plan.era !== (compare?.era ?? null)
                ? null
                : compare;
          set((s) => {
            s.loading = null;
            if (d) s.stopped = null;
            const shown = d ? d.trace : trace;
            let at = cursor;
            if (d) {
              s.scenario = stored({ ...req.meta, doc: req.doc });
              s.trace = stored(d.trace);
              s.markers = stored(d.markers);
              s.error = d.error;
              at = clampCursor(req.step ?? cursor, d.trace.length);
              s.playing = false;
            } else if (req.step !== undefined) {
              at = clampCursor(req.step, trace.length, cursor);
              s.playing = false;
            }
            // A new document or a new comparison is recorded as the request says.
            if (d || c !== compare) s.history = req.history ?? 'push';
            if (c !== compare) s.compare = stored(c);
            if (d || c !== compare || at !== cursor) showAt(s, shown, c, at);
            if (req.selection !== undefined) s.selection = stored(req.selection);
            if (req.fromEditor === true) s.editorDoc = stored(d ? req.doc : scenario.doc);
          });
        };
        /**
         * Put a streaming document's frames so far on screen, in one write with the progress: the
         * first time as `finish` would (the request's meta, history, selection, editor), later
         * only the longer trace, and the step the request asked for once it has arrived.
         */
        const showPartial = (
          req: OpenRequest,
          stream: Stream,
          t: Trace,
          wanted: number,
          done: number,
        ) => {
          const markers = deriveMarkers(t.records);
          const first = !stream.landed();
          const at = first ? (wanted < t.length ? clampCursor(wanted, t.length) : 0) : null;
          if (at !== null) stream.land(at, at === wanted ? undefined : wanted);
          const caught = first ? null : stream.catchUp(t.length, get().cursor);
          set((s) => {
            if (s.loading) {
              s.loading.done = done;
              s.loading.shown = true;
            }
            s.trace = stored(t);
            s.markers = stored(markers);
            if (at !== null) {
              s.scenario = stored({ ...req.meta, doc: req.doc });
              s.error = null;
              s.stopped = null;
              s.playing = false;
              s.history = req.history ?? 'push';
              // The comparison belonged to the document before; the request's comes when done.
              s.compare = null;
              showAt(s, t, null, at);
              if (req.selection !== undefined) s.selection = stored(req.selection);
              if (req.fromEditor === true) s.editorDoc = stored(req.doc);
            } else if (caught !== null) showAt(s, t, null, caught);
          });
        };
        /** A streamed document is whole: its full trace (and the comparison asked for) replace the partial one. */
        const completeShown = (
          plan: Plan,
          stream: Stream,
          main: TraceOutcome | undefined,
          other: TraceOutcome | undefined,
        ) => {
          const d = main ? settle(main) : null;
          const c = plan.other && plan.era && other ? settleCompare(plan.era, other) : null;
          const { cursor, trace } = get();
          const shown = d ? d.trace : trace;
          const caught = stream.catchUp(shown.length, cursor);
          set((s) => {
            s.loading = null;
            s.stopped = null;
            if (d) {
              s.trace = stored(d.trace);
              s.markers = stored(d.markers);
              s.error = d.error;
            }
            s.compare = stored(c);
            showAt(s, shown, c, clampCursor(caught ?? cursor, shown.length, cursor));
          });
        };
        return {
          scenario: init.scenario,
          // zustand keeps the initial state for getInitialState(): the boot trace goes in by a
          // setState below, so it is freed when another scenario loads (issue 12).
          trace: NO_TRACE,
          frame: undefined,
          prevFrame: undefined,
          compareFrame: undefined,
          comparePrevFrame: undefined,
          markers: [],
          error: first.error,
          cursor: 0,
          playing: false,
          selection: null,
          history: 'push',
          editorDoc: null,
          prefs: init.prefs,
          compare: null,
          loading: null,
          stopped: null,

          open(req) {
            const plan = planOpen(get(), req);
            if (plan.relabel) {
              const { trace, compare } = get();
              dropJob();
              const steps = req.doc.steps;
              finish(
                req,
                plan,
                relabelled(trace, steps),
                compare ? relabelled(compare.trace, steps) : undefined,
              );
              return;
            }
            const docs = [
              ...(plan.reuse ? [] : [req.doc]),
              ...(plan.other && plan.era ? [{ ...req.doc, era: plan.era }] : []),
            ];
            const bg = init.background;
            dropJob();
            // The work is the same in every era: one estimate of the request's document decides.
            if (bg && docs.length > 0 && bg.heavy(req.doc)) {
              // Too much for one task: the worker computes it while the scenario on screen stays;
              // a new document goes on screen with its first frames and grows (streaming.ts).
              const total = docs.reduce((n, d) => n + d.steps.length + 1, 0);
              const wanted = req.step ?? get().cursor;
              const stream = streaming(
                plan.reuse ? 0 : req.doc.steps.length + 1,
                req.fromEditor === true ? wanted + 1 : 1,
              );
              const mine: TraceJob = bg.start(docs, (done) => {
                if (job !== mine) return;
                const grown = stream.grow(mine);
                if (grown) showPartial(req, stream, grown, wanted, done);
                else
                  set((s) => {
                    if (s.loading) s.loading.done = done;
                  });
              });
              job = mine;
              streamed = stream;
              set((s) => {
                s.loading = {
                  title: req.meta.title,
                  done: 0,
                  total,
                  shown: false,
                  frames: plan.reuse ? 0 : req.doc.steps.length + 1,
                };
              });
              void mine.done.then(
                (outs) => {
                  if (job !== mine) return;
                  job = null;
                  const main = plan.reuse ? undefined : outs[0];
                  const other = plan.other ? outs.at(-1) : undefined;
                  if (stream.landed()) completeShown(plan, stream, main, other);
                  else finish(req, plan, main, other);
                },
                (e: unknown) => {
                  if (job !== mine) return;
                  job = null;
                  const error = `The model stopped before the scenario was computed: ${e instanceof Error ? e.message : String(e)}`;
                  if (stream.landed()) completeShown(plan, stream, { ok: false, error }, undefined);
                  else finish(req, plan, { ok: false, error }, undefined);
                },
              );
              return;
            }
            finish(
              req,
              plan,
              plan.reuse ? undefined : runHere(init.run, req.doc),
              plan.other && plan.era ? runHere(init.run, { ...req.doc, era: plan.era }) : undefined,
            );
          },
          setEra(era) {
            const { scenario, compare } = get();
            if (scenario.doc.era === era) return;
            // Choosing the era on the other side swaps the pair rather than comparing it with itself.
            const other = compare ? (compare.era === era ? scenario.doc.era : compare.era) : null;
            const meta = { id: scenario.id, title: scenario.title, summary: scenario.summary };
            get().open({ meta, doc: { ...scenario.doc, era }, compare: other });
          },
          compareWith(era) {
            const { scenario } = get();
            get().open({
              meta: { id: scenario.id, title: scenario.title, summary: scenario.summary },
              doc: scenario.doc,
              compare: era,
            });
          },
          seek(index, selection) {
            const { trace, cursor, compare } = get();
            const next = clampCursor(index, trace.length, cursor);
            set((s) => {
              if (next !== cursor) showAt(s, trace, compare, next);
              s.playing = false;
              if (selection !== undefined) s.selection = stored(selection);
            });
          },
          stepBy(delta) {
            get().seek(get().cursor + delta);
          },
          first() {
            get().seek(0);
          },
          last() {
            get().seek(get().trace.length - 1);
          },
          play() {
            const { trace, cursor, compare } = get();
            if (trace.length < 2) return;
            set((s) => {
              if (cursor >= trace.length - 1) showAt(s, trace, compare, 0);
              s.playing = true;
            });
          },
          pause() {
            if (get().playing)
              set((s) => {
                s.playing = false;
              });
          },
          togglePlay() {
            if (get().playing) get().pause();
            else get().play();
          },
          advance() {
            const { trace, cursor, compare } = get();
            const next = clampCursor(cursor + 1, trace.length);
            set((s) => {
              if (next !== cursor) showAt(s, trace, compare, next);
              if (next >= trace.length - 1) s.playing = false;
            });
          },
          setSpeed(speed) {
            if (!SPEEDS.includes(speed)) return;
            set((s) => {
              s.prefs.speed = speed;
            });
          },
          setTheme(theme) {
            set((s) => {
              s.prefs.theme = theme;
            });
          },
          select(selection) {
            set((s) => {
              s.selection = stored(selection);
            });
          },
          cancelLoading() {
            const { loading, trace } = get();
            if (job === null && loading === null) return;
            // Frames received but not yet on screen (a progress report waits for its own task)
            // arrived too: they stay with the rest.
            const arrived = loading?.shown === true ? (job?.partial?.() ?? null) : null;
            const kept = arrived !== null && arrived.length > trace.length ? arrived : null;
            dropJob();
            set((s) => {
              s.loading = null;
              if (kept !== null) {
                s.trace = stored(kept);
                s.markers = stored(deriveMarkers(kept.records));
              }
              // A document already on screen keeps the frames it has, and says its timeline is cut.
              if (loading?.shown === true)
                s.stopped = {
                  frames: (kept ?? trace).length,
                  total: streamed?.total ?? loading.total,
                };
            });
          },
        };
      }),
    ),
  );
  // Before anyone subscribes: not a user intent, the store's first state.
  const cursor = clampCursor(init.cursor ?? 0, first.trace.length);
  const shown = framesAt(first.trace, cursor);
  store.setState({
    trace: first.trace,
    markers: first.markers,
    cursor,
    frame: shown.frame,
    prevFrame: shown.prev,
  });
  return store;
}

export type AppStore = ReturnType<typeof createAppStore>;
