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
    this.reserve(list.length);
    for (let k = 0; k < list.length; k++) this.values[this.n++] = list[k] as number;
    this.close(this.n);
  }

  /** Room for `more` values after the n held. */
  private reserve(more: number): void {
    if (this.n + more <= this.values.length) return;
    let size = this.values.length * 2;
    while (size < this.n + more) size *= 2;
    const next = new (this.values.constructor as new (n: number) => T)(size);
    next.set(this.values);
    this.values = next;
  }

  /** End the next list at `end`. */
  private close(end: number): void {
    if (this.lists + 1 >= this.starts.length) {
      const next = new Uint32Array(this.starts.length * 2);
      next.set(this.starts);
      this.starts = next;
    }
    this.lists += 1;
    this.starts[this.lists] = end;
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

  /**
   * Append what `since` made on the other side: its values in one copy. Building an array per
   * list and pushing it was among the page's heaviest functions while a 100,000-step trace
   * arrived (bench/longtask.bench.ts --profile).
   */
  add(chunk: { readonly counts: readonly number[]; readonly values: ArrayLike<number> }): void {
    let total = 0;
    for (const c of chunk.counts) total += c;
    const v = chunk.values;
    if (v.length < total) throw new RangeError(`lists of ${total} values sent with ${v.length}`);
    this.reserve(total);
    // The values past the counted ones (a chunk cut short by its counts) are not lists.
    this.values.set(v.length === total ? v : Array.prototype.slice.call(v, 0, total), this.n);
    for (const c of chunk.counts) this.close((this.n += c));
  }
}
