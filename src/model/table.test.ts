import fc from 'fast-check';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import {
  LEAF_SIZE,
  beginTableStep,
  emptyTable,
  endTableStep,
  tableDelete,
  tableEntries,
  tableGet,
  tableRange,
  tableSet,
  tableSize,
} from './table';
import type { Table } from './types';

const key = fc.oneof(fc.nat(5000), fc.nat(2 ** 36));

describe('radix table (the shape of a page table)', () => {
  it('agrees with a Map under sets and deletes, in key order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), key), { maxLength: 200 }), (ops) => {
        const t = emptyTable<number>();
        const ref = new Map<number, number>();
        for (const [del, k] of ops) {
          if (del) {
            tableDelete(t, k);
            ref.delete(k);
          } else {
            tableSet(t, k, k + 1);
            ref.set(k, k + 1);
          }
        }
        const want = [...ref].sort((a, b) => a[0] - b[0]);
        expect(tableEntries(t)).toEqual(want);
        expect(tableSize(t)).toBe(ref.size);
        for (const [k, v] of want) expect(tableGet(t, k)).toBe(v);
        if (ref.size === 0) expect(t).toEqual(emptyTable());
      }),
    );
  });

  it('answers a range from the leaves that overlap it', () => {
    const t = emptyTable<string>();
    for (const k of [1, 63, 64, 4095, 4096, 2 ** 30]) tableSet(t, k, `v${k}`);
    expect(tableRange(t, 63, 4097).map(([k]) => k)).toEqual([63, 64, 4095, 4096]);
    expect(tableRange(t, 2 ** 30, 2 ** 30 + 1)).toEqual([[2 ** 30, `v${2 ** 30}`]]);
  });

  it('keeps every node at LEAF_SIZE slots however many keys it holds', () => {
    const t = emptyTable<number>();
    for (let k = 0; k < 70_000; k += 7) tableSet(t, k, k);
    const sizes = new Set<number>();
    const visit = (n: unknown, level: number): void => {
      if (!Array.isArray(n)) return;
      sizes.add(n.length);
      if (level > 0) for (const c of n) visit(c, level - 1);
    };
    visit(t.root, t.height - 1);
    expect([...sizes]).toEqual([LEAF_SIZE]);
  });

  it('copies one node per level under immer and shares the rest', () => {
    const base = emptyTable<number>();
    for (let k = 0; k < 10_000; k++) tableSet(base, k, k);
    const next = produce(base, (d: Table<number>) => {
      tableSet(d, 5000, -1);
    });
    expect(tableGet(next, 5000)).toBe(-1);
    expect(tableGet(base, 5000)).toBe(5000);
    const root = next.root ?? [];
    const shared = root.filter((n, i) => n !== undefined && n === base.root?.[i]).length;
    expect(shared).toBe(root.filter((n) => n !== undefined).length - 1);
  });

  it('in a step, copies each shared node once, writes its own copies in place, and freezes them', () => {
    const base = emptyTable<{ v: number }>();
    for (let k = 0; k < 10_000; k++) tableSet(base, k, { v: k });
    const next = produce(base, (d: Table<{ v: number }>) => {
      beginTableStep(true);
      tableSet(d, 5000, { v: -1 });
      const root = d.root;
      tableSet(d, 5001, { v: -2 });
      // The second write in the same leaf copied nothing more.
      expect(d.root).toBe(root);
      endTableStep();
    });
    expect([tableGet(next, 5000)?.v, tableGet(next, 5001)?.v]).toEqual([-1, -2]);
    expect(tableGet(base, 5000)?.v).toBe(5000);
    expect(Object.isFrozen(next.root)).toBe(true);
    expect(Object.isFrozen(tableGet(next, 5000))).toBe(true);
    const shared = (next.root ?? []).filter((n, i) => n !== undefined && n === base.root?.[i]);
    expect(shared.length).toBe((base.root ?? []).filter((n) => n !== undefined).length - 1);
  });

  it('gives back the original path when a step writes a value back as it was', () => {
    const base = emptyTable<number>();
    for (let k = 0; k < 10_000; k++) tableSet(base, k, k);
    const next = produce(base, (d: Table<number>) => {
      beginTableStep(false);
      tableSet(d, 4242, 0);
      tableSet(d, 4242, 4242);
      tableDelete(d, 77);
      tableSet(d, 77, 77);
      endTableStep();
    });
    expect(next.root).toBe(base.root);
  });
});

describe('the leaf cache of tableGet (the last leaf read of each of a few tables)', () => {
  it('reads what was written, interleaving five tables and the states before and after a step', () => {
    const small = fc.oneof(fc.nat(40), fc.nat(200), fc.nat(2 ** 33));
    const what = fc.constantFrom('get', 'get', 'set', 'set', 'delete');
    const op = fc.tuple(fc.nat(4), what, small);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        // Five tables (more than the cache holds), each with a shared start state and a Map.
        const base = Array.from({ length: 5 }, (_, i) => {
          const t = emptyTable<number>();
          for (let k = 0; k < 130; k += 3) tableSet(t, k, i * 1000 + k);
          return t;
        });
        const before = base.map((t) => tableEntries(t));
        const refs = before.map((e) => new Map(e));
        const after = produce(base, (d) => {
          beginTableStep(false);
          for (const [i, what, k] of ops) {
            const t = d[i] as Table<number>;
            const ref = refs[i] as Map<number, number>;
            if (what === 'set') {
              tableSet(t, k, k + i);
              ref.set(k, k + i);
            } else if (what === 'delete') {
              tableDelete(t, k);
              ref.delete(k);
            } else expect(tableGet(t, k)).toBe(ref.get(k));
          }
          endTableStep();
        });
        after.forEach((t, i) => {
          const ref = refs[i] as Map<number, number>;
          for (const [k] of ops.filter(([j]) => j === i)) expect(tableGet(t, k)).toBe(ref.get(k));
          expect(tableEntries(t)).toEqual([...ref].sort((a, b) => a[0] - b[0]));
        });
        // The states before the step still read as they were.
        base.forEach((t, i) => {
          for (const [k, v] of before[i] ?? []) expect(tableGet(t, k)).toBe(v);
          for (const [j, , k] of ops)
            if (j === i) expect(tableGet(t, k)).toBe(new Map(before[i]).get(k));
        });
      }),
      { numRuns: 60 },
    );
  });

  it('a read after a write in the same leaf sees the write (the step copied the leaf)', () => {
    const t = emptyTable<number>();
    for (let k = 0; k < 130; k += 3) tableSet(t, k, k);
    produce([t], (d) => {
      beginTableStep(false);
      const x = d[0] as Table<number>;
      expect(tableGet(x, 3)).toBe(3);
      tableSet(x, 4, 44);
      expect(tableGet(x, 4)).toBe(44);
      expect(tableGet(t, 4)).toBeUndefined();
      endTableStep();
    });
  });
});
