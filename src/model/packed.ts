/**
 * Many short lists of numbers in one growing typed array: list i is values[starts[i]..starts[i+1]).
 * A long trace keeps a list per step (the calls it made, the pages it touched); one array of
 * numbers costs a few bytes a value, where an array object per step cost a hundred more.
 */
type Values = Float64Array | Uint16Array;

export class PackedLists<T extends Values> {
  private n = 0;
  private starts = new Uint32Array(256);
  private lists = 0;

  constructor(private values: T) {}

  get length(): number {
    return this.lists;
  }

  /** Append one list. */
  push(list: ArrayLike<number>): void {
    if (this.n + list.length > this.values.length) {
      let size = this.values.length * 2;
      while (size < this.n + list.length) size *= 2;
      const next = new (this.values.constructor as new (n: number) => T)(size);
      next.set(this.values);
      this.values = next;
    }
    for (let k = 0; k < list.length; k++) this.values[this.n++] = list[k] as number;
    if (this.lists + 1 >= this.starts.length) {
      const next = new Uint32Array(this.starts.length * 2);
      next.set(this.starts);
      this.starts = next;
    }
    this.lists += 1;
    this.starts[this.lists] = this.n;
  }

  /** List i (a view into the shared array: copy it to keep it). */
  get(i: number): T {
    return this.values.subarray(this.starts[i] ?? 0, this.starts[i + 1] ?? 0) as T;
  }

  /** Lists from `from` on, for another PackedLists (the trace worker streams them). */
  since(from: number): { readonly counts: number[]; readonly values: T } {
    const counts: number[] = [];
    for (let i = from; i < this.lists; i++)
      counts.push((this.starts[i + 1] ?? 0) - (this.starts[i] ?? 0));
    return { counts, values: this.values.slice(this.starts[from] ?? 0, this.n) as T };
  }

  /** Append what `since` made on the other side. */
  add(chunk: { readonly counts: readonly number[]; readonly values: ArrayLike<number> }): void {
    let k = 0;
    for (const c of chunk.counts) {
      const list: number[] = [];
      for (let j = 0; j < c; j++) list.push(chunk.values[k++] as number);
      this.push(list);
    }
  }
}
