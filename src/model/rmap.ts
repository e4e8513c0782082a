/**
 * Reverse mapping (mm/rmap.c, mm/page_vma_mapped.c): the mapcount helpers, and try_to_unmap with
 * v4.14's page_vma_mapped_walk, whose map_pte() skips every non-present PTE, so device-private
 * entries in other mms are never found (kernel-semantics.md §6.1).
 */
import type { Kernel } from './kernel';
import {
  bug,
  call,
  getPte,
  page,
  proc,
  setPte,
  trace,
  traceFmt,
  vmacache_invalidate,
} from './kernel';
import type { PageMapping, Pfn, Pid, Vma, Vpn } from './types';
import { hex, hexVpn } from './ids';
import { eventSite } from './event_log';
import { put_page } from './swap';
import { mmu_notifier_invalidate_range } from './mmu_notifier';
import { eraSpec } from './eras/spec';
import { find_vma, vmaAt } from './mm';

const FILE = 'mm/rmap.c';

const HAS_ANON_VMA = eventSite(
  'anon_vma_prepare',
  FILE,
  () => 'the VMA already has its anon_vma: nothing to do',
);

/**
 * anon_vma_prepare: the inline test of vma->anon_vma (include/linux/rmap.h), then
 * __anon_vma_prepare here attaches one (a neighbour's or a new one) if the VMA had none. The flag is
 * set on the process's own VMA record (callers may hold a copy, e.g. struct migrate_vma's).
 */
export function anon_vma_prepare(k: Kernel, pid: Pid, vma: Vma): void {
  if ((find_vma(k, pid, vma.start) ?? vma).anonVma) {
    traceFmt(k, HAS_ANON_VMA, 0, 0, 0);
    return;
  }
  // find_vma's VMA is a copy for reading: set the flag on the mm's own and drop the cached copy.
  const live = vmaAt(proc(k, pid), vma.start);
  if (live) {
    live.anonVma = true;
    vmacache_invalidate(k, pid);
  } else vma.anonVma = true;
  trace(k, 'anon_vma_prepare', FILE, 'the VMA gets its anon_vma');
}

/** page->mapping of an anonymous page: one shared, frozen value (it holds no per-page data). */
const ANON_MAPPING: PageMapping = Object.freeze({ kind: 'anon' });

const NEW_ANON_RMAP = eventSite(
  'page_add_new_anon_rmap',
  FILE,
  (pfn: Pfn): string => `pfn ${hex(pfn)}: mapcount 1, page->mapping = anon_vma`,
);

export function page_add_new_anon_rmap(k: Kernel, pfn: Pfn): void {
  const p = page(k, pfn);
  p.mapcount = 1;
  p.mapping = ANON_MAPPING;
  traceFmt(k, NEW_ANON_RMAP, pfn, 0, 0);
}

export function page_add_anon_rmap(k: Kernel, pfn: Pfn): void {
  const p = page(k, pfn);
  p.mapcount += 1;
  if (p.mapping === null) p.mapping = ANON_MAPPING;
  trace(k, 'page_add_anon_rmap', FILE, `pfn ${hex(pfn)}: mapcount → ${p.mapcount}`);
}

export function page_add_file_rmap(k: Kernel, pfn: Pfn): void {
  const p = page(k, pfn);
  p.mapcount += 1;
  trace(k, 'page_add_file_rmap', FILE, `pfn ${hex(pfn)}: mapcount → ${p.mapcount}`);
}

export function page_dup_rmap(k: Kernel, pfn: Pfn): void {
  const p = page(k, pfn);
  p.mapcount += 1;
  trace(k, 'page_dup_rmap', 'include/linux/rmap.h', `pfn ${hex(pfn)}: mapcount → ${p.mapcount}`);
}

export function page_remove_rmap(k: Kernel, pfn: Pfn): void {
  const p = page(k, pfn);
  p.mapcount -= 1;
  if (p.mapcount < 0) bug(k, 'I-7', `page_remove_rmap drove pfn ${hex(pfn)} mapcount below 0`);
  trace(k, 'page_remove_rmap', FILE, `pfn ${hex(pfn)}: mapcount → ${p.mapcount}`);
}

export const page_mapped = (k: Kernel, pfn: Pfn): boolean => page(k, pfn).mapcount > 0;

/**
 * try_to_unmap(page, TTU_MIGRATION): replace every other mapping of the page with a migration
 * entry. Returns true when the page is no longer mapped.
 */
export function try_to_unmap_migration(k: Kernel, pfn: Pfn): boolean {
  const era = eraSpec(k.s);
  // v5.14 split try_to_migrate() out of try_to_unmap(TTU_MIGRATION) (b756a3b5e7ea).
  const fn = era.rmapSeesDevicePrivate ? 'try_to_migrate' : 'try_to_unmap';
  return call(
    k,
    fn,
    FILE,
    `${fn === 'try_to_unmap' ? 'TTU_MIGRATION ' : ''}for pfn ${hex(pfn)}`,
    () => {
      const p = page(k, pfn);
      if (p.memory === 'device-public') {
        // try_to_unmap_one returns at once for ZONE_DEVICE pages that are not private.
        trace(k, 'try_to_unmap_one', FILE, 'DEVICE_PUBLIC page: nothing done (not private)');
        return !page_mapped(k, pfn);
      }
      for (const ref of [...p.rmap]) {
        const pte = getPte(k, ref.pid, ref.vpn);
        if (!pte) continue;
        // A device-exclusive entry holds no mapcount, so page_mapped() is already false for it.
        if (pte.kind === 'migration' || pte.kind === 'hwpoison' || pte.kind === 'device-exclusive')
          continue;
        if (pte.kind === 'device-private' && era.rmapSeesDevicePrivate) {
          trace(
            k,
            'page_vma_mapped_walk',
            'mm/page_vma_mapped.c',
            `pid ${ref.pid} ${hexVpn(ref.vpn)}: check_pte() matches the device-private entry ` +
              '(fixed since "mm/rmap: map_pte() was not handling private ZONE_DEVICE page ' +
              'properly", v4.20)',
          );
        } else if (pte.kind === 'device-private') {
          trace(
            k,
            'page_vma_mapped_walk',
            'mm/page_vma_mapped.c',
            `pid ${ref.pid} ${hexVpn(ref.vpn)}: map_pte() skips the non-present device-private ` +
              'entry without PVMW_SYNC (v4.14 bug, fixed in 2018): this mapping is not found',
          );
          continue;
        }
        try_to_unmap_one(k, pfn, ref.pid, ref.vpn, pte.write);
      }
      return !page_mapped(k, pfn);
    },
  );
}

function try_to_unmap_one(k: Kernel, pfn: Pfn, pid: Pid, vpn: Vpn, write: boolean): void {
  const era = eraSpec(k.s);
  const fn = era.rmapSeesDevicePrivate ? 'try_to_migrate_one' : 'try_to_unmap_one';
  call(k, fn, FILE, `pid ${pid} ${hexVpn(vpn)} → migration entry`, () => {
    mmu_notifier_invalidate_range(k, pid, vpn, vpn + 1, fn);
    const devicePrivate = page(k, pfn).memory === 'device-private';
    // v4.14: a device-private page gets make_migration_entry(page, 0): write permission is lost.
    // v6.12: is_writable_device_private_entry → make_writable_migration_entry.
    const keep = !devicePrivate || era.migrationKeepsWrite;
    setPte(k, pid, vpn, { kind: 'migration', pfn, write: keep ? write : false });
    page_remove_rmap(k, pfn);
    put_page(k, pfn, 'the mapping is now a migration entry');
  });
}
