/** migrate_vma_prepare and migrate_vma_unmap (mm/migrate.c v4.14): lock and isolate what collect
 * found, check nobody else holds it, unmap the other mappings, and restore whatever must stay. */
import type { Kernel } from './kernel';
import { call, page, trace, traceFmt } from './kernel';
import { eventSite } from './event_log';
import type { Pfn } from './types';
import { asVpn, hex } from './ids';
import type { MigrateVma } from './driver_api';
import { MIGRATE_PFN_LOCKED, MIGRATE_PFN_MIGRATE, emptyMpfn, has } from './migrate_pfn';
import { get_page, put_page } from './swap';
import { page_mapped, try_to_unmap_migration } from './rmap';
import { isolate_lru_page, putback_lru_page } from './vmscan';
import { remove_migration_pte, remove_migration_ptes } from './migrate_remove';

const FILE = 'mm/migrate.c';

/** Once per page a migration checks (texts made only if read: event_log.ts). */
const CHECK_PRIVATE = eventSite(
  'migrate_vma_check_page',
  FILE,
  (pfn: Pfn) => `pfn ${hex(pfn)}: device private → OK`,
);
const CHECK_COUNTS = eventSite(
  'migrate_vma_check_page',
  FILE,
  (pfn: Pfn, counts: { refcount: number; extra: number; mapcount: number }, ok: boolean) =>
    `pfn ${hex(pfn)}: refcount ${counts.refcount} − ${counts.extra} ${ok ? '≤' : '>'} mapcount ${counts.mapcount}` +
    (ok ? ' → OK' : ' → someone else holds it (pinned?): skip'),
);

/** migrate_vma_check_page: is the page held by anyone besides its mappings and us? */
export function migrate_vma_check_page(k: Kernel, pfn: Pfn): boolean {
  const p = page(k, pfn);
  let extra = 1;
  if (p.memory === 'device-private') {
    // A migration waiter also raises the count and cannot be told from a pin; GUP can never pin
    // a private page anyway, so v4.14 trusts them unconditionally.
    traceFmt(k, CHECK_PRIVATE, pfn, 0, 0);
    return true;
  }
  if (p.memory === 'device-public') extra += 1;
  if (p.mapping?.kind === 'file') extra += 1;
  const ok = p.refcount - extra <= p.mapcount;
  traceFmt(k, CHECK_COUNTS, pfn, { refcount: p.refcount, extra, mapcount: p.mapcount }, ok);
  return ok;
}

const isDevice = (k: Kernel, pfn: Pfn): boolean => page(k, pfn).memory !== 'system';

export function migrate_vma_prepare(k: Kernel, m: MigrateVma): void {
  call(k, 'migrate_vma_prepare', FILE, 'lock and isolate the collected pages', () => {
    trace(k, 'lru_add_drain', 'mm/swap.c', "drain this CPU's pagevecs");
    let restore = 0;
    for (let i = 0; i < m.src.length && m.cpages > 0; i++) {
      const s = m.src[i];
      if (!s || s.pfn === null) continue;
      const pfn = s.pfn;
      let remap = true;
      if (!has(s, MIGRATE_PFN_LOCKED)) {
        if (page(k, pfn).locked) {
          trace(k, 'trylock_page', 'include/linux/pagemap.h', `pfn ${hex(pfn)} busy: back off`);
          m.src[i] = emptyMpfn();
          m.cpages -= 1;
          put_page(k, pfn, 'migrate_vma_prepare backs off');
          continue;
        }
        remap = false;
        page(k, pfn).locked = true;
        s.flags |= MIGRATE_PFN_LOCKED;
        trace(
          k,
          'trylock_page',
          'include/linux/pagemap.h',
          `pfn ${hex(pfn)} locked: src[${i}] |= MIGRATE_PFN_LOCKED`,
        );
      }
      if (!isDevice(k, pfn)) {
        if (!isolate_lru_page(k, pfn)) {
          if (remap) {
            s.flags &= ~MIGRATE_PFN_MIGRATE;
            m.cpages -= 1;
            restore += 1;
          } else {
            m.src[i] = emptyMpfn();
            page(k, pfn).locked = false;
            m.cpages -= 1;
            put_page(k, pfn, 'not isolated');
          }
          continue;
        }
        put_page(k, pfn, 'drop the collect reference: isolation holds one');
      }
      if (!migrate_vma_check_page(k, pfn)) {
        if (remap) {
          s.flags &= ~MIGRATE_PFN_MIGRATE;
          m.cpages -= 1;
          restore += 1;
          if (!isDevice(k, pfn)) {
            get_page(k, pfn, 'keep a reference for the restore');
            putback_lru_page(k, pfn);
          }
        } else {
          m.src[i] = emptyMpfn();
          page(k, pfn).locked = false;
          m.cpages -= 1;
          if (!isDevice(k, pfn)) putback_lru_page(k, pfn);
          else put_page(k, pfn, 'check failed');
        }
      }
    }
    for (let i = 0; i < m.src.length && restore > 0; i++) {
      const s = m.src[i];
      if (!s || s.pfn === null || has(s, MIGRATE_PFN_MIGRATE)) continue;
      const pfn = s.pfn;
      remove_migration_pte(k, m.pid, asVpn(m.start + i), pfn, pfn);
      m.src[i] = emptyMpfn();
      page(k, pfn).locked = false;
      put_page(k, pfn, 'restored');
      restore -= 1;
    }
  });
}

export function migrate_vma_unmap(k: Kernel, m: MigrateVma): void {
  call(k, 'migrate_vma_unmap', FILE, 'unmap every other mapping of each page', () => {
    let restore = 0;
    for (const s of m.src) {
      if (s.pfn === null || !has(s, MIGRATE_PFN_MIGRATE)) continue;
      let ok = true;
      if (page_mapped(k, s.pfn)) {
        try_to_unmap_migration(k, s.pfn);
        if (page_mapped(k, s.pfn)) {
          trace(k, 'migrate_vma_unmap', FILE, `pfn ${hex(s.pfn)} is still mapped: restore it`);
          ok = false;
        }
      }
      if (ok && migrate_vma_check_page(k, s.pfn)) continue;
      s.flags &= ~MIGRATE_PFN_MIGRATE;
      m.cpages -= 1;
      restore += 1;
    }
    for (let i = 0; i < m.src.length && restore > 0; i++) {
      const s = m.src[i];
      if (!s || s.pfn === null || has(s, MIGRATE_PFN_MIGRATE)) continue;
      const pfn = s.pfn;
      remove_migration_ptes(k, pfn, pfn);
      m.src[i] = emptyMpfn();
      page(k, pfn).locked = false;
      restore -= 1;
      if (isDevice(k, pfn)) put_page(k, pfn, 'not migrated');
      else putback_lru_page(k, pfn);
    }
  });
}
