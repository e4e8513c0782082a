/**
 * Maps and sets keyed by non-negative integers that a step fills in runs (pfns, vpns): slots in
 * 64-wide chunks (the tables' leaf size), the chunks in a Map by key / 64, and the chunk used last
 * kept at hand. A bulk fault touches tens of thousands of consecutive pfns; a Map or Set of them
 * hashed every key into one table that kept growing, and those lookups were the largest single
 * item of a bulk write's profile (issue 12). Here a run of keys costs one chunk lookup per 64.
 * Iteration is in ascending key order.
 */
const CHUNK = 64;

export class IndexMap<V, K extends number = number> {
  private readonly chunks = new Map<number, (V | undefined)[]>();
  private lastIndex = -1;
  private last: (V | undefined)[] | undefined = undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  private chunk(key: number, make: boolean): (V | undefined)[] | undefined {
    const ci = Math.floor(key / CHUNK);
    if (ci === this.lastIndex) return this.last;
    let c = this.chunks.get(ci);
    if (!c) {
      if (!make) return undefined;
      c = new Array<V | undefined>(CHUNK).fill(undefined);
      this.chunks.set(ci, c);
    }
    this.lastIndex = ci;
    this.last = c;
    return c;
  }

  get(key: number): V | undefined {
    return this.chunk(key, false)?.[key % CHUNK];
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** Store value (never undefined: that is an empty slot). */
  set(key: number, value: V): void {
    const c = this.chunk(key, true) as (V | undefined)[];
    const i = key % CHUNK;
    if (c[i] === undefined) this.count += 1;
    c[i] = value;
  }

  delete(key: number): void {
    const c = this.chunk(key, false);
    const i = key % CHUNK;
    if (c?.[i] === undefined) return;
    c[i] = undefined;
    this.count -= 1;
  }

  /** Every entry, ascending by key (entries added or removed meanwhile may or may not be seen). */
  forEach(visit: (value: V, key: K) => void): void {
    const order = Float64Array.from(this.chunks.keys()).sort();
    for (const ci of order) {
      const c = this.chunks.get(ci) as (V | undefined)[];
      for (let i = 0; i < CHUNK; i++) {
        const v = c[i];
        if (v !== undefined) visit(v, (ci * CHUNK + i) as K);
      }
    }
  }

  /** The keys, ascending. */
  keys(): K[] {
    const out: K[] = [];
    const order = Float64Array.from(this.chunks.keys()).sort();
    for (const ci of order) {
      const c = this.chunks.get(ci) as (V | undefined)[];
      for (let i = 0; i < CHUNK; i++) if (c[i] !== undefined) out.push((ci * CHUNK + i) as K);
    }
    return out;
  }
}

/** A set of non-negative integers (see IndexMap). */
export class IndexSet<K extends number = number> {
  private readonly map = new IndexMap<true, K>();

  get size(): number {
    return this.map.size;
  }

  has(key: number): boolean {
    return this.map.get(key) !== undefined;
  }

  add(key: number): void {
    this.map.set(key, true);
  }

  delete(key: number): void {
    this.map.delete(key);
  }

  /** The members, ascending. */
  keys(): K[] {
    return this.map.keys();
  }
}
