/**
 * One table's changes in key order, looked up by bisection. diffTable walks a table's keys in
 * ascending order, so the step's Change[] already holds each table's changes sorted: indexing a
 * bulk step (131,072 changes) is then a push per change, where a Map keyed per change cost a fifth
 * of the step's layout, and "which changes lie in this band / this bucket" is two bisections
 * instead of a pass over every change.
 */
import { bisectLeft } from 'd3';

export class SortedChanges<C> {
  private readonly keyList: readonly number[];
  private readonly list: readonly C[];

  constructor(list: C[], keyOf: (c: C) => number) {
    let keys = list.map(keyOf);
    let prev = -Infinity;
    let sorted = true;
    for (const k of keys) {
      if (k <= prev) sorted = false;
      prev = k;
    }
    if (!sorted) {
      // Not from one diffTable walk (a hand-made list in a test): order it once here.
      const pairs = list.map((c) => [keyOf(c), c] as const).sort((x, y) => x[0] - y[0]);
      list = pairs.map(([, c]) => c);
      keys = pairs.map(([k]) => k);
    }
    this.keyList = keys;
    this.list = list;
  }

  get size(): number {
    return this.list.length;
  }

  get(key: number): C | undefined {
    const i = bisectLeft(this.keyList, key);
    return this.keyList[i] === key ? this.list[i] : undefined;
  }

  /** The keys in ascending order. */
  keys(): readonly number[] {
    return this.keyList;
  }

  values(): readonly C[] {
    return this.list;
  }

  /** The changes with a key in [lo, hi), in key order. */
  range(lo: number, hi: number): readonly C[] {
    return this.list.slice(bisectLeft(this.keyList, lo), bisectLeft(this.keyList, hi));
  }

  /** The keys in [lo, hi), in order. */
  keysIn(lo: number, hi: number): readonly number[] {
    return this.keyList.slice(bisectLeft(this.keyList, lo), bisectLeft(this.keyList, hi));
  }

  /** How many keys lie in [lo, hi). */
  countIn(lo: number, hi: number): number {
    return bisectLeft(this.keyList, hi) - bisectLeft(this.keyList, lo);
  }
}
