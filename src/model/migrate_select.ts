/** struct migrate_vma's selection (v6.12 include/linux/migrate.h); v4.14 has none. */
import type { Pfn } from './types';

/** MIGRATE_VMA_SELECT_* of v6.12 (include/linux/migrate.h). v4.14 has no selection: all of it. */
export const MIGRATE_VMA_SELECT_SYSTEM = 1 << 0;
export const MIGRATE_VMA_SELECT_DEVICE_PRIVATE = 1 << 1;
export const MIGRATE_VMA_SELECT_DEVICE_COHERENT = 1 << 2;

/** What a v6.12 caller puts in struct migrate_vma besides the range (ignored by v4.14). */
export interface MigrateSelect {
  readonly flags: number;
  readonly pgmap_owner: string;
  readonly fault_page: Pfn | null;
}
