import { describe, expect, it } from 'vitest';
import { IndexMap, IndexSet } from './index_map';

describe('IndexMap / IndexSet (integer keys in 64-wide chunks)', () => {
  it('agrees with a Map on sets, deletes and lookups across chunks, and lists keys ascending', () => {
    const m = new IndexMap<string>();
    const ref = new Map<number, string>();
    // Runs, chunk edges, far keys, revisits in any order (a deterministic walk, not random).
    const keys = [5, 63, 64, 65, 0, 127, 128, 4096, 2 ** 40 + 3, 64, 1_000_000, 63, 2 ** 32, 7];
    keys.forEach((k, i) => {
      m.set(k, `v${i}`);
      ref.set(k, `v${i}`);
    });
    for (const k of [64, 2 ** 40 + 3, 999]) {
      m.delete(k);
      ref.delete(k);
    }
    expect(m.size).toBe(ref.size);
    for (const k of [...keys, 999, 1, 2 ** 32 + 1]) expect(m.get(k)).toBe(ref.get(k));
    expect(m.keys()).toEqual([...ref.keys()].sort((a, b) => a - b));
  });

  it('a set counts each member once and lists them ascending', () => {
    const s = new IndexSet();
    for (const k of [200, 3, 200, 64, 3, 65]) s.add(k);
    expect(s.size).toBe(4);
    expect(s.has(64)).toBe(true);
    expect(s.has(66)).toBe(false);
    s.delete(64);
    expect(s.keys()).toEqual([3, 65, 200]);
  });
});
