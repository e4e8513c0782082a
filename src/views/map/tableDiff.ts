/**
 * Walk two sparse tables (src/model/table.ts) side by side and report the keys whose values differ.
 * Tables are structurally shared between frames (immer), so a group or leaf that is the same object
 * in both is skipped without looking inside: the walk costs what the step changed, not what the
 * machine holds.
 */
import type { Table } from '../../model/types';

export function diffTable<V>(
  a: Table<V> | undefined,
  b: Table<V> | undefined,
  visit: (key: number, before: V | undefined, after: V | undefined) => void,
): void {
  if (a === b) return;
  const ta = a ?? {};
  const tb = b ?? {};
  for (const g of unionKeys(ta, tb)) {
    const ga = ta[g];
    const gb = tb[g];
    if (ga === gb) continue;
    for (const l of unionKeys(ga ?? {}, gb ?? {})) {
      const la = ga?.[l];
      const lb = gb?.[l];
      if (la === lb) continue;
      for (const k of unionKeys(la ?? {}, lb ?? {})) {
        const va = la?.[k];
        const vb = lb?.[k];
        if (va !== vb) visit(k, va, vb);
      }
    }
  }
}

/** Numeric keys of either object, ascending (the tables' keys are integers). */
function unionKeys(a: object, b: object): number[] {
  const s = new Set<number>();
  for (const k of Object.keys(a)) s.add(Number(k));
  for (const k of Object.keys(b)) s.add(Number(k));
  return [...s].sort((x, y) => x - y);
}
