/** migrate_vma_pages and migrate_vma_insert_page (mm/migrate.c v4.14, §2.4 step 5, §2.5). */
import type { Kernel } from './kernel';
import { bug, call, getPte, page, setPte, trace } from './kernel';
import type { Pfn, Pte, Vpn } from './types';
import { asVpn, hex, hexVpn } from './ids';
import type { MigrateVma } from './driver_api';
import type { Mpfn } from './migrate_pfn';
import { MIGRATE_PFN_MIGRATE, has } from './migrate_pfn';
import { get_page, put_page } from './swap';
import { anon_vma_prepare, page_add_new_anon_rmap } from './rmap';
import { inc_mm_counter, vmaWritable, vma_is_anonymous } from './mm';
import { mem_cgroup_migrate, mem_cgroup_try_charge } from './memcontrol';
import { mmu_notifier_invalidate_range } from './mmu_notifier';
import { eraSpec } from './eras/spec';

export function migrate_vma_pages(k: Kernel, m: MigrateVma): void {
  const FILE = eraSpec(k.s).migrateFile;
  call(k, 'migrate_vma_pages', FILE, 'move struct page state to the new pages', () => {
    let notified = false;
    for (let i = 0; i < m.src.length; i++) {
      const s = m.src[i];
      const d = m.dst[i];
      if (!s || !d) continue;
      const vpn = asVpn(m.start + i);
      if (d.pfn === null) {
        s.flags &= ~MIGRATE_PFN_MIGRATE;
        continue;
      }
      checkDestination(k, d.pfn);
      if (s.pfn === null) {
        if (!has(s, MIGRATE_PFN_MIGRATE)) continue;
        if (!notified) {
          notified = true;
          mmu_notifier_invalidate_range(k, m.pid, vpn, m.end, 'migrate_vma_pages');
        }
        migrate_vma_insert_page(k, m, vpn, d.pfn, s);
        continue;
      }
      const newPage = page(k, d.pfn);
      const oldPage = page(k, s.pfn);
      // v6.12 __migrate_device_pages: device-private *or coherent* destinations take anonymous
      // folios only.
      const toDevice = newPage.memory === 'device-private' || newPage.memory === 'device-coherent';
      if (toDevice && oldPage.mapping?.kind === 'file') {
        trace(
          k,
          'migrate_vma_pages',
          FILE,
          `${hexVpn(vpn)}: file/shmem page → ${newPage.memory}: no (only private anonymous)`,
        );
        s.flags &= ~MIGRATE_PFN_MIGRATE;
        continue;
      }
      if (!migrate_page(k, s.pfn, d.pfn, m.select?.fault_page ?? null))
        s.flags &= ~MIGRATE_PFN_MIGRATE;
    }
  });
}

/** I-19: a destination handed to core is locked; a ZONE_DEVICE one holds the driver's reference. */
function checkDestination(k: Kernel, pfn: Pfn): void {
  const p = page(k, pfn);
  // v6.12: zone_device_page_init gave the page its only reference (0 → 1).
  const min = p.memory === 'system' ? 1 : 1 + eraSpec(k.s).deviceIdleRef;
  if (!p.locked || p.refcount < min) {
    bug(
      k,
      'I-19',
      `dst pfn ${hex(pfn)}: locked ${p.locked}, refcount ${p.refcount} (needs ≥ ${min})`,
    );
  }
}

/**
 * migrate_page(MIGRATE_SYNC_NO_COPY) in v4.14, folio_migrate_mapping(…, extra_cnt) in v6.12: move
 * mapping and flags; the driver already copied the data.
 */
function migrate_page(k: Kernel, oldPfn: Pfn, newPfn: Pfn, faultPage: Pfn | null): boolean {
  const era = eraSpec(k.s);
  const FILE = era.migrateFile;
  const fn = era.deviceIdleRef === 0 ? 'folio_migrate_mapping' : 'migrate_page';
  return call(k, fn, FILE, `pfn ${hex(oldPfn)} → pfn ${hex(newPfn)}`, () => {
    const oldPage = page(k, oldPfn);
    const newPage = page(k, newPfn);
    // v4.14 migrate_page_move_mapping: ZONE_DEVICE pages carry their idle reference in the count.
    // v6.12: no idle reference; extra_cnt = 1 for the fault page do_swap_page holds.
    let expected =
      era.deviceIdleRef === 0
        ? 1 + (oldPfn === faultPage ? 1 : 0)
        : 1 + (oldPage.memory === 'system' ? 0 : 1);
    const mapping = oldPage.mapping;
    if (mapping?.kind === 'file') expected += 1;
    if (oldPage.refcount !== expected) {
      trace(
        k,
        'migrate_page_move_mapping',
        FILE,
        `page_count ${oldPage.refcount} ≠ expected ${expected}: -EAGAIN, not migrated`,
      );
      return false;
    }
    newPage.mapping = mapping;
    if (mapping?.kind === 'file') {
      // The page cache slot now points at the new page, which takes the cache's reference.
      const obj = k.s.files[mapping.file];
      if (obj) obj.pages[mapping.index] = newPfn;
      get_page(k, newPfn, 'page cache slot');
      put_page(k, oldPfn, 'page cache slot moved');
    }
    const modern = era.deviceIdleRef === 0;
    trace(
      k,
      modern ? '__folio_migrate_mapping' : 'migrate_page_move_mapping',
      modern ? 'mm/migrate.c' : FILE,
      `page->mapping and index move to pfn ${hex(newPfn)}`,
    );
    trace(
      k,
      modern ? 'folio_migrate_flags' : 'migrate_page_states',
      modern ? 'mm/migrate.c' : FILE,
      'copy flags (uptodate, dirty, …)',
    );
    mem_cgroup_migrate(k, oldPfn, newPfn);
    return true;
  });
}

/** A hole or the zero page becomes a fresh page (only in anonymous VMAs). */
function migrate_vma_insert_page(k: Kernel, m: MigrateVma, vpn: Vpn, newPfn: Pfn, s: Mpfn): void {
  const FILE = eraSpec(k.s).migrateFile;
  call(k, 'migrate_vma_insert_page', FILE, `${hexVpn(vpn)} ← pfn ${hex(newPfn)}`, () => {
    const abort = (why: string): void => {
      trace(k, 'migrate_vma_insert_page', FILE, `abort: ${why}`);
      s.flags &= ~MIGRATE_PFN_MIGRATE;
    };
    if (!vma_is_anonymous(m.vma)) {
      abort('not an anonymous VMA');
      return;
    }
    // anon_vma_prepare runs before the PTE is looked at: even an abort below leaves the anon_vma.
    anon_vma_prepare(k, m.pid, m.vma);
    const cur = getPte(k, m.pid, vpn);
    if (cur && !(cur.kind === 'present' && cur.zero)) {
      abort('the PTE changed under us');
      return;
    }
    mem_cgroup_try_charge(k, newPfn);
    const np = page(k, newPfn);
    const w = vmaWritable(m.vma);
    let pte: Pte;
    if (np.memory === 'device-private') pte = { kind: 'device-private', pfn: newPfn, write: w };
    else if (np.memory === 'device-public')
      pte = { kind: 'devmap', pfn: newPfn, write: w, dirty: w };
    else pte = { kind: 'present', pfn: newPfn, write: w, dirty: w, young: false, zero: false };
    inc_mm_counter(k, m.pid, 'anon');
    page_add_new_anon_rmap(k, newPfn);
    if (np.memory === 'system') np.lru = true;
    get_page(k, newPfn, 'the new mapping');
    setPte(k, m.pid, vpn, pte);
    trace(k, 'set_pte_at', FILE, `${pte.kind} PTE${w ? ' (write: from VM_WRITE)' : ''}`);
    s.flags |= MIGRATE_PFN_MIGRATE;
  });
}
