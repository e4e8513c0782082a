/**
 * An era is data: what a kernel version does differently, read by small hooks in the shared core
 * (kernel-semantics.md §4.1). v4.14 is the seed; v6.12 is column E5 "v6.1–6.14", checked against
 * a v6.12.19 tree (docs/kernel-notes-v6.12.md). Nothing here runs kernel code: the strategies
 * that do live next to the functions they replace (src/model/eras/v6_12/).
 */
import type { Era, KernelState } from '../types';

export interface EraSpec {
  readonly id: Era;
  /**
   * page_ref_count() of a free DEVICE_PRIVATE page: 1 in v4.14 (the pgmap's "idle" reference,
   * include/linux/memremap.h), 0 since ef233450898f "mm: free device private pages have zero
   * refcount" (v6.1), with zone_device_page_init() setting 1 on allocation.
   */
  readonly deviceIdleRef: 0 | 1;
  /**
   * page_vma_mapped_walk's map_pte() finds device-private entries without PVMW_SYNC. False in
   * v4.14 (fixed by "mm/rmap: map_pte() was not handling private ZONE_DEVICE page properly",
   * J. Glisse, 2018, v4.20): try_to_unmap cannot see another mm's device-private PTE.
   */
  readonly rmapSeesDevicePrivate: boolean;
  /**
   * A writable device-private entry becomes a writable migration entry (v6.12
   * migrate_vma_collect_pmd: is_writable_device_private_entry; try_to_migrate_one likewise). In
   * v4.14 pte_write() of the swap PTE reads 0 and the page comes back read-only.
   */
  readonly migrationKeepsWrite: boolean;
  /** pgmap->owner / migrate_vma.pgmap_owner / hmm_range.dev_private_owner exist (v5.7+). */
  readonly ownerFilter: boolean;
  /** do_swap_page takes a page reference around migrate_to_ram (16ce101db85d, v6.1). */
  readonly faultHoldsRef: boolean;
  /** The file that holds migrate_vma_* (mm/migrate_device.c since v6.0). */
  readonly migrateFile: string;
  /** hmm_range_fault marks a VMA without VM_READ HMM_PFN_ERROR (v4.14 hmm_vma_get_pfns: none). */
  readonly protNoneIsError: boolean;
  /** Device kinds that exist: DEVICE_PUBLIC was removed in v5.3 (25b2995a35b6). */
  readonly devicePublic: boolean;
  /** device_remove evicts device pages first (dmirror_device_remove_chunks, v6.1). */
  readonly evictOnRemove: boolean;
  /**
   * migration_entry_wait holds a page reference while it sleeps (v4.14 __migration_entry_wait:
   * get_page_unless_zero; gone since v6.0 migration_entry_wait_on_locked). The reference makes
   * migrate_page_move_mapping's refcount check fail: the page is not migrated.
   */
  readonly migrationWaitTakesRef: boolean;
  /** Elixir tag for source links. */
  readonly elixir: string;
}

const V4_14: EraSpec = {
  id: 'v4.14',
  deviceIdleRef: 1,
  rmapSeesDevicePrivate: false,
  migrationKeepsWrite: false,
  ownerFilter: false,
  faultHoldsRef: false,
  migrateFile: 'mm/migrate.c',
  protNoneIsError: false,
  devicePublic: true,
  evictOnRemove: false,
  migrationWaitTakesRef: true,
  elixir: 'v4.14',
};

const V6_12: EraSpec = {
  id: 'v6.12',
  deviceIdleRef: 0,
  rmapSeesDevicePrivate: true,
  migrationKeepsWrite: true,
  ownerFilter: true,
  faultHoldsRef: true,
  migrateFile: 'mm/migrate_device.c',
  protNoneIsError: true,
  devicePublic: false,
  evictOnRemove: true,
  migrationWaitTakesRef: false,
  elixir: 'v6.12.19',
};

export const ERA_SPECS: Readonly<Record<Era, EraSpec>> = { 'v4.14': V4_14, 'v6.12': V6_12 };

/** The spec of a state's era (or of an era id). */
export function eraSpec(of: Pick<KernelState, 'era'> | Era): EraSpec {
  return ERA_SPECS[typeof of === 'string' ? of : of.era];
}

export const isModern = (of: Pick<KernelState, 'era'> | Era): boolean => eraSpec(of).id !== 'v4.14';
