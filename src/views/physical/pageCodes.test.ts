import { describe, expect, it } from 'vitest';
import { tableLeaves, tableOf, type Page, type Table } from '../../model';
import { page } from '../../test/fixtures';
import { must } from '../../test/must';
import { CODE, forEachBusyCell, leafPyramid, pageCode } from './pageCodes';

function pages(list: Page[]): Table<Page> {
  return tableOf(list.map((p) => [p.pfn, p] as const));
}

function busy(t: Table<Page>, from: number, to: number, k: number): [number, number][] {
  const out: [number, number][] = [];
  forEachBusyCell(t, from, to, k, (pfn, code) => out.push([pfn, code]));
  return out.sort((a, b) => a[0] - b[0]);
}

describe('pageCode', () => {
  it('orders states by interest', () => {
    expect(pageCode(page(1, { mapcount: 0 }))).toBe(CODE.used);
    expect(pageCode(page(1))).toBe(CODE.mapped);
    expect(pageCode(page(1, { mapcount: 2 }))).toBe(CODE.shared);
    expect(pageCode(page(1, { locked: true }))).toBe(CODE.locked);
  });
});

describe('forEachBusyCell', () => {
  const t = pages([page(3), page(5, { locked: true }), page(600, { mapcount: 0 }), page(5000)]);

  it('lists stored pages one by one at k = 1', () => {
    expect(busy(t, 0, 1024, 1)).toEqual([
      [3, CODE.mapped],
      [5, CODE.locked],
      [600, CODE.used],
    ]);
  });
  it('aggregates to the most interesting page of each cell', () => {
    expect(busy(t, 0, 1024, 8)).toEqual([
      [0, CODE.locked],
      [600, CODE.used],
    ]);
  });
  it('aggregates across leaves when a cell is bigger than a leaf', () => {
    expect(busy(t, 0, 8192, 2048)).toEqual([
      [0, CODE.locked],
      [4096, CODE.mapped],
    ]);
  });
  it('visits only the window', () => {
    expect(busy(t, 512, 1024, 1)).toEqual([[600, CODE.used]]);
  });
  it('reuses the summary of an unchanged leaf', () => {
    const leaf = must(tableLeaves(t, 0, 16)[0]?.[1]);
    expect(leafPyramid(leaf)).toBe(leafPyramid(leaf));
  });
});
