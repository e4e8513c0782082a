import { describe, expect, it } from 'vitest';
import { tableSet } from '../../model/table';
import type { Table } from '../../model/types';
import { countIn, sliceIn } from './tableWindow';

const t: Table<string> = {};
for (const k of [1, 5, 511, 512, 700, 2000, 5000]) tableSet(t, k, `v${k}`);

describe('countIn', () => {
  it('counts keys in a range, whole leaves and partial ones', () => {
    expect(countIn(t, 0, 10_000)).toBe(7);
    expect(countIn(t, 5, 701)).toBe(4);
    expect(countIn(t, 6000, 7000)).toBe(0);
  });
});

describe('sliceIn', () => {
  it('takes a window in key order', () => {
    expect(sliceIn(t, 0, 10_000, 0, 3).map(([k]) => k)).toEqual([1, 5, 511]);
    expect(sliceIn(t, 0, 10_000, 3, 3).map(([k]) => k)).toEqual([512, 700, 2000]);
    expect(sliceIn(t, 0, 10_000, 6, 3)).toEqual([[5000, 'v5000']]);
  });
  it('respects the range bounds', () => {
    expect(sliceIn(t, 5, 700, 0, 10).map(([k]) => k)).toEqual([5, 511, 512]);
  });
});
