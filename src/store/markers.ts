/** Timeline markers, derived once per trace from each step's record (its marks, model step_marks). */
import type { Frame, StepRecord } from './model';
import { freeze } from 'immer';
import { freezesSteps, stepMarks } from '../model';
import type { Marker, MarkerKind } from './types';

/** The marker kinds of one frame, in MARKER_KINDS order. */
export function frameMarkerKinds(frame: Frame): MarkerKind[] {
  return [...stepMarks(frame.events, frame.result, frame.violations)];
}

/**
 * Markers for every step that has at least one kind, frozen for the store. O(steps) once per
 * trace. Outside tests only the array is frozen (all a store write needs, derive.ts stored): a
 * deep freeze of 100,000 steps' markers held the page 33–46 ms when a long document finished
 * loading (bench/longtask.bench.ts --profile); in unit tests, as for the model's states
 * (immer_mode.ts), every marker is frozen too, so a view that mutated one would throw there.
 */
export function deriveMarkers(records: readonly StepRecord[]): readonly Marker[] {
  const out: Marker[] = [];
  for (const r of records) if (r.marks.length > 0) out.push({ index: r.index, kinds: r.marks });
  return freeze(out, freezesSteps());
}

export const MARKER_LABELS: Readonly<Record<MarkerKind, string>> = {
  fault: 'fault',
  migration: 'migration',
  page_free: 'page_free',
  signal: 'signal',
  violation: 'violation',
};
