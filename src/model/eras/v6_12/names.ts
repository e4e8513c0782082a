/**
 * The v6.12 names of the kernel functions the shared core runs under their v4.14 names: the same
 * operation, renamed or folded into a folio API between v4.14 and v6.12 (checked against the
 * v6.12.19 tree; docs/kernel-notes-v6.12.md). A v6.12 step reports these, so every event names a
 * function that exists in the file it cites. Only names whose v4.14 form is gone are listed.
 */
import type { KernelName } from '../names';

const RMAP_H = 'include/linux/rmap.h';

export const V612_NAMES: ReadonlyMap<string, KernelName> = new Map<string, KernelName>([
  // arch/x86/mm/fault.c: __do_page_fault was split into handle_page_fault/do_user_addr_fault (v5.8).
  ['__do_page_fault', { fn: 'do_user_addr_fault', file: 'arch/x86/mm/fault.c' }],
  // kernel/fork.c: _do_fork became kernel_clone (v5.10).
  ['_do_fork', { fn: 'kernel_clone', file: 'kernel/fork.c' }],
  // mm/memory.c: copy_one_pte split into copy_present_ptes / copy_nonpresent_pte (v5.9+).
  ['copy_one_pte', { fn: 'copy_present_ptes', file: 'mm/memory.c' }],
  ['ptep_set_wrprotect', { fn: 'wrprotect_ptes', file: 'include/linux/pgtable.h' }],
  ['alloc_set_pte', { fn: 'set_pte_range', file: 'mm/memory.c' }],
  ['cow_user_page', { fn: '__wp_page_copy_user', file: 'mm/memory.c' }],
  ['reuse_swap_page', { fn: 'wp_can_reuse_anon_folio', file: 'mm/memory.c' }],
  // Folio conversions of the page helpers (v5.16–v6.8).
  ['__put_page', { fn: '__folio_put', file: 'mm/swap.c' }],
  ['free_hot_cold_page', { fn: 'free_unref_page', file: 'mm/page_alloc.c' }],
  ['lru_cache_add_active_or_unevictable', { fn: 'folio_add_lru_vma', file: 'mm/swap.c' }],
  ['isolate_lru_page', { fn: 'folio_isolate_lru', file: 'mm/vmscan.c' }],
  ['putback_lru_page', { fn: 'folio_putback_lru', file: 'mm/vmscan.c' }],
  ['mem_cgroup_try_charge', { fn: 'mem_cgroup_charge', file: 'include/linux/memcontrol.h' }],
  ['mem_cgroup_uncharge', { fn: '__mem_cgroup_uncharge', file: 'mm/memcontrol.c' }],
  ['migrate_page_move_mapping', { fn: 'folio_migrate_mapping', file: 'mm/migrate.c' }],
  ['page_add_anon_rmap', { fn: 'folio_add_anon_rmap_pte', file: RMAP_H }],
  ['page_add_new_anon_rmap', { fn: 'folio_add_new_anon_rmap', file: 'mm/rmap.c' }],
  ['page_add_file_rmap', { fn: 'folio_add_file_rmap_pte', file: RMAP_H }],
  ['page_dup_rmap', { fn: 'folio_try_dup_anon_rmap_pte', file: RMAP_H }],
  ['page_remove_rmap', { fn: 'folio_remove_rmap_pte', file: RMAP_H }],
  ['find_lock_entry', { fn: 'filemap_get_entry', file: 'mm/filemap.c' }],
  ['shmem_getpage_gfp', { fn: 'shmem_get_folio_gfp', file: 'mm/shmem.c' }],
  // mm/vma.c took the VMA splitting and merging out of mm/mmap.c (v6.12).
  ['__split_vma', { fn: '__split_vma', file: 'mm/vma.c' }],
  ['vma_merge', { fn: 'vma_merge', file: 'mm/vma.c' }],
  ['madvise_dontneed', { fn: 'madvise_dontneed_single_vma', file: 'mm/madvise.c' }],
  // mm/hmm.c lost its mirror API (v5.7): the mm's notifiers are released by mmu_notifier.c.
  ['hmm_release', { fn: '__mmu_notifier_release', file: 'mm/mmu_notifier.c' }],
  // lib/test_hmm.c (v6.12): an mmu_interval_notifier and dmirror_device_init.
  [
    'dmirror_sync_cpu_device_pagetables',
    { fn: 'dmirror_interval_invalidate', file: 'lib/test_hmm.c' },
  ],
  ['dmirror_probe', { fn: 'dmirror_device_init', file: 'lib/test_hmm.c' }],
  [
    'dmirror_devmem_fault_finalize_and_map',
    { fn: 'dmirror_successful_migrated_pages', file: 'lib/test_hmm.c' },
  ],
]);
