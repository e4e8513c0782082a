/**
 * The CPU page-fault paths of mm/memory.c: handle_mm_fault → handle_pte_fault →
 * do_anonymous_page / do_fault / do_swap_page / do_wp_page (kernel-semantics.md §2.8, §7).
 */
import type { Kernel } from './kernel';
import { call, counters, enter, getPte, leave, page, setPte, trace, traceFmt } from './kernel';
import type { Pfn, Pid, Pte, Vma, Vpn } from './types';
import { hex, hexVpn } from './ids';
import type { VmFault } from './fault_types';
import { alloc_page } from './page_alloc';
import { mem_cgroup_try_charge } from './memcontrol';
import { get_page } from './swap';
import { pausedHolding } from './migrate_inflight';
import { anon_vma_prepare, page_add_file_rmap, page_add_new_anon_rmap } from './rmap';
import { inc_mm_counter, vmaWritable, vma_is_anonymous } from './mm';
import { zero_pfn } from './page_store';
import { shmem_getpage } from './shmem';
import { device_private_entry_fault } from './memremap';
import { do_wp_page } from './memory_wp';
import { exhaustive } from './exhaustive';
import { eraSpec } from './eras/spec';
import { modernCore } from './eras/modern';
import { eventSite } from './event_log';

const FILE = 'mm/memory.c';

const FAULT = eventSite<boolean, Vpn, Pid>(
  'handle_mm_fault',
  FILE,
  (write, vpn, pid) => `${write ? 'write' : 'read'} fault at ${hexVpn(vpn)} in pid ${pid}`,
);

export function handle_mm_fault(k: Kernel, pid: Pid, vma: Vma, vpn: Vpn, write: boolean): VmFault {
  counters(k).cpu_faults += 1;
  enter(k, FAULT, write, vpn, pid);
  try {
    return handle_pte_fault(k, pid, vma, vpn, write);
  } finally {
    leave(k);
  }
}

const JOINS_LRU = eventSite(
  'lru_cache_add_active_or_unevictable',
  'mm/swap.c',
  (pfn: Pfn): string => `pfn ${hex(pfn)} joins the LRU`,
);
const MAPS_NEW_PAGE = eventSite<Vpn, Pfn, boolean>(
  'set_pte_at',
  FILE,
  (vpn, pfn, w) => `${hexVpn(vpn)} → pfn ${hex(pfn)}${w ? ' writable' : ''}`,
);

function handle_pte_fault(k: Kernel, pid: Pid, vma: Vma, vpn: Vpn, write: boolean): VmFault {
  const pte = getPte(k, pid, vpn);
  if (!pte) {
    return vma_is_anonymous(vma)
      ? do_anonymous_page(k, pid, vma, vpn, write)
      : do_fault(k, pid, vma, vpn, write);
  }
  switch (pte.kind) {
    case 'device-private':
    case 'device-exclusive':
    case 'migration':
    case 'hwpoison':
      return do_swap_page(k, pid, vma, vpn, pte, write);
    case 'present':
    case 'devmap':
      if (write && !pte.write) return do_wp_page(k, pid, vma, vpn, pte);
      trace(k, 'handle_pte_fault', FILE, 'PTE already allows the access: mark it young');
      return 'OK';
    default:
      return exhaustive(pte);
  }
}

const ANON_PAGE = eventSite<boolean>('do_anonymous_page', FILE, (write) =>
  write ? 'write: allocate a page' : 'read',
);

/** A first touch of private anonymous memory: the zero page for a read, a new page for a write. */
function do_anonymous_page(k: Kernel, pid: Pid, vma: Vma, vpn: Vpn, write: boolean): VmFault {
  enter(k, ANON_PAGE, write, 0, 0);
  try {
    if (!write) {
      // pte_mkspecial(pfn_pte(my_zero_pfn(addr))): no reference, no rmap, no RSS.
      const zero = zero_pfn(k.s);
      setPte(k, pid, vpn, {
        kind: 'present',
        pfn: zero,
        write: false,
        dirty: false,
        young: true,
        zero: true,
      });
      trace(k, 'set_pte_at', FILE, `map the shared zero page (pfn ${hex(zero)}) read-only`);
      return 'OK';
    }
    // Only a write prepares the anon_vma: a read maps the zero page and leaves the VMA without one.
    anon_vma_prepare(k, pid, vma);
    const pfn = alloc_page(k, 'alloc_zeroed_user_highpage_movable');
    if (pfn === null) return 'OOM';
    mem_cgroup_try_charge(k, pfn);
    inc_mm_counter(k, pid, 'anon');
    page_add_new_anon_rmap(k, pfn);
    page(k, pfn).lru = true;
    traceFmt(k, JOINS_LRU, pfn, 0, 0);
    const w = vmaWritable(vma);
    setPte(k, pid, vpn, { kind: 'present', pfn, write: w, dirty: w, young: true, zero: false });
    traceFmt(k, MAPS_NEW_PAGE, vpn, pfn, w);
    return 'OK';
  } finally {
    leave(k);
  }
}

/** Shared or file-backed memory: map the page-cache page, or COW it for a private write. */
function do_fault(k: Kernel, pid: Pid, vma: Vma, vpn: Vpn, write: boolean): VmFault {
  const file = vma.file;
  if (file === null) return 'SIGBUS';
  const index = vma.pgoff + (vpn - vma.start);
  if (write && !vma.shared) {
    return call(k, 'do_cow_fault', FILE, 'private write to a file page: copy it', () => {
      anon_vma_prepare(k, pid, vma);
      const src = shmem_getpage(k, file, index);
      if (src === null) return 'OOM';
      const pfn = alloc_page(k, 'do_cow_fault');
      if (pfn === null) return 'OOM';
      page(k, pfn).value = page(k, src).value;
      trace(k, 'copy_user_highpage', FILE, `copy pfn ${hex(src)} → pfn ${hex(pfn)}`);
      mem_cgroup_try_charge(k, pfn);
      inc_mm_counter(k, pid, 'anon');
      page_add_new_anon_rmap(k, pfn);
      page(k, pfn).lru = true;
      const w = vmaWritable(vma);
      setPte(k, pid, vpn, { kind: 'present', pfn, write: w, dirty: w, young: true, zero: false });
      return 'OK';
    });
  }
  const fn = write ? 'do_shared_fault' : 'do_read_fault';
  return call(k, fn, FILE, `map index ${index} of object #${file}`, () => {
    const pfn = shmem_getpage(k, file, index);
    if (pfn === null) return 'OOM';
    get_page(k, pfn, 'new mapping');
    page_add_file_rmap(k, pfn);
    inc_mm_counter(k, pid, 'shmem');
    // A shared writable shmem mapping needs no write notification: its PTEs are writable at once.
    const w = vma.shared && vmaWritable(vma);
    const pte: Pte = { kind: 'present', pfn, write: w, dirty: write, young: true, zero: false };
    setPte(k, pid, vpn, pte);
    trace(k, 'alloc_set_pte', FILE, `${hexVpn(vpn)} → pfn ${hex(pfn)}${w ? ' writable' : ''}`);
    if (page(k, pfn).memory === 'device-public') {
      // The page cache holds a DEVICE_PUBLIC page (migrate_vma moved a shmem page there, and
      // v4.14's migrate_vma_pages allows mapped pages for public memory); alloc_set_pte builds a
      // plain mk_pte() entry, not the devmap/special one remove_migration_pte makes.
      trace(
        k,
        'alloc_set_pte',
        FILE,
        'mk_pte(): a plain present PTE for a DEVICE_PUBLIC page, no pte_mkdevmap — v4.14 bug (I-5): ' +
          'vm_normal_page() now returns this ZONE_DEVICE page to LRU paths',
      );
    }
    return 'OK';
  });
}

/** The non-present, non-none PTEs (swap entries, in the kernel's words). */
export type SwapPte = Extract<
  Pte,
  { kind: 'migration' | 'device-private' | 'device-exclusive' | 'hwpoison' }
>;

/** A non-present, non-none PTE: a migration, device-private or device-exclusive entry, hwpoison. */
export function do_swap_page(
  k: Kernel,
  pid: Pid,
  vma: Vma,
  vpn: Vpn,
  pte: SwapPte,
  write: boolean,
): VmFault {
  return call(k, 'do_swap_page', FILE, `${pte.kind} entry at ${hexVpn(vpn)}`, () => {
    switch (pte.kind) {
      case 'migration':
        return migration_entry_wait(k, pte.pfn);
      case 'device-private':
        return eraSpec(k.s).faultHoldsRef
          ? modernCore().do_swap_page_device_private(k, pid, vma, vpn, pte.pfn, write)
          : device_private_entry_fault(k, pid, vma, vpn, pte.pfn, write);
      case 'device-exclusive':
        // Only v6.12 makes these (make_device_exclusive_range, v5.14+).
        return modernCore().remove_device_exclusive_entry(k, pid, vma, vpn, pte.pfn);
      case 'hwpoison':
        trace(k, 'do_swap_page', FILE, 'hwpoison entry: VM_FAULT_HWPOISON');
        return 'HWPOISON';
      default:
        return exhaustive(pte);
    }
  });
}

/**
 * migration_entry_wait (mm/migrate.c): sleep until the page is unlocked, then retry the fault.
 * v4.14 __migration_entry_wait takes get_page_unless_zero() for the wait and puts it after;
 * v6.12 migration_entry_wait_on_locked sleeps holding no reference (mm/filemap.c).
 */
export function migration_entry_wait(k: Kernel, pfn: Pte['pfn']): VmFault {
  const era = eraSpec(k.s);
  const fn = era.migrationWaitTakesRef ? '__migration_entry_wait' : 'migration_entry_wait';
  return call(k, fn, 'mm/migrate.c', `wait for pfn ${hex(pfn)}`, () => {
    if (!page(k, pfn).locked) return 'OK';
    if (pausedHolding(k.s, pfn)) {
      if (era.migrationWaitTakesRef) get_page(k, pfn, 'get_page_unless_zero: held while waiting');
      else
        trace(
          k,
          'migration_entry_wait_on_locked',
          'mm/filemap.c',
          'sleeps on the folio without taking a reference (only the ptl pins the entry)',
        );
      k.sleepOn = { pfn, ref: era.migrationWaitTakesRef };
      return 'WAIT';
    }
    trace(
      k,
      'wait_on_page_locked',
      'include/linux/pagemap.h',
      'the page stays locked: nothing in this machine will unlock it',
    );
    return 'HANG';
  });
}
