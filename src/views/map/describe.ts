/** Words for the map's objects: shared by the step summary, the accessible names and the marks. */
import type { KernelState, Page, Pfn, Pte, Vpn } from '../../model';
import { exhaustive, hex, hexVpn, is_zero_pfn, lookupPage, pfnOwner } from '../../model';

/** "present W", "device-private R", "zero page", "hwpoison", "none". */
export function pteShort(pte: Pte | null | undefined): string {
  if (!pte) return 'none';
  if (pte.kind === 'hwpoison') return 'hwpoison';
  if (pte.kind === 'present' && pte.zero) return 'zero page';
  return `${pte.kind} ${pte.write ? 'W' : 'R'}`;
}

/** "present, read-only", "device-private entry, writable". */
export function pteWords(pte: Pte | null | undefined): string {
  if (!pte) return 'no PTE (none)';
  if (pte.kind === 'hwpoison') return 'hwpoison entry: any access is SIGBUS';
  const w = pte.write ? 'writable' : 'read-only';
  switch (pte.kind) {
    case 'present':
      return pte.zero ? `the shared zero page, ${w}` : `present, ${w}`;
    case 'devmap':
      return `devmap (CPU maps device memory directly), ${w}`;
    case 'device-private':
      return `device-private swap entry, ${w}: the CPU cannot follow it, a touch faults`;
    case 'migration':
      return `migration entry, ${w}: the page is in flight, a touch waits`;
    case 'device-exclusive':
      return `device-exclusive entry, ${w}: a device holds the page; a touch takes it back`;
    default:
      return exhaustive(pte);
  }
}

/** "System RAM", "dmirror0 (device private)". */
export function memoryName(s: KernelState, pfn: Pfn): string {
  const o = pfnOwner(s, pfn);
  if (o.memory === 'system') return 'System RAM';
  if (o.memory === 'none') return 'no memory (hole)';
  return `${o.device?.id ?? '?'} (${o.memory.replace('-', ' ')})`;
}

/** The refcount an idle page of this memory has (free RAM 0, the zero page and a free device page 1). */
export function idleRef(s: KernelState, pfn: Pfn): number {
  if (is_zero_pfn(s, pfn)) return 1;
  return pfnOwner(s, pfn).memory === 'system' ? 0 : 1;
}

/** The stored page or the idle one (free RAM / a device page on its driver's free list). */
export function pageAt(s: KernelState, pfn: Pfn): Page | undefined {
  return lookupPage(s, pfn);
}

/**
 * References a frame's count has that no drawn link explains: the count minus the idle base (1 for
 * device pages), one per PTE that maps it (rmap), GUP pins, the page cache's own reference, and
 * the reference a locked page in migration holds. A leak (the DEVICE_PUBLIC COW hole) shows here.
 */
export function unexplainedRefs(p: Page): number {
  if (p.hwpoison) return 0;
  // The zero page's own reference (PG_reserved); its special PTEs take none.
  const base = p.memory === 'system' && !p.reserved ? 0 : 1;
  const cache = p.mapping?.kind === 'file' ? 1 : 0;
  const inFlight = p.locked ? 1 : 0;
  return Math.max(0, p.refcount - base - p.rmap.length - p.pins - cache - inFlight);
}

/**
 * References held by tasks asleep on the page (v4.14's __migration_entry_wait takes one with
 * get_page_unless_zero while it sleeps on the page lock): explained, though no link draws them.
 */
export function sleeperRefs(s: KernelState, pfn: number): number {
  return (s.waiters ?? []).filter((w) => w.ref === true && w.pfn === pfn).length;
}

/** unexplainedRefs less the sleepers' references: what the map calls leaked. */
export function leakedRefs(s: KernelState, p: Page): number {
  const n = unexplainedRefs(p);
  return n > 0 ? Math.max(0, n - sleeperRefs(s, p.pfn)) : 0;
}

/** "munmap sleeps on mmap_sem", "read sleeps on pfn 0x1's migration entry"; null: it runs. */
export function asleepOf(s: KernelState, pid: number): string | null {
  const w = (s.waiters ?? []).find((x) => x.pid === pid);
  if (!w) return null;
  const on =
    w.on === 'mmap_sem' || w.pfn === undefined ? w.on : `pfn ${hex(w.pfn)}'s migration entry`;
  return `${w.op.op} sleeps on ${on}`;
}

export const addr = (vpn: Vpn | number): string => hexVpn(vpn as Vpn);
export { hex };
