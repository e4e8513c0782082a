/**
 * The broken axis of the physical address space: 0 at the bottom, 2^physBits at the top. Each
 * top-level resource gets a readable band whatever its size; the holes between them are drawn
 * as short breaks. Section (128 MiB) ticks are placed linearly inside a band when they fit.
 */
import { PA_SECTION_SHIFT, type Resource } from '../../model';

export interface AxisBand {
  readonly kind: 'resource' | 'gap';
  /** Byte range [start, end) (end exclusive, unlike struct resource). */
  readonly start: number;
  readonly end: number;
  readonly resource: Resource | null;
  /** Pixel rows, y0 < y1; higher addresses have smaller y. */
  readonly y0: number;
  readonly y1: number;
  /** y of each section boundary inside the band (empty when they would not fit). */
  readonly ticks: readonly number[];
}

export interface AxisOptions {
  readonly height: number;
  readonly gap?: number;
  readonly minBand?: number;
  /** Minimum pixels between two section ticks. */
  readonly minTick?: number;
}

const SECTION = 2 ** PA_SECTION_SHIFT;

/** Byte y-position inside a band, for a pointer or a marker. */
export function yOfAddress(band: AxisBand, addr: number): number {
  const t = (addr - band.start) / Math.max(1, band.end - band.start);
  return band.y1 - t * (band.y1 - band.y0);
}

function sectionTicks(
  start: number,
  end: number,
  y0: number,
  y1: number,
  minTick: number,
): number[] {
  const first = Math.ceil(start / SECTION);
  const last = Math.floor((end - 1) / SECTION);
  const n = last - first + 1;
  if (n <= 0 || (y1 - y0) / Math.max(1, n) < minTick) return [];
  const out: number[] = [];
  for (let s = first; s <= last; s++) {
    const t = (s * SECTION - start) / (end - start);
    out.push(y1 - t * (y1 - y0));
  }
  return out;
}

/**
 * Lay out [0, 2^physBits) from the sorted top-level resources. Bands get height in proportion to
 * log2 of their size (a 16 MiB RAM band is about as tall as a 256 MiB device band); gaps are fixed.
 */
export function layoutAxis(
  physBits: number,
  resources: readonly Resource[],
  opts: AxisOptions,
): AxisBand[] {
  const gap = opts.gap ?? 16;
  const minBand = opts.minBand ?? 22;
  const minTick = opts.minTick ?? 4;
  const top = 2 ** physBits;
  const sorted = [...resources].sort((a, b) => a.start - b.start);
  const parts: {
    kind: 'resource' | 'gap';
    start: number;
    end: number;
    resource: Resource | null;
  }[] = [];
  let at = 0;
  for (const r of sorted) {
    if (r.start > at) parts.push({ kind: 'gap', start: at, end: r.start, resource: null });
    parts.push({ kind: 'resource', start: r.start, end: r.end + 1, resource: r });
    at = Math.max(at, r.end + 1);
  }
  if (at < top) parts.push({ kind: 'gap', start: at, end: top, resource: null });

  const gaps = parts.filter((p) => p.kind === 'gap').length;
  const weights = parts.map((p) =>
    p.kind === 'gap' ? 0 : Math.max(1, Math.log2(p.end - p.start)),
  );
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const free = Math.max(0, opts.height - gaps * gap);
  const bands: AxisBand[] = [];
  let y = opts.height;
  parts.forEach((p, i) => {
    const h =
      p.kind === 'gap'
        ? gap
        : Math.max(minBand, totalWeight > 0 ? (free * (weights[i] ?? 0)) / totalWeight : free);
    const y1 = y;
    const y0 = y - h;
    y = y0;
    bands.push({
      ...p,
      y0,
      y1,
      ticks: p.kind === 'resource' ? sectionTicks(p.start, p.end, y0, y1, minTick) : [],
    });
  });
  // Bands never shrink below minBand, so the axis may grow past `height`: shift it back to 0.
  const shift = Math.min(0, y);
  return shift === 0
    ? bands
    : bands.map((b) => ({
        ...b,
        y0: b.y0 - shift,
        y1: b.y1 - shift,
        ticks: b.ticks.map((t) => t - shift),
      }));
}

/** The height the axis actually needs (≥ the requested one when bands had to grow). */
export function axisHeight(bands: readonly AxisBand[]): number {
  return bands.reduce((m, b) => Math.max(m, b.y1), 0);
}
