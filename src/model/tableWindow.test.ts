import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyTable, tableRange, tableSet } from './table';
import type { Table } from './types';
import { tableCount, tableIndexOf, tableSlice } from './tableWindow';

const t: Table<string> = emptyTable();
for (const k of [1, 5, 511, 512, 700, 2000, 5000]) tableSet(t, k, `v${k}`);

describe('tableCount', () => {
  it('counts keys in a range, whole leaves and partial ones', () => {
    expect(tableCount(t, 0, 10_000)).toBe(7);
    expect(tableCount(t, 5, 701)).toBe(4);
    expect(tableCount(t, 6000, 7000)).toBe(0);
  });
});

describe('tableSlice', () => {
  it('takes a window in key order', () => {
    expect(tableSlice(t, 0, 10_000, 0, 3).map(([k]) => k)).toEqual([1, 5, 511]);
    expect(tableSlice(t, 0, 10_000, 3, 3).map(([k]) => k)).toEqual([512, 700, 2000]);
    expect(tableSlice(t, 0, 10_000, 6, 3)).toEqual([[5000, 'v5000']]);
  });
  it('respects the range bounds', () => {
    expect(tableSlice(t, 5, 700, 0, 10).map(([k]) => k)).toEqual([5, 511, 512]);
  });
});

describe('tableIndexOf', () => {
  it('is the position of a key among the entries of the range', () => {
    expect(tableIndexOf(t, 0, 10_000, 1)).toBe(0);
    expect(tableIndexOf(t, 0, 10_000, 2000)).toBe(5);
    expect(tableIndexOf(t, 5, 10_000, 2000)).toBe(4);
    expect(tableIndexOf(t, 0, 10_000, 2)).toBe(-1);
    expect(tableIndexOf(t, 0, 1000, 2000)).toBe(-1);
  });
});

describe('windows agree with a plain scan, across leaves and groups', () => {
  it('for random tables, ranges and windows', () => {
    const key = fc.integer({ min: 0, max: 40_000 });
    fc.assert(
      fc.property(
        fc.uniqueArray(key, { maxLength: 400 }),
        key,
        key,
        fc.nat(500),
        fc.integer({ min: 1, max: 40 }),
        (keys, a, b, skip, limit) => {
          const tab: Table<number> = emptyTable();
          for (const k of keys) tableSet(tab, k, k * 2);
          const [from, to] = a <= b ? [a, b] : [b, a];
          const all = tableRange(tab, from, to);
          expect(tableCount(tab, from, to)).toBe(all.length);
          expect(tableSlice(tab, from, to, skip, limit)).toEqual(all.slice(skip, skip + limit));
          const pick = keys[0];
          if (pick !== undefined)
            expect(tableIndexOf(tab, from, to, pick)).toBe(all.findIndex(([k]) => k === pick));
        },
      ),
      { numRuns: 300 },
    );
  });
});
