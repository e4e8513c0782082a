/** Timeline markers, derived once per trace from each frame's events, result and violations. */
import type { Frame } from './model';
import type { Marker, MarkerKind } from './types';
import { MARKER_KINDS } from './types';

const FAULT_FNS = new Set(['handle_mm_fault', 'do_swap_page', 'hmm_vma_fault']);
const MIGRATION_FNS = new Set(['migrate_vma']);
const FREE_FNS = new Set(['page_free', 'hmm_devmem_free']);

/** The marker kinds of one frame, in MARKER_KINDS order. */
export function frameMarkerKinds(frame: Frame): MarkerKind[] {
  const found = new Set<MarkerKind>();
  for (const e of frame.events) {
    if (FAULT_FNS.has(e.fn)) found.add('fault');
    else if (MIGRATION_FNS.has(e.fn)) found.add('migration');
    else if (FREE_FNS.has(e.fn)) found.add('page_free');
  }
  const r = frame.result;
  if (r && (r.signal !== undefined || r.oom === true || r.livelock === true)) found.add('signal');
  if (frame.violations.length > 0) found.add('violation');
  return MARKER_KINDS.filter((k) => found.has(k));
}

/** Markers for every frame that has at least one kind. O(events) once per trace. */
export function deriveMarkers(trace: readonly Frame[]): Marker[] {
  const out: Marker[] = [];
  for (const frame of trace) {
    const kinds = frameMarkerKinds(frame);
    if (kinds.length > 0) out.push({ index: frame.index, kinds });
  }
  return out;
}

export const MARKER_LABELS: Readonly<Record<MarkerKind, string>> = {
  fault: 'fault',
  migration: 'migration',
  page_free: 'page_free',
  signal: 'signal',
  violation: 'violation',
};
