import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedChanges } from './sortedChanges';

const keyOf = (c: { k: number }): number => c.k;

describe('SortedChanges: one table changes looked up by bisection', () => {
  it('answers get, range and countIn as a scan of the list would, sorted or not (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { size: 'medium' }),
        fc.boolean(),
        fc.integer({ min: -5, max: 205 }),
        fc.integer({ min: -5, max: 205 }),
        (ks, sortFirst, a, z) => {
          const list = (sortFirst ? [...ks].sort((x, y) => x - y) : ks).map((k) => ({ k }));
          const s = new SortedChanges(list, keyOf);
          const [lo, hi] = a <= z ? [a, z] : [z, a];
          const inRange = list.filter((c) => c.k >= lo && c.k < hi).sort((x, y) => x.k - y.k);
          expect(s.size).toBe(list.length);
          expect(s.get(a)).toBe(list.find((c) => c.k === a));
          expect(s.range(lo, hi)).toEqual(inRange);
          expect(s.keysIn(lo, hi)).toEqual(inRange.map(keyOf));
          expect(s.countIn(lo, hi)).toBe(inRange.length);
          expect(s.keys()).toEqual([...ks].sort((x, y) => x - y));
        },
      ),
    );
  });
});
