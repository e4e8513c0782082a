/**
 * Write-protect faults (mm/memory.c do_wp_page, wp_page_reuse, wp_page_copy), including v4.14's
 * DEVICE_PUBLIC hole: vm_normal_page() returns NULL for a devmap PTE, so the COW never drops the
 * public page's rmap and reference (kernel-semantics.md §2.10, S-3).
 */
import type { Kernel } from './kernel';
import { call, page, setPte, trace } from './kernel';
import type { Pfn, Pid, Pte, Vma, Vpn } from './types';
import { hex, hexVpn } from './ids';
import type { VmFault } from './fault_types';
import { alloc_page } from './page_alloc';
import { mem_cgroup_try_charge } from './memcontrol';
import { put_page } from './swap';
import { anon_vma_prepare, page_add_new_anon_rmap, page_remove_rmap } from './rmap';
import { PageAnon, _vm_normal_page, inc_mm_counter, mm_counter, vmaWritable } from './mm';
import { mmu_notifier_invalidate_range } from './mmu_notifier';

const FILE = 'mm/memory.c';

export function do_wp_page(k: Kernel, pid: Pid, vma: Vma, vpn: Vpn, pte: Pte): VmFault {
  return call(k, 'do_wp_page', FILE, `write to read-only PTE at ${hexVpn(vpn)}`, () => {
    if (!vmaWritable(vma)) return 'SIGSEGV';
    if (pte.kind !== 'present' && pte.kind !== 'devmap') return 'SIGBUS';
    const old = _vm_normal_page(k.s, pte, false);
    if (!old) {
      // "We should not cow pages in a shared writeable mapping": wp_pfn_shared makes it writable.
      if (vma.shared) return wp_page_reuse(k, pid, vpn, pte, 'wp_pfn_shared');
      if (pte.kind === 'devmap') {
        trace(
          k,
          'vm_normal_page',
          FILE,
          'devmap PTE of a DEVICE_PUBLIC page: NULL (no with_public_device) — v4.14 bug: ' +
            'the public page keeps its reference and mapcount after the copy',
        );
      }
      return wp_page_copy(k, pid, vma, vpn, pte, null);
    }
    if (vma.shared) return wp_page_reuse(k, pid, vpn, pte, 'wp_page_shared');
    if (PageAnon(old) && old.mapcount === 1) {
      // reuse_swap_page(): the only mapping of an anonymous page. v4.14 ignores GUP pins here.
      trace(k, 'reuse_swap_page', 'mm/swapfile.c', `pfn ${hex(old.pfn)} mapcount 1: reuse it`);
      return wp_page_reuse(k, pid, vpn, pte, 'wp_page_reuse');
    }
    return wp_page_copy(k, pid, vma, vpn, pte, old.pfn);
  });
}

function wp_page_reuse(k: Kernel, pid: Pid, vpn: Vpn, pte: Pte, fn: string): VmFault {
  return call(k, fn, FILE, `make ${hexVpn(vpn)} writable in place`, () => {
    if (pte.kind === 'present') setPte(k, pid, vpn, { ...pte, write: true, dirty: true });
    else if (pte.kind === 'devmap') setPte(k, pid, vpn, { ...pte, write: true, dirty: true });
    return 'OK';
  });
}

/** Copy on write: a new anonymous page with the old contents replaces the shared mapping. */
function wp_page_copy(
  k: Kernel,
  pid: Pid,
  vma: Vma,
  vpn: Vpn,
  pte: Pte,
  oldPfn: Pfn | null,
): VmFault {
  return call(k, 'wp_page_copy', FILE, `copy on write at ${hexVpn(vpn)}`, () => {
    anon_vma_prepare(k, pid, vma);
    const src = pte.kind === 'present' || pte.kind === 'devmap' ? pte.pfn : null;
    const zero = pte.kind === 'present' && pte.zero;
    const pfn = alloc_page(
      k,
      zero ? 'alloc_zeroed_user_highpage_movable' : 'alloc_page_vma (copy target)',
    );
    if (pfn === null) return 'OOM';
    // cow_user_page copies the bytes, from the user address when there is no struct page.
    page(k, pfn).value = src !== null && !zero ? page(k, src).value : 0;
    trace(k, 'cow_user_page', FILE, zero ? 'zero-filled' : `copy of pfn ${hex(src ?? 0)}`);
    mem_cgroup_try_charge(k, pfn);
    mmu_notifier_invalidate_range(k, pid, vpn, vpn + 1, 'wp_page_copy');
    if (oldPfn !== null) {
      const old = page(k, oldPfn);
      if (!PageAnon(old)) {
        inc_mm_counter(k, pid, mm_counter(old), -1);
        inc_mm_counter(k, pid, 'anon');
      }
    } else {
      inc_mm_counter(k, pid, 'anon');
    }
    page_add_new_anon_rmap(k, pfn);
    page(k, pfn).lru = true;
    setPte(k, pid, vpn, {
      kind: 'present',
      pfn,
      write: true,
      dirty: true,
      young: true,
      zero: false,
    });
    trace(k, 'set_pte_at', FILE, `${hexVpn(vpn)} → new pfn ${hex(pfn)} writable`);
    if (oldPfn !== null) {
      page_remove_rmap(k, oldPfn);
      put_page(k, oldPfn, "the old mapping's reference");
    }
    return 'OK';
  });
}
