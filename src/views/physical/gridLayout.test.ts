import { must } from '../../test/must';
import { describe, expect, it } from 'vitest';
import {
  cellOf,
  cellRuns,
  centerOn,
  fitRange,
  gridSize,
  isGridKey,
  moveFocus,
  pan,
  pfnAt,
  windowPages,
  zoom,
} from './gridLayout';

describe('fitRange', () => {
  it('shows a small range page by page with cells as big as fit', () => {
    const v = fitRange(0, 16, 320, 100);
    expect(v).toEqual({ from: 0, k: 1, cell: 32 });
  });
  it('aggregates a big range into power-of-two cells', () => {
    const v = fitRange(0x3ffff0000, 0x3ffff0000 + 65536, 600, 200);
    const g = gridSize(600, 200, v.cell);
    expect(v.k).toBeGreaterThan(1);
    expect(Math.log2(v.k) % 1).toBe(0);
    expect(windowPages(v, g)).toBeGreaterThanOrEqual(65536);
    expect(windowPages({ ...v, k: v.k / 2 }, g)).toBeLessThan(65536);
  });
});

describe('gridSize', () => {
  it('rounds columns down to a multiple of 8 once there are 16', () => {
    expect(gridSize(612, 100, 16)).toEqual({ cols: 32, rows: 6 });
    expect(gridSize(120, 100, 10)).toEqual({ cols: 12, rows: 10 });
  });
});

describe('hit testing', () => {
  const v = { from: 1000, k: 4, cell: 10 };
  const g = gridSize(100, 50, 10);
  it('maps a point to the first pfn of its cell and back', () => {
    const pfn = pfnAt(v, g, 35, 12);
    expect(pfn).toBe(1000 + (1 * 10 + 3) * 4);
    expect(cellOf(v, g, must(pfn))).toEqual({ x: 30, y: 10 });
    expect(cellOf(v, g, must(pfn) + 3)).toEqual({ x: 30, y: 10 });
  });
  it('is null outside the grid', () => {
    expect(pfnAt(v, g, 105, 1)).toBeNull();
    expect(pfnAt(v, g, -1, 1)).toBeNull();
  });
});

describe('zoom and pan', () => {
  const g = gridSize(100, 50, 10);
  it('zooms in by shrinking k, then by growing cells, and back out', () => {
    const v = { from: 0, k: 16, cell: 10 };
    const a = zoom(v, g, 'in', 500);
    expect(a.k).toBe(4);
    const b = zoom(zoom(a, g, 'in', 500), g, 'in', 500);
    expect(b).toMatchObject({ k: 1, cell: 16 });
    expect(zoom(b, g, 'out', 500)).toMatchObject({ k: 1, cell: 10 });
  });
  it('keeps the zoom point in the window', () => {
    const v = centerOn({ from: 0, k: 1, cell: 10 }, g, 777);
    expect(777).toBeGreaterThanOrEqual(v.from);
    expect(777).toBeLessThan(v.from + windowPages(v, g));
  });
  it('does not start the window below the range that holds the pfn', () => {
    const v = centerOn({ from: 0, k: 1, cell: 10 }, g, 1010, 1000);
    expect(v.from).toBe(1000);
  });
  it('pans by whole screens and never below 0', () => {
    const v = { from: 100, k: 1, cell: 10 };
    expect(pan(v, g, 1).from).toBe(150);
    expect(pan(v, g, -5).from).toBe(0);
  });
});

describe('cellRuns', () => {
  it('covers a range with at most three rectangles', () => {
    expect(cellRuns(3, 25, 10)).toEqual([
      { col: 3, row: 0, w: 7, h: 1 },
      { col: 0, row: 1, w: 10, h: 1 },
      { col: 0, row: 2, w: 5, h: 1 },
    ]);
    expect(cellRuns(0, 20, 10)).toEqual([{ col: 0, row: 0, w: 10, h: 2 }]);
    expect(cellRuns(5, 5, 10)).toEqual([]);
  });
});

describe('keyboard focus in the grid', () => {
  const g = { cols: 8, rows: 4 };
  const v = { from: 64, k: 1, cell: 10 };
  const MAX = 2 ** 34 - 1;
  it('moves by a cell, a row and to the ends of the row', () => {
    expect(moveFocus(v, g, 70, 'ArrowRight', MAX)).toEqual({ view: v, pfn: 71 });
    expect(moveFocus(v, g, 70, 'ArrowLeft', MAX).pfn).toBe(69);
    expect(moveFocus(v, g, 70, 'ArrowDown', MAX).pfn).toBe(78);
    expect(moveFocus(v, g, 78, 'ArrowUp', MAX).pfn).toBe(70);
    expect(moveFocus(v, g, 70, 'Home', MAX).pfn).toBe(64);
    expect(moveFocus(v, g, 70, 'End', MAX).pfn).toBe(71);
  });
  it('scrolls the window by rows to keep the cell in view', () => {
    // Past the last cell: one row down.
    expect(moveFocus(v, g, 95, 'ArrowRight', MAX)).toEqual({ view: { ...v, from: 72 }, pfn: 96 });
    // Before the first: one row up.
    expect(moveFocus(v, g, 64, 'ArrowUp', MAX)).toEqual({ view: { ...v, from: 56 }, pfn: 56 });
    // A screen at a time.
    expect(moveFocus(v, g, 70, 'PageDown', MAX)).toEqual({ view: { ...v, from: 96 }, pfn: 102 });
  });
  it('stops at pfn 0 and at the end of the address space', () => {
    const top = { ...v, from: 0 };
    expect(moveFocus(top, g, 0, 'ArrowLeft', MAX)).toEqual({ view: top, pfn: 0 });
    expect(moveFocus(top, g, 3, 'ArrowUp', MAX)).toEqual({ view: top, pfn: 3 });
    expect(moveFocus(top, g, 31, 'ArrowRight', 31)).toEqual({ view: top, pfn: 31 });
  });
  it('moves whole cells when a cell holds several pages', () => {
    const big = { from: 0, k: 16, cell: 10 };
    expect(moveFocus(big, g, 35, 'ArrowRight', MAX).pfn).toBe(48);
    expect(moveFocus(big, g, 32, 'ArrowDown', MAX).pfn).toBe(32 + 8 * 16);
  });
  it('knows its keys', () => {
    expect(isGridKey('ArrowUp')).toBe(true);
    expect(isGridKey('Enter')).toBe(false);
    expect(isGridKey(' ')).toBe(false);
  });
});
