/**
 * memory_failure (mm/memory-failure.c, v4.14): a frame reports an uncorrectable error. The page
 * is marked PG_hwpoison and kept out of use with one reference; hwpoison_user_mappings replaces
 * every mapping with a hwpoison entry (try_to_unmap with TTU_HWPOISON), so the next access by any
 * process takes VM_FAULT_HWPOISON → SIGBUS. With vm.memory_failure_early_kill = 0 (the default)
 * nobody is killed until they touch it.
 */
import type { Kernel } from './kernel';
import { call, getPte, page, setPte, trace } from './kernel';
import type { Pfn, Pid, Vpn } from './types';
import { Errno } from './ops';
import { asVpn, hex, hexVpn } from './ids';
import { get_page, put_page } from './swap';
import { page_remove_rmap } from './rmap';
import { inc_mm_counter, mm_counter } from './mm';
import { mmu_notifier_invalidate_range } from './mmu_notifier';

const FILE = 'mm/memory-failure.c';

export function memory_failure_range(k: Kernel, pid: Pid, start: Vpn, n: number): number {
  let ret = 0;
  for (let i = 0; i < n; i++) {
    const vpn = asVpn(start + i);
    const pte = getPte(k, pid, vpn);
    if (!pte || pte.kind === 'hwpoison' || pte.kind === 'migration') {
      trace(
        k,
        'memory_failure',
        FILE,
        `${hexVpn(vpn)}: no page frame behind it: nothing to poison`,
      );
      continue;
    }
    const r = memory_failure(k, pte.pfn);
    if (r !== 0) ret = r;
  }
  return ret;
}

function memory_failure(k: Kernel, pfn: NonNullable<ReturnType<typeof page>>['pfn']): number {
  return call(k, 'memory_failure', FILE, `uncorrectable error in pfn ${hex(pfn)}`, () => {
    const p = page(k, pfn);
    if (p.memory !== 'system') return memory_failure_zone_device(k, pfn);
    if (p.reserved) return memory_failure_reserved(k, pfn);
    if (p.hwpoison) {
      trace(k, 'memory_failure', FILE, 'already hardware poisoned');
      return 0;
    }
    p.hwpoison = true;
    trace(k, 'TestSetPageHWPoison', 'include/linux/page-flags.h', `pfn ${hex(pfn)}: PG_hwpoison`);
    get_page(k, pfn, 'get_hwpoison_page');
    call(k, 'hwpoison_user_mappings', FILE, `${p.rmap.length} mapping(s)`, () => {
      for (const ref of [...p.rmap]) {
        const pte = getPte(k, ref.pid, ref.vpn);
        if (pte?.kind !== 'present' && pte?.kind !== 'devmap') continue;
        call(
          k,
          'try_to_unmap_one',
          'mm/rmap.c',
          `TTU_HWPOISON: pid ${ref.pid} ${hexVpn(ref.vpn)} → hwpoison entry`,
          () => {
            mmu_notifier_invalidate_range(k, ref.pid, ref.vpn, ref.vpn + 1, 'try_to_unmap_one');
            setPte(k, ref.pid, ref.vpn, { kind: 'hwpoison', pfn });
            inc_mm_counter(k, ref.pid, mm_counter(p), -1);
            page_remove_rmap(k, pfn);
            put_page(k, pfn, "the mapping's reference");
          },
        );
      }
    });
    if (p.lru) {
      p.lru = false;
      trace(k, 'me_pagecache_clean', FILE, 'off the LRU; the poisoned page is never freed');
    }
    return 0;
  });
}

/**
 * The zero page (PG_reserved, never on the LRU): PG_hwpoison is set and the reference taken for it
 * is kept, `goto identify_page_state` leaves every PTE as it is, the `reserved` row of
 * error_states matches: me_kernel ("Do nothing, try to be lucky") is MF_IGNORED, and page_action
 * sees the other users: MF_FAILED, -EBUSY.
 */
function memory_failure_reserved(k: Kernel, pfn: Pfn): number {
  const p = page(k, pfn);
  if (p.hwpoison) {
    trace(k, 'memory_failure', FILE, 'already hardware poisoned: 0');
    return 0;
  }
  p.hwpoison = true;
  trace(k, 'TestSetPageHWPoison', 'include/linux/page-flags.h', `pfn ${hex(pfn)}: PG_hwpoison`);
  get_page(k, pfn, 'get_hwpoison_page (never dropped)');
  trace(k, 'memory_failure', FILE, '!PageLRU: goto identify_page_state (the PTEs stay)');
  const users = p.refcount - 1;
  call(k, 'identify_page_state', FILE, 'error_states row "reserved kernel"', () => {
    trace(k, 'me_kernel', FILE, `pfn ${hex(pfn)}: the zero page, a kernel page: MF_IGNORED`);
    call(k, 'page_action', FILE, `still referenced by ${users} users: MF_FAILED`, () => {
      trace(k, 'action_result', FILE, 'reserved kernel page: Failed: -EBUSY');
    });
  });
  return -Errno.EBUSY;
}

/**
 * A ZONE_DEVICE frame in v4.14 (memory_failure_dev_pagemap arrives in v4.19): pfn_valid() holds
 * (hotplug gave it a struct page), so memory_failure goes on as for any page: PG_hwpoison is set,
 * get_hwpoison_page takes a reference it never drops, and since the page is not on the LRU it
 * skips hwpoison_user_mappings (`goto identify_page_state`): no mapping is touched. The page's flags
 * match no row but the last of error_states (me_unknown, MF_IGNORED); page_action sees other users
 * and answers MF_FAILED: -EBUSY. The extra reference keeps the page from ever reaching page_free.
 */
function memory_failure_zone_device(k: Kernel, pfn: Pfn): number {
  const p = page(k, pfn);
  trace(
    k,
    'pfn_valid',
    'include/linux/mmzone.h',
    `pfn ${hex(pfn)}: has a struct page (ZONE_DEVICE)`,
  );
  if (p.hwpoison) {
    trace(k, 'memory_failure', FILE, 'already hardware poisoned: 0');
    return 0;
  }
  p.hwpoison = true;
  trace(k, 'TestSetPageHWPoison', 'include/linux/page-flags.h', `pfn ${hex(pfn)}: PG_hwpoison`);
  get_page(k, pfn, 'get_hwpoison_page (never dropped)');
  trace(k, 'lock_page', 'include/linux/pagemap.h', `pfn ${hex(pfn)}`);
  trace(
    k,
    'memory_failure',
    FILE,
    '!PageLRU: goto identify_page_state (hwpoison_user_mappings is skipped: the PTEs stay)',
  );
  const users = p.refcount - 1;
  call(k, 'identify_page_state', FILE, 'no error_states row matches but the last', () => {
    trace(k, 'me_unknown', FILE, `pfn ${hex(pfn)}: unknown page state: MF_IGNORED`);
    call(k, 'page_action', FILE, `still referenced by ${users} users: MF_FAILED`, () => {
      trace(k, 'action_result', FILE, 'unknown page: Failed: -EBUSY');
    });
  });
  trace(k, 'unlock_page', 'include/linux/pagemap.h', `pfn ${hex(pfn)}`);
  return -Errno.EBUSY;
}
