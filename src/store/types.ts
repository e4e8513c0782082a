/** The app store's state: the scenario is the document, the trace is derived from it. */
import type { DeviceId, Era, Pfn, Pid, StepMark, Vpn } from '../model';
import { STEP_MARKS } from '../model';
import type { Frame, ScenarioDoc, Trace } from './model';

/** What the user picked in a view; every view lights up what it links to. */
export type Selection =
  | { readonly kind: 'page'; readonly pfn: Pfn }
  | { readonly kind: 'pte'; readonly pid: Pid; readonly vpn: Vpn }
  | { readonly kind: 'device'; readonly device: DeviceId };

export type Theme = 'light' | 'dark';

export interface Prefs {
  readonly theme: Theme;
  /** Playback speed in steps per second. */
  readonly speed: number;
}

export const SPEEDS: readonly number[] = [0.5, 1, 2, 4, 8];

/** The kinds of timeline markers, in drawing order (top to bottom). */
export const MARKER_KINDS = STEP_MARKS;
export type MarkerKind = StepMark;

/** The interesting things one step did, for the timeline. Only steps with at least one kind. */
export interface Marker {
  readonly index: number;
  readonly kinds: readonly MarkerKind[];
}

export interface ScenarioMeta {
  /** Library id, or null for a custom scenario. */
  readonly id: string | null;
  readonly title: string;
  readonly summary: string;
}

/** How the address bar records a new scenario: a new history entry, or in place of the current. */
export type HistoryMode = 'push' | 'replace';

/** Open a scenario: one user intent (a library pick, a link, an editor commit, a restored draft). */
export interface OpenRequest {
  readonly meta: ScenarioMeta;
  readonly doc: ScenarioDoc;
  /** The step to show (clamped). Absent: the step on screen (clamped to the new trace). */
  readonly step?: number;
  /** The selection to show. Absent: the selection on screen stays. */
  readonly selection?: Selection | null;
  /** How the address bar records a new document (default 'push'). */
  readonly history?: HistoryMode;
  /** The editor put this document on screen (AppData.editorDoc). */
  readonly fromEditor?: boolean;
  /**
   * The second era to show the document beside (the compare view); null: one era. Absent: the
   * comparison on screen stays (with the new document), so a scenario picked while comparing is
   * compared too.
   */
  readonly compare?: Era | null;
}

/**
 * The same document run in a second era, for the compare view: its own trace on the same timeline
 * (the cursor indexes both). The view lists the steps that differ (model compareFrames).
 */
export interface CompareData {
  /** The second era; the document's own era is the first. */
  readonly era: Era;
  readonly trace: Trace;
  /** Why the document could not run in the second era, if it could not. */
  readonly error: string | null;
}

export interface AppData {
  readonly scenario: ScenarioMeta & { readonly doc: ScenarioDoc };
  /**
   * Derived from the scenario: frame 0 is boot, one per step. Never edited. A checkpointed trace
   * (model checkpointScenario): its records are light; frame(i) replays, so views read the frames
   * below, which the store derives in the same write as the cursor.
   */
  readonly trace: Trace;
  /** trace.frame(cursor): the frame on screen (undefined when the scenario failed to run). */
  readonly frame: Frame | undefined;
  /** trace.frame(cursor - 1): the frame before it, for before → after views (undefined at 0). */
  readonly prevFrame: Frame | undefined;
  /** The second era's frame at the cursor and the one before it, when comparing. */
  readonly compareFrame: Frame | undefined;
  readonly comparePrevFrame: Frame | undefined;
  /** Derived from the trace once per load. */
  readonly markers: readonly Marker[];
  /** Why the scenario could not be run, if it could not. */
  readonly error: string | null;
  readonly cursor: number;
  readonly playing: boolean;
  readonly selection: Selection | null;
  /** How the address bar records the scenario on screen (set with it by `open`). */
  readonly history: HistoryMode;
  /** The document the editor last put on screen (to tell when something else replaced it). */
  readonly editorDoc: ScenarioDoc | null;
  readonly prefs: Prefs;
  /** The document beside itself in another era, or null (one era on screen). */
  readonly compare: CompareData | null;
  /**
   * A document being computed away from the main thread, or null. A new document goes on screen
   * with its first frames as soon as they arrive (`shown`), its timeline growing as more do; until
   * then the scenario on screen stays. Cancelling keeps what is on screen.
   */
  readonly loading: Loading | null;
  /**
   * The trace on screen is the first frames of a document whose computing was cancelled: its
   * timeline ends early. Null when the trace on screen is the whole run.
   */
  readonly stopped: Stopped | null;
}

/** Progress of a document being computed in the background. */
export interface Loading {
  readonly title: string;
  /** Frames computed so far, of `total` (the boot frame and one per step, per era run). */
  readonly done: number;
  readonly total: number;
  /** The document is on screen already, with the frames computed so far. */
  readonly shown: boolean;
  /**
   * The whole length, in frames, of the document being put on screen (0 when the document on
   * screen stays): while it streams, its timeline is laid out at this length, so the markers of
   * the frames that arrived stay where they are as the rest arrives.
   */
  readonly frames: number;
}

/** A run cut short by Cancel: the trace on screen holds `frames` of the document's `total`. */
export interface Stopped {
  readonly frames: number;
  readonly total: number;
}

export interface AppActions {
  /**
   * Put a scenario on screen with its step, selection and history mode, in one write. The same
   * document (by identity or content) keeps its trace: asking for a step then seeks (and pauses).
   * A new document replaces the trace and pauses.
   */
  open(request: OpenRequest): void;
  /**
   * Run the document in another kernel era (the era selector): the document's `era` changes, the
   * step and selection stay. Choosing the era being compared with swaps the pair. The era's kernel
   * image must be loaded (model loadEra) before.
   */
  setEra(era: Era): void;
  /**
   * Show the document beside itself in `era` (null: one era again), its image loaded before. The
   * step stays.
   */
  compareWith(era: Era | null): void;
  /** Go to a step (clamped), pausing; with a selection, select it in the same write. */
  seek(index: number, selection?: Selection | null): void;
  /** seek(cursor + delta). */
  stepBy(delta: number): void;
  first(): void;
  last(): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  /** One playback tick: step forward, pause at the end. */
  advance(): void;
  setSpeed(speed: number): void;
  setTheme(theme: Theme): void;
  select(selection: Selection | null): void;
  /** Stop computing the document being loaded; the scenario on screen stays. */
  cancelLoading(): void;
}

export type AppState = AppData & AppActions;
