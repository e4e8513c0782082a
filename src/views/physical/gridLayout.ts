/**
 * The page-frame grid: a window of `cols × rows` cells, each covering `k` pages (a power of two),
 * starting at pfn `from`. Pure geometry: fitting a range, zooming, panning and hit testing.
 */

import { exhaustive } from '../../model';

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

/** Keys the focused grid handles (and so never reach the transport). */
export const GRID_KEYS = [
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
] as const;
export type GridKey = (typeof GRID_KEYS)[number];

export const isGridKey = (key: string): key is GridKey =>
  (GRID_KEYS as readonly string[]).includes(key);

/**
 * Shift the window by whole rows (so columns keep their pfns) until `pfn` is in it. Never below 0.
 */
export function keepInView(v: GridView, g: GridSize, pfn: number): GridView {
  const row = g.cols * v.k;
  if (pfn < v.from) {
    const rows = Math.ceil((v.from - pfn) / row);
    return { ...v, from: Math.max(0, v.from - rows * row) };
  }
  const end = v.from + windowPages(v, g);
  if (pfn >= end) {
    const rows = Math.ceil((pfn - end + 1) / row);
    return { ...v, from: v.from + rows * row };
  }
  return v;
}

/**
 * Move the keyboard focus cell: arrows by a cell or a row, Home/End to the ends of the row,
 * PageUp/PageDown by a screen. The window scrolls by rows to keep the cell in it. `pfn` is the
 * first pfn of the focused cell; `maxPfn` the last pfn of the address space.
 */
export function moveFocus(
  v: GridView,
  g: GridSize,
  pfn: number,
  key: GridKey,
  maxPfn: number,
): { view: GridView; pfn: number } {
  const k = v.k;
  const row = g.cols * k;
  const at = alignDown(Math.max(0, pfn), k);
  // Column of the cell in the window's rows (the window starts at a row boundary).
  const col = Math.floor(((((at - v.from) % row) + row) % row) / k);
  let next: number;
  switch (key) {
    case 'ArrowLeft':
      next = at - k;
      break;
    case 'ArrowRight':
      next = at + k;
      break;
    case 'ArrowUp':
      next = at - row;
      break;
    case 'ArrowDown':
      next = at + row;
      break;
    case 'Home':
      next = at - col * k;
      break;
    case 'End':
      next = at + (g.cols - 1 - col) * k;
      break;
    case 'PageUp':
      next = at - g.rows * row;
      break;
    case 'PageDown':
      next = at + g.rows * row;
      break;
    default:
      return exhaustive(key);
  }
  if (next < 0 || next > maxPfn) return { view: v, pfn: at };
  if (key === 'PageUp' || key === 'PageDown') {
    const from = Math.max(0, v.from + (next - at));
    return { view: keepInView({ ...v, from }, g, next), pfn: next };
  }
  return { view: keepInView(v, g, next), pfn: next };
}
