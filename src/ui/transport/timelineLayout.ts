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

/** Each kind's lane (its place in MARKER_KINDS), looked up once per mark rather than searched. */
const LANE = new Map<MarkerKind, number>(MARKER_KINDS.map((k, i) => [k, i]));

export function layoutMarks(
  markers: readonly Marker[],
  length: number,
  width: number,
  pad: number,
): TimelineMark[] {
  // One flag per lane and pixel: a 10,000-step trace has ~10,000 markers, and a string key for
  // each (the first version) made this a third of a streamed growth's render. Indexed loops and
  // a lane map: 100,000 markers are laid out whenever a long trace grows, and the iterator and
  // indexOf version took 18–41 ms of it in Node (4 ms once warm; this one 2–7 ms).
  const columns = Math.max(1, Math.ceil(width) + 1);
  const seen = new Uint8Array(MARKER_KINDS.length * columns);
  const out: TimelineMark[] = [];
  // stepX with its scale worked out once (a division per marker made the loop 2–4× slower); the
  // product may differ from stepX's in its last bit, a mark a pixel over only at an exact half.
  const span = width - 2 * pad;
  const scale = length <= 1 ? 0 : span / (length - 1);
  for (let k = 0; k < markers.length; k++) {
    const m = markers[k] as Marker;
    const x = Math.round(pad + m.index * scale);
    const column = Math.min(columns - 1, Math.max(0, x));
    const kinds = m.kinds;
    for (let j = 0; j < kinds.length; j++) {
      const kind = kinds[j] as MarkerKind;
      const lane = LANE.get(kind) ?? 0;
      const at = lane * columns + column;
      if (seen[at] === 1) continue;
      seen[at] = 1;
      out.push({ x, kind, index: m.index, lane });
    }
  }
  return out;
}
