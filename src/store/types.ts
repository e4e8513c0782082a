/** The app store's state: the scenario is the document, the trace is derived from it. */
import type { DeviceId, Pfn, Pid, Vpn } from '../model';
import type { Frame, ScenarioDoc } from './model';

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
export const MARKER_KINDS = ['fault', 'migration', 'page_free', 'signal', 'violation'] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

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

export interface AppData {
  readonly scenario: ScenarioMeta & { readonly doc: ScenarioDoc };
  /** Derived from the scenario: one frame per step, frames[0] is boot. Never edited. */
  readonly trace: readonly Frame[];
  /** Derived from the trace once per load. */
  readonly markers: readonly Marker[];
  /** Why the scenario could not be run, if it could not. */
  readonly error: string | null;
  readonly cursor: number;
  readonly playing: boolean;
  readonly selection: Selection | null;
  readonly prefs: Prefs;
}

export interface AppActions {
  /** Replace the document (and so the trace); cursor goes to `cursor` clamped, selection clears. */
  loadScenario(meta: ScenarioMeta, doc: ScenarioDoc, cursor?: number): void;
  seek(index: number): void;
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
}

export type AppState = AppData & AppActions;
