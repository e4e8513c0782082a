import { describe, expect, it } from 'vitest';
import { orderRows } from './frameOrder';

describe('orderRows (barycentric order of a band)', () => {
  it('puts each row at the mean height of its link sources; ties and unlinked rows by pfn', () => {
    const rows = [
      { id: 'a', pfn: 1 },
      { id: 'b', pfn: 2 },
      { id: 'c', pfn: 3 },
      { id: 'd', pfn: 4 },
      { id: 'e', pfn: 0 },
    ];
    const ys = new Map([
      ['a', [500]],
      ['b', [100, 300]],
      ['c', [200]],
      ['d', [200]],
    ]);
    expect(orderRows(rows, ys).map((r) => r.id)).toEqual(['b', 'c', 'd', 'a', 'e']);
  });
});
