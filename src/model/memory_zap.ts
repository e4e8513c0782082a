/**
 * Tearing down mappings (mm/memory.c zap_pte_range, §2.11): munmap, exit and MADV_DONTNEED.
 * A device-private page's last mapping going away frees it at once: the driver's free callback
 * runs synchronously.
 */
import type { Kernel } from './kernel';
import { call, page, setPte, trace, procOrNull } from './kernel';
import type { Pid, Vma } from './types';
import { asVpn, hex, hexVpn } from './ids';
import { tableRange } from './table';
import { put_page } from './swap';
import { page_remove_rmap } from './rmap';
import { _vm_normal_page, inc_mm_counter, mm_counter } from './mm';
import { mmu_notifier_invalidate_range } from './mmu_notifier';
import { exhaustive } from './exhaustive';

const FILE = 'mm/memory.c';

export function zap_page_range(k: Kernel, pid: Pid, vma: Vma, from: number, to: number): void {
  const p = procOrNull(k, pid);
  if (!p) return;
  call(k, 'zap_pte_range', FILE, `[${hexVpn(asVpn(from))}, ${hexVpn(asVpn(to))})`, () => {
    mmu_notifier_invalidate_range(k, pid, from, to, 'unmap');
    for (const [vpnNum, pte] of tableRange(
      p.ptes,
      Math.max(from, vma.start),
      Math.min(to, vma.end),
    )) {
      const vpn = asVpn(vpnNum);
      switch (pte.kind) {
        case 'present':
        case 'devmap': {
          const pg = _vm_normal_page(k.s, pte, true);
          setPte(k, pid, vpn, null);
          if (!pg) break;
          inc_mm_counter(k, pid, mm_counter(pg), -1);
          page_remove_rmap(k, pg.pfn);
          // __tlb_remove_page: the reference is dropped when the mmu_gather is flushed.
          put_page(k, pg.pfn, 'tlb_flush_mmu → release_pages');
          break;
        }
        case 'device-private': {
          setPte(k, pid, vpn, null);
          inc_mm_counter(k, pid, mm_counter(page(k, pte.pfn)), -1);
          page_remove_rmap(k, pte.pfn);
          trace(
            k,
            'zap_pte_range',
            FILE,
            `${hexVpn(vpn)}: device-private entry of pfn ${hex(pte.pfn)}`,
          );
          put_page(k, pte.pfn, 'device-private mapping gone');
          break;
        }
        case 'device-exclusive': {
          // v6.12: rss[mm_counter]--, folio_put; no rmap to remove (the entry has no mapcount).
          setPte(k, pid, vpn, null);
          inc_mm_counter(k, pid, mm_counter(page(k, pte.pfn)), -1);
          trace(
            k,
            'zap_pte_range',
            FILE,
            `${hexVpn(vpn)}: device-exclusive entry of pfn ${hex(pte.pfn)} (no mapcount to drop)`,
          );
          put_page(k, pte.pfn, 'device-exclusive mapping gone');
          break;
        }
        case 'migration':
          // zap_pte_range: is_migration_entry → rss[mm_counter(migration_entry_to_page())]--; the
          // entry holds no reference, so nothing is put. The paused migration still owns the page.
          setPte(k, pid, vpn, null);
          inc_mm_counter(k, pid, mm_counter(page(k, pte.pfn)), -1);
          trace(
            k,
            'zap_pte_range',
            FILE,
            `${hexVpn(vpn)}: migration entry of pfn ${hex(pte.pfn)} cleared (no reference held)`,
          );
          break;
        case 'hwpoison':
          setPte(k, pid, vpn, null);
          break;
        default:
          return exhaustive(pte);
      }
    }
  });
}
