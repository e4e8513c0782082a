/**
 * The page-frame grid: a window of `cols × rows` cells, each covering `k` pages (a power of two),
 * starting at pfn `from`. Pure geometry: fitting a range, zooming, panning and hit testing.
 */

export interface GridView {
  /** First pfn of the window (a multiple of k). */
  readonly from: number;
  /** Pages per cell: 1, 2, 4, … */
  readonly k: number;
  /** Cell size in CSS pixels (square). */
  readonly cell: number;
}

export interface GridSize {
  readonly cols: number;
  readonly rows: number;
}

export const MIN_CELL = 10;
export const MAX_CELL = 32;

/** Columns come in multiples of 8 (when there are at least 16), so rows start at round pfns. */
export function gridSize(width: number, height: number, cell: number): GridSize {
  const fit = Math.max(1, Math.floor(width / cell));
  const cols = fit >= 16 ? Math.floor(fit / 8) * 8 : fit;
  return { cols, rows: Math.max(1, Math.floor(height / cell)) };
}

/** Pages the window covers. */
export const windowPages = (v: GridView, g: GridSize): number => g.cols * g.rows * v.k;

const alignDown = (n: number, k: number): number => Math.floor(n / k) * k;

/** The view that shows [start, end) whole with the smallest k (and cells as big as fit at k = 1). */
export function fitRange(start: number, end: number, width: number, height: number): GridView {
  const pages = Math.max(1, end - start);
  for (let cell = MAX_CELL; cell >= MIN_CELL; cell -= 2) {
    const g = gridSize(width, height, cell);
    if (g.cols * g.rows >= pages) return { from: start, k: 1, cell };
  }
  const g = gridSize(width, height, MIN_CELL);
  let k = 1;
  while (g.cols * g.rows * k < pages) k *= 2;
  return { from: alignDown(start, k), k, cell: MIN_CELL };
}

/** Zoom in (factor < 1) or out (factor > 1) around a pfn, keeping it in the window. */
export function zoom(v: GridView, g: GridSize, dir: 'in' | 'out', around: number): GridView {
  if (dir === 'in') {
    if (v.k === 1) return v.cell >= MAX_CELL ? v : { ...v, cell: Math.min(MAX_CELL, v.cell + 6) };
    const k = Math.max(1, v.k / 4);
    return centerOn({ from: v.from, k, cell: MIN_CELL }, g, around);
  }
  if (v.k === 1 && v.cell > MIN_CELL) return { ...v, cell: Math.max(MIN_CELL, v.cell - 6) };
  return centerOn({ from: v.from, k: v.k * 4, cell: MIN_CELL }, g, around);
}

/** The window that puts `pfn` near the middle, not starting below `floor` (its range's start). */
export function centerOn(v: GridView, g: GridSize, pfn: number, floor = 0): GridView {
  const half = Math.floor(windowPages(v, g) / 2);
  const from = Math.max(alignDown(pfn - half, v.k * g.cols), alignDown(floor, v.k));
  return { ...v, from: Math.max(0, Math.min(from, alignDown(pfn, v.k))) };
}

/** Move the window by whole screens (negative: toward 0). */
export function pan(v: GridView, g: GridSize, screens: number): GridView {
  return { ...v, from: Math.max(0, v.from + Math.round(screens * g.rows) * g.cols * v.k) };
}

export const inWindow = (v: GridView, g: GridSize, pfn: number): boolean =>
  pfn >= v.from && pfn < v.from + windowPages(v, g);

/** Top-left pixel of the cell holding pfn (which must be in the window). */
export function cellOf(v: GridView, g: GridSize, pfn: number): { x: number; y: number } {
  const i = Math.floor((pfn - v.from) / v.k);
  return { x: (i % g.cols) * v.cell, y: Math.floor(i / g.cols) * v.cell };
}

/** First pfn of the cell under a point, or null outside the grid. */
export function pfnAt(v: GridView, g: GridSize, x: number, y: number): number | null {
  const col = Math.floor(x / v.cell);
  const row = Math.floor(y / v.cell);
  if (x < 0 || y < 0 || col >= g.cols || row >= g.rows) return null;
  return v.from + (row * g.cols + col) * v.k;
}

/**
 * The rectangles that cover cells [a, b) of the window in row-major order: at most three (a
 * partial first row, whole middle rows, a partial last row). Units are cells.
 */
export function cellRuns(
  a: number,
  b: number,
  cols: number,
): { col: number; row: number; w: number; h: number }[] {
  if (b <= a) return [];
  const out: { col: number; row: number; w: number; h: number }[] = [];
  let i = a;
  const r0 = Math.floor(i / cols);
  if (i % cols !== 0) {
    const end = Math.min(b, (r0 + 1) * cols);
    out.push({ col: i % cols, row: r0, w: end - i, h: 1 });
    i = end;
  }
  const full = Math.floor((b - i) / cols);
  if (full > 0) {
    out.push({ col: 0, row: Math.floor(i / cols), w: cols, h: full });
    i += full * cols;
  }
  if (i < b) out.push({ col: 0, row: Math.floor(i / cols), w: b - i, h: 1 });
  return out;
}
