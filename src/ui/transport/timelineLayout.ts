/**
 * Where timeline markers go: x per step, at most one mark per pixel column and kind (Perfetto's
 * rule), whatever the trace length.
 */
import type { Marker, MarkerKind } from '../../store/types';
import { MARKER_KINDS } from '../../store/types';

export interface TimelineMark {
  readonly x: number;
  readonly kind: MarkerKind;
  /** The first step this mark stands for (clicking it goes there). */
  readonly index: number;
  readonly lane: number;
}

/** x of step i on a strip of `width` px with `pad` px margins (the range thumb's half-width). */
export function stepX(i: number, length: number, width: number, pad: number): number {
  if (length <= 1) return pad;
  return pad + (i / (length - 1)) * (width - 2 * pad);
}

/** The step nearest to x (inverse of stepX), clamped. */
export function stepAt(x: number, length: number, width: number, pad: number): number {
  if (length <= 1) return 0;
  const t = (x - pad) / Math.max(1, width - 2 * pad);
  return Math.max(0, Math.min(length - 1, Math.round(t * (length - 1))));
}

export function layoutMarks(
  markers: readonly Marker[],
  length: number,
  width: number,
  pad: number,
): TimelineMark[] {
  const seen = new Set<string>();
  const out: TimelineMark[] = [];
  for (const m of markers) {
    const x = Math.round(stepX(m.index, length, width, pad));
    for (const kind of m.kinds) {
      const key = `${kind}:${x}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ x, kind, index: m.index, lane: MARKER_KINDS.indexOf(kind) });
    }
  }
  return out;
}
