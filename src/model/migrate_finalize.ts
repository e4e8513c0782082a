/** migrate_vma_finalize (mm/migrate.c v4.14): point the migration entries at the new pages (or
 * back at the old ones), unlock, and drop the references migration held. */
import type { Kernel } from './kernel';
import { call, counters, page } from './kernel';
import type { MigrateVma } from './driver_api';
import { MIGRATE_PFN_MIGRATE, has } from './migrate_pfn';
import { put_page } from './swap';
import { putback_lru_page } from './vmscan';
import { remove_migration_ptes } from './migrate_remove';
import { eraSpec } from './eras/spec';

export function migrate_vma_finalize(k: Kernel, m: MigrateVma): void {
  call(
    k,
    'migrate_vma_finalize',
    eraSpec(k.s).migrateFile,
    'install the new PTEs, unlock, drop references',
    () => {
      const release = (pfn: NonNullable<(typeof m.dst)[number]['pfn']>): void => {
        page(k, pfn).locked = false;
        if (page(k, pfn).memory !== 'system') put_page(k, pfn, 'migrate_vma_finalize');
        else putback_lru_page(k, pfn);
      };
      for (let i = 0; i < m.src.length; i++) {
        const s = m.src[i];
        const d = m.dst[i];
        if (!s || !d) continue;
        if (s.pfn === null) {
          if (d.pfn !== null) {
            page(k, d.pfn).locked = false;
            put_page(k, d.pfn, 'driver allocation reference');
            if (has(s, MIGRATE_PFN_MIGRATE)) countMigration(k, null, d.pfn);
          }
          continue;
        }
        let newPfn = d.pfn;
        if (!has(s, MIGRATE_PFN_MIGRATE) || newPfn === null) {
          if (newPfn !== null) {
            page(k, newPfn).locked = false;
            put_page(k, newPfn, 'unused destination');
          }
          newPfn = s.pfn;
        }
        remove_migration_ptes(k, s.pfn, newPfn);
        if (newPfn !== s.pfn) countMigration(k, s.pfn, newPfn);
        release(s.pfn);
        if (newPfn !== s.pfn) release(newPfn);
      }
    },
  );
}

function countMigration(
  k: Kernel,
  from: MigrateVma['src'][number]['pfn'],
  to: NonNullable<MigrateVma['src'][number]['pfn']>,
): void {
  const toDevice = page(k, to).memory !== 'system';
  const fromDevice = from !== null && page(k, from).memory !== 'system';
  if (toDevice) counters(k).migrated_to_device += 1;
  else if (fromDevice) counters(k).migrated_to_system += 1;
}
