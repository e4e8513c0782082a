/**
 * fork's page-table copy (mm/memory.c copy_page_range → copy_one_pte, v4.14; §2.10): only VMAs
 * with an anon_vma are copied; COW mappings are write-protected in both mms, device-private write
 * entries are downgraded to read in both.
 */
import type { Kernel } from './kernel';
import { call, getPte, page, setPte, trace, procOrNull } from './kernel';
import type { Pid, Pte, Vma, Vpn } from './types';
import { hex, hexVpn } from './ids';
import { tableRange } from './table';
import { get_page } from './swap';
import { page_dup_rmap } from './rmap';
import { _vm_normal_page, inc_mm_counter, is_cow_mapping, mm_counter } from './mm';
import { mmu_notifier_invalidate_range } from './mmu_notifier';
import { asVpn } from './ids';
import { exhaustive } from './exhaustive';
import { modernCore } from './eras/modern';
import { isModern } from './eras/spec';

const FILE = 'mm/memory.c';

export function copy_page_range(k: Kernel, parent: Pid, child: Pid, vma: Vma): void {
  // "Don't copy ptes where a page fault will fill them correctly": no VM_HUGETLB/PFNMAP/MIXEDMAP
  // in the model, so a VMA without an anon_vma is skipped (v6.12: vma_needs_copy() is false).
  if (!vma.anonVma) {
    const why = vma.shared
      ? 'shared mapping, no anon_vma'
      : 'no anon_vma (never written: only the zero page or page-cache pages)';
    trace(
      k,
      'copy_page_range',
      FILE,
      `${hexVpn(vma.start)}: ${why}: the child will fault its pages in`,
    );
    return;
  }
  call(k, 'copy_page_range', FILE, `[${hexVpn(vma.start)}, ${hexVpn(vma.end)})`, () => {
    // A COW mapping is about to be write-protected: mirrors of the parent must drop it.
    mmu_notifier_invalidate_range(k, parent, vma.start, vma.end, 'copy_page_range (COW)');
    const src = procOrNull(k, parent);
    if (!src) return;
    for (const [vpn, pte] of tableRange(src.ptes, vma.start, vma.end)) {
      copy_one_pte(k, parent, child, vma, asVpn(vpn), pte);
    }
  });
}

/** v4.14 copies every entry in copy_one_pte; v6.12 swap-type entries in copy_nonpresent_pte. */
const nonpresent = (k: Kernel): string => (isModern(k.s) ? 'copy_nonpresent_pte' : 'copy_one_pte');

function copy_one_pte(k: Kernel, parent: Pid, child: Pid, vma: Vma, vpn: Vpn, pte: Pte): void {
  const cow = is_cow_mapping(vma);
  switch (pte.kind) {
    case 'device-private': {
      let childPte: Pte = pte;
      if (pte.write && cow) {
        childPte = { ...pte, write: false };
        setPte(k, parent, vpn, childPte);
        trace(
          k,
          nonpresent(k),
          FILE,
          `${hexVpn(vpn)}: device-private write entry → read in parent and child (COW)`,
        );
      }
      get_page(k, pte.pfn, 'child mapping');
      page_dup_rmap(k, pte.pfn);
      inc_mm_counter(k, child, mm_counter(page(k, pte.pfn)));
      setPte(k, child, vpn, childPte);
      return;
    }
    case 'migration': {
      // copy_one_pte: rss[mm_counter(page)]++; a write migration entry in a COW mapping becomes a
      // read one in both parent and child (make_migration_entry_read). No reference is taken:
      // remove_migration_ptes finds the child's entry through the rmap walk and maps it.
      const childPte: Pte = cow && pte.write ? { ...pte, write: false } : pte;
      if (childPte !== pte) setPte(k, parent, vpn, childPte);
      inc_mm_counter(k, child, mm_counter(page(k, pte.pfn)));
      setPte(k, child, vpn, childPte);
      trace(
        k,
        nonpresent(k),
        FILE,
        `${hexVpn(vpn)}: migration entry copied (no reference)` +
          (childPte !== pte ? ': write entry → read in parent and child (COW)' : ''),
      );
      return;
    }
    case 'hwpoison':
      setPte(k, child, vpn, pte);
      return;
    case 'device-exclusive': {
      // v6.12 copy_nonpresent_pte: try_restore_exclusive_pte() gives the parent its present PTE
      // back (the page is not locked between steps, so the trylock succeeds), then -ENOENT makes
      // copy_pte_range copy it as a present PTE.
      trace(
        k,
        'copy_nonpresent_pte',
        FILE,
        `${hexVpn(vpn)}: device-exclusive entry: try_restore_exclusive_pte, then copy as present`,
      );
      modernCore().restore_exclusive_pte(k, parent, vma, vpn);
      const restored = getPte(k, parent, vpn);
      if (restored) copy_one_pte(k, parent, child, vma, vpn, restored);
      return;
    }
    case 'present':
    case 'devmap': {
      const wp = cow && pte.write;
      const copied: Pte = wp ? { ...pte, write: false } : pte;
      if (wp) setPte(k, parent, vpn, copied);
      const pg = _vm_normal_page(k.s, pte, false);
      if (pg) {
        get_page(k, pg.pfn, 'child mapping');
        page_dup_rmap(k, pg.pfn);
        inc_mm_counter(k, child, mm_counter(pg));
      } else if (pte.kind === 'devmap') {
        // vm_normal_page() is NULL for devmap PTEs: the pte_devmap branch takes the reference.
        get_page(k, pte.pfn, 'child mapping (pte_devmap branch)');
        page_dup_rmap(k, pte.pfn);
        inc_mm_counter(k, child, 'anon');
      }
      setPte(k, child, vpn, copied);
      if (wp) trace(k, 'ptep_set_wrprotect', FILE, `${hexVpn(vpn)} read-only in both (COW)`);
      else if (pg) trace(k, 'copy_one_pte', FILE, `${hexVpn(vpn)} → pfn ${hex(pg.pfn)} shared`);
      return;
    }
    default:
      return exhaustive(pte);
  }
}
