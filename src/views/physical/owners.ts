/** What idle frames are, by pfn range: reserved, free RAM, free device memory; the rest is a hole. */
import { own, RAM_RESERVED_PAGES, zero_pfn, type KernelState } from '../../model';

export type Base = 'reserved' | 'ram' | 'device';

export interface OwnerRange {
  readonly start: number;
  readonly end: number;
  readonly base: Base;
}

const memo = new WeakMap<object, OwnerRange[]>();

/** Sorted, disjoint ranges of pfns that have a struct page. Memoised by the devices record. */
export function ownerRanges(s: KernelState): OwnerRange[] {
  const hit = memo.get(s.devices);
  if (hit && hit[2]?.end === s.machine.ramPages) return hit;
  // pfn 0 (the BIOS page), the buddy allocator's RAM, then the kernel image (the zero page).
  const zero = zero_pfn(s);
  const out: OwnerRange[] = [
    { start: 0, end: RAM_RESERVED_PAGES, base: 'reserved' },
    { start: RAM_RESERVED_PAGES, end: zero, base: 'ram' },
    { start: zero, end: s.machine.ramPages, base: 'reserved' },
  ];
  for (const id of s.deviceOrder) {
    for (const c of own(s.devices, id)?.chunks ?? []) {
      if (c.live) out.push({ start: c.pfnFirst, end: c.pfnLast, base: 'device' });
    }
  }
  out.sort((a, b) => a.start - b.start);
  memo.set(s.devices, out);
  return out;
}
