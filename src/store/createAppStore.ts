/**
 * The app store: zustand (vanilla, so views can subscribe outside React) with immer and
 * subscribeWithSelector on the combined store. The scenario is the document; `trace` and
 * `markers` are derived from it in `open` and never edited afterwards. Each action is one user
 * intent and makes at most one store write (one `set`), so subscribers (the address bar, the
 * views) see an intent as one change: opening a link is not pause, then load, then select.
 */
import { castDraft, freeze } from 'immer';
import { immer } from 'zustand/middleware/immer';
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { sameDoc } from '../scenarios/sameDoc';
import { deriveMarkers } from './markers';
import type { Frame, ScenarioDoc, TraceRunner } from './model';
import type { Era } from '../model';
import type { AppData, AppState, CompareData, Prefs, ScenarioMeta } from './types';
import { SPEEDS } from './types';

export interface StoreInit {
  readonly run: TraceRunner;
  readonly prefs: Prefs;
  readonly scenario: ScenarioMeta & { readonly doc: ScenarioDoc };
  readonly cursor?: number;
}

/** Clamp a requested cursor into the trace; non-finite input keeps the current one. */
export function clampCursor(index: number, length: number, current = 0): number {
  if (!Number.isFinite(index)) return current;
  return Math.max(0, Math.min(length - 1, Math.round(index)));
}

interface Derived {
  trace: readonly Frame[];
  markers: AppData['markers'];
  error: string | null;
}

/**
 * Run the document. The trace array is frozen (shallowly: immer stops at a frozen node), so handing
 * it to the store's produce never walks its frames, with or without auto-freeze.
 */
function derive(run: TraceRunner, doc: ScenarioDoc): Derived {
  try {
    const trace = run(doc);
    if (trace.length === 0) return { trace: [], markers: [], error: 'The scenario has no frames.' };
    return { trace: freeze(trace), markers: freeze(deriveMarkers(trace), true), error: null };
  } catch (e) {
    return { trace: [], markers: [], error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The document in a second era beside its own trace. The second trace is frozen like the first;
 * a document the second era cannot run keeps the first on screen and says why. Which steps differ
 * is read from the two traces by the compare view (model compareFrames), in its own chunk.
 */
function deriveCompare(run: TraceRunner, doc: ScenarioDoc, era: Era | null): CompareData | null {
  if (era === null) return null;
  try {
    const other = run({ ...doc, era });
    return { era, trace: freeze([...other]), error: null };
  } catch (e) {
    return { era, trace: [], error: e instanceof Error ? e.message : String(e) };
  }
}

export function createAppStore(init: StoreInit) {
  const first = derive(init.run, init.scenario.doc);
  const store = createStore<AppState>()(
    subscribeWithSelector(
      immer((set, get) => ({
        scenario: init.scenario,
        // zustand keeps the initial state for getInitialState(): the boot trace goes in by a
        // setState below, so it is freed when another scenario loads (issue 12).
        trace: [],
        markers: [],
        error: first.error,
        cursor: 0,
        playing: false,
        selection: null,
        history: 'push',
        editorDoc: null,
        prefs: init.prefs,
        compare: null,

        open(req) {
          const { scenario, trace, cursor, compare } = get();
          const reuse = scenario.doc === req.doc || sameDoc(scenario.doc, req.doc);
          // The same document keeps its trace (a link to another step of it just seeks).
          const d = reuse ? null : derive(init.run, req.doc);
          // Absent: keep comparing with the era on screen; never an era with itself.
          const asked = req.compare === undefined ? (compare?.era ?? null) : req.compare;
          const era = asked === req.doc.era ? null : asked;
          const c =
            d || era !== (compare?.era ?? null) ? deriveCompare(init.run, req.doc, era) : compare;
          set((s) => {
            if (d) {
              s.scenario = castDraft({ ...req.meta, doc: req.doc });
              s.trace = castDraft(d.trace);
              s.markers = castDraft(d.markers);
              s.error = d.error;
              s.cursor = clampCursor(req.step ?? cursor, d.trace.length);
              s.playing = false;
            } else if (req.step !== undefined) {
              s.cursor = clampCursor(req.step, trace.length, cursor);
              s.playing = false;
            }
            // A new document or a new comparison is recorded as the request says.
            if (d || c !== compare) s.history = req.history ?? 'push';
            if (c !== compare) s.compare = castDraft(c);
            if (req.selection !== undefined) s.selection = castDraft(req.selection);
            if (req.fromEditor === true) s.editorDoc = castDraft(d ? req.doc : scenario.doc);
          });
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
          const { trace, cursor } = get();
          const next = clampCursor(index, trace.length, cursor);
          set((s) => {
            s.cursor = next;
            s.playing = false;
            if (selection !== undefined) s.selection = castDraft(selection);
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
          const { trace, cursor } = get();
          if (trace.length < 2) return;
          set((s) => {
            if (cursor >= trace.length - 1) s.cursor = 0;
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
          const { trace, cursor } = get();
          set((s) => {
            s.cursor = clampCursor(cursor + 1, trace.length);
            if (s.cursor >= trace.length - 1) s.playing = false;
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
            s.selection = castDraft(selection);
          });
        },
      })),
    ),
  );
  // Before anyone subscribes: not a user intent, the store's first state.
  store.setState({
    trace: first.trace,
    markers: first.markers,
    cursor: clampCursor(init.cursor ?? 0, first.trace.length),
  });
  return store;
}

export type AppStore = ReturnType<typeof createAppStore>;
