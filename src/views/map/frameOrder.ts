/**
 * The order of a band's rows: by the mean height of the rows that link to them (barycentric
 * ordering, the classic layered-graph heuristic for short, uncrossed links), ties and unlinked
 * frames by pfn. Ordered by pfn alone, a process's pages would link across the whole column.
 */
export interface Placeable {
  readonly id: string;
  /** The pfn the row starts at: the tie-break, and the order of rows nothing links to. */
  readonly pfn: number;
}

/** `sourcesY`: the centre heights of each row's link sources (none: no links). */
export function orderRows<T extends Placeable>(
  rows: readonly T[],
  sourcesY: ReadonlyMap<string, readonly number[]>,
): T[] {
  const bary = (r: T): number => {
    const ys = sourcesY.get(r.id);
    if (!ys || ys.length === 0) return Infinity;
    let sum = 0;
    for (const y of ys) sum += y;
    return sum / ys.length;
  };
  return rows
    .map((r) => ({ r, b: bary(r) }))
    .sort((u, v) => (u.b === v.b ? u.r.pfn - v.r.pfn : u.b - v.b))
    .map((x) => x.r);
}
