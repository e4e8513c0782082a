/**
 * Plain selectors over the app store. Each returns a stored value (never a fresh object), so they
 * can be used with useApp directly; none scans the trace or the machine.
 */
import type { Frame, KernelState, Trace } from './model';
import type { AppState, Marker, Prefs, Selection } from './types';

type ScenarioDocEra = AppState['scenario']['doc']['era'];

export const selectTrace = (s: AppState): Trace => s.trace;
export const selectCursor = (s: AppState): number => s.cursor;
export const selectLength = (s: AppState): number => s.trace.length;
/**
 * The length the timeline is laid out at: the trace's, or while a document streams onto the
 * screen its whole length (store Loading.frames). Laid out at the trace's growing length, every
 * marker moved (and its element was made again) each time frames arrived.
 */
export const selectTimelineSpan = (s: AppState): number =>
  Math.max(s.trace.length, s.loading?.shown === true ? s.loading.frames : 0);
export const selectPlaying = (s: AppState): boolean => s.playing;
export const selectSelection = (s: AppState): Selection | null => s.selection;
export const selectPrefs = (s: AppState): Prefs => s.prefs;
export const selectTheme = (s: AppState): Prefs['theme'] => s.prefs.theme;
export const selectSpeed = (s: AppState): number => s.prefs.speed;
export const selectMarkers = (s: AppState): readonly Marker[] => s.markers;
export const selectError = (s: AppState): string | null => s.error;
export const selectScenarioId = (s: AppState): string | null => s.scenario.id;
export const selectScenarioTitle = (s: AppState): string => s.scenario.title;
export const selectScenarioSummary = (s: AppState): string => s.scenario.summary;

/** The frame at the cursor, or undefined when the scenario failed to run. */
export const selectFrame = (s: AppState): Frame | undefined => s.frame;

/** The frame before the cursor (for diffs), or undefined at step 0. */
export const selectPrevFrame = (s: AppState): Frame | undefined => s.prevFrame;

export const selectKernel = (s: AppState): KernelState | undefined => s.frame?.state;

export const selectCompare = (s: AppState): AppState['compare'] => s.compare;
export const selectEra = (s: AppState): ScenarioDocEra => s.scenario.doc.era;
/** The second era's frame at the cursor, when comparing. */
export const selectCompareFrame = (s: AppState): Frame | undefined => s.compareFrame;
export const selectComparePrevFrame = (s: AppState): Frame | undefined => s.comparePrevFrame;

/**
 * The `focus` of the step on screen, as its author wrote it (a string), or null. Step i of the
 * transport is steps[i-1]; boot has none. Parsed where it is honoured (src/scenarios/focus.ts).
 */
export const selectFocusText = (s: AppState): string | null =>
  s.cursor > 0 ? (s.scenario.doc.steps[s.cursor - 1]?.focus ?? null) : null;
