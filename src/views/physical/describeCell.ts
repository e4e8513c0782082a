import { asPfn, lookupPage, type KernelState } from '../../model';
import { hex } from '../shared/format';
import type { GridView } from './gridLayout';

/** One grid cell in words: its pfn range, or its frame's struct page in short. */
export function describeCell(state: KernelState, view: GridView, pfn: number): string {
  if (view.k > 1) return `pfn ${hex(pfn)}–${hex(pfn + view.k - 1)}: Enter zooms in`;
  const p = lookupPage(state, asPfn(pfn));
  return p
    ? `pfn ${hex(pfn)} · ${p.memory} · refcount ${p.refcount} · mapcount ${p.mapcount}${p.locked ? ' · locked' : ''}`
    : `pfn ${hex(pfn)}: no struct page`;
}
