/** Timeline markers, derived once per trace from each step's record (its marks, model step_marks). */
import type { Frame, StepRecord } from './model';
import { stepMarks } from '../model';
import type { Marker, MarkerKind } from './types';

/** The marker kinds of one frame, in MARKER_KINDS order. */
export function frameMarkerKinds(frame: Frame): MarkerKind[] {
  return [...stepMarks(frame.events, frame.result, frame.violations)];
}

/** Markers for every step that has at least one kind. O(steps) once per trace. */
export function deriveMarkers(records: readonly StepRecord[]): Marker[] {
  const out: Marker[] = [];
  for (const r of records) if (r.marks.length > 0) out.push({ index: r.index, kinds: r.marks });
  return out;
}

export const MARKER_LABELS: Readonly<Record<MarkerKind, string>> = {
  fault: 'fault',
  migration: 'migration',
  page_free: 'page_free',
  signal: 'signal',
  violation: 'violation',
};
