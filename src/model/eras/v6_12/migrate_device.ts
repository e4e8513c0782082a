/**
 * migrate_vma_setup (mm/migrate_device.c v6.12): collect with the select flags and the pgmap owner,
 * then migrate_device_unmap (try_to_migrate + migrate_vma_check_page with fault_page). The driver
 * then copies, calls migrate_vma_pages and migrate_vma_finalize (the shared core's, which read the
 * era for what differs). There is no migrate_vma_prepare: a page collect cannot lock is skipped.
 */
import type { Kernel } from '../../kernel';
import { call, getPte, page, setPte, trace } from '../../kernel';
import type { Pfn, Pid, Vma, Vpn } from '../../types';
import { Errno } from '../../ops';
import { asVpn, hex, hexVpn } from '../../ids';
import type { MigrateOutcome, MigrateSelect, MigrateVma } from '../../migrate';
import {
  MIGRATE_VMA_SELECT_DEVICE_COHERENT,
  MIGRATE_VMA_SELECT_DEVICE_PRIVATE,
  MIGRATE_VMA_SELECT_SYSTEM,
} from '../../migrate_select';
import type { Mpfn } from '../../migrate_pfn';
import {
  MIGRATE_PFN_MIGRATE,
  MIGRATE_PFN_WRITE,
  emptyMpfn,
  formatMpfn,
  has,
  migrate_pfn,
} from '../../migrate_pfn';
import { get_page, put_page } from '../../swap';
import { page_mapped, page_remove_rmap, try_to_unmap_migration } from '../../rmap';
import { _vm_normal_page, vma_is_anonymous } from '../../mm';
import { isolate_lru_page, putback_lru_page } from '../../vmscan';
import { remove_migration_ptes } from '../../migrate_remove';
import { mmu_notifier_invalidate_range } from '../../mmu_notifier';

const FILE = 'mm/migrate_device.c';

const SELECT_ALL: MigrateSelect = {
  flags: MIGRATE_VMA_SELECT_SYSTEM,
  pgmap_owner: '',
  fault_page: null,
};

function selectLine(sel: MigrateSelect): string {
  const f: string[] = [];
  if (sel.flags & MIGRATE_VMA_SELECT_SYSTEM) f.push('SELECT_SYSTEM');
  if (sel.flags & MIGRATE_VMA_SELECT_DEVICE_PRIVATE) f.push('SELECT_DEVICE_PRIVATE');
  if (sel.flags & MIGRATE_VMA_SELECT_DEVICE_COHERENT) f.push('SELECT_DEVICE_COHERENT');
  const owner = sel.pgmap_owner ? `, pgmap_owner ${sel.pgmap_owner}` : '';
  const fp = sel.fault_page !== null ? `, fault_page pfn ${hex(sel.fault_page)}` : '';
  return `${f.join('|')}${owner}${fp}`;
}

export function migrate_vma_setup(
  k: Kernel,
  pid: Pid,
  vma: Vma | undefined,
  start: Vpn,
  end: Vpn,
  select: MigrateSelect,
  priv: MigrateVma['private'] = {},
): MigrateOutcome {
  return call(
    k,
    'migrate_vma_setup',
    FILE,
    `[${hexVpn(start)}, ${hexVpn(end)}) ${selectLine(select)}`,
    () => {
      if (!vma) return einval(k, 'no vma');
      if (start < vma.start || start >= vma.end) return einval(k, 'start outside the vma');
      if (end <= vma.start || end > vma.end) return einval(k, 'end outside the vma');
      if (start >= end) return einval(k, 'nr_pages <= 0');
      if (select.fault_page !== null && page(k, select.fault_page).memory !== 'device-private')
        return einval(k, 'fault_page is not device private');
      const n = end - start;
      const m: MigrateVma = {
        pid,
        vma,
        start,
        end,
        src: Array.from({ length: n }, emptyMpfn),
        dst: Array.from({ length: n }, emptyMpfn),
        cpages: 0,
        private: { ...priv },
        select,
      };
      migrate_vma_collect(k, m);
      if (m.cpages > 0) migrate_vma_unmap(k, m);
      else trace(k, 'migrate_vma_setup', FILE, 'nothing collected: return 0');
      return { ret: 0, migrate: m };
    },
  );
}

function einval(k: Kernel, why: string): MigrateOutcome {
  trace(k, 'migrate_vma_setup', FILE, `-EINVAL: ${why}`);
  return { ret: -Errno.EINVAL, migrate: null };
}

function migrate_vma_collect(k: Kernel, m: MigrateVma): void {
  const sel = m.select ?? SELECT_ALL;
  call(k, 'migrate_vma_collect', FILE, `walk ${m.end - m.start} page(s)`, () => {
    // MMU_NOTIFY_MIGRATE with owner = pgmap_owner: the owner's mirrors keep their entries.
    const prev = k.ownMigration;
    if (sel.pgmap_owner) k.ownMigration = sel.pgmap_owner;
    try {
      mmu_notifier_invalidate_range(k, m.pid, m.start, m.end, 'MMU_NOTIFY_MIGRATE');
    } finally {
      k.ownMigration = prev;
    }
    for (let i = 0; i < m.src.length; i++) collect_one(k, m, sel, i);
    trace(k, 'migrate_vma_collect', FILE, `cpages = ${m.cpages}`);
  });
}

/** One PTE of migrate_vma_collect_pmd (v6.12). */
function collect_one(k: Kernel, m: MigrateVma, sel: MigrateSelect, i: number): void {
  const vpn = asVpn(m.start + i);
  const pte = getPte(k, m.pid, vpn);
  const at = hexVpn(vpn);
  const fn = 'migrate_vma_collect_pmd';
  const skip = (why: string): void => {
    trace(k, fn, FILE, `${at}: ${why}: skip`);
  };
  if (!pte) {
    if (!vma_is_anonymous(m.vma)) {
      skip('pte_none in a non-anonymous VMA');
      return;
    }
    m.src[i] = { pfn: null, flags: MIGRATE_PFN_MIGRATE };
    m.cpages += 1;
    trace(k, fn, FILE, `${at}: pte_none → MIGRATE`);
    return;
  }
  let mpfn: Mpfn;
  if (pte.kind === 'device-private') {
    const pg = page(k, pte.pfn);
    if (!(sel.flags & MIGRATE_VMA_SELECT_DEVICE_PRIVATE)) {
      skip('device-private entry without SELECT_DEVICE_PRIVATE');
      return;
    }
    if (pg.device !== sel.pgmap_owner) {
      skip(`device-private page of ${pg.device ?? '?'}: pgmap->owner ≠ pgmap_owner`);
      return;
    }
    mpfn = migrate_pfn(pte.pfn);
    // is_writable_device_private_entry(): the write bit survives (v4.14 read pte_write() = 0).
    mpfn.flags |= MIGRATE_PFN_MIGRATE | (pte.write ? MIGRATE_PFN_WRITE : 0);
  } else if (pte.kind === 'present') {
    if (pte.zero) {
      if (!(sel.flags & MIGRATE_VMA_SELECT_SYSTEM)) {
        skip('zero page without SELECT_SYSTEM');
        return;
      }
      m.src[i] = { pfn: null, flags: MIGRATE_PFN_MIGRATE };
      m.cpages += 1;
      trace(k, fn, FILE, `${at}: zero page → MIGRATE`);
      return;
    }
    const pg = _vm_normal_page(k.s, pte, false);
    if (pg && pg.memory === 'system' && !(sel.flags & MIGRATE_VMA_SELECT_SYSTEM)) {
      skip('system page without SELECT_SYSTEM');
      return;
    }
    // is_device_coherent_page: only with SELECT_DEVICE_COHERENT and pgmap->owner == pgmap_owner.
    if (pg && pg.memory === 'device-coherent') {
      if (!(sel.flags & MIGRATE_VMA_SELECT_DEVICE_COHERENT)) {
        skip('device-coherent page without SELECT_DEVICE_COHERENT');
        return;
      }
      if (pg.device !== sel.pgmap_owner) {
        skip(`device-coherent page of ${pg.device ?? '?'}: pgmap->owner ≠ pgmap_owner`);
        return;
      }
    }
    if (!pg) {
      skip('no normal page');
      return;
    }
    mpfn = migrate_pfn(pg.pfn);
    mpfn.flags |= MIGRATE_PFN_MIGRATE | (pte.write ? MIGRATE_PFN_WRITE : 0);
  } else {
    skip(`${pte.kind} entry is not migratable`);
    return;
  }
  const pfn = pte.pfn;
  if (page(k, pfn).mapping === null) {
    skip('page->mapping is NULL');
    return;
  }
  get_page(k, pfn, 'migrate_vma_collect_pmd: folio_get');
  if (page(k, pfn).locked) {
    // folio_trylock failed: best effort, this entry is dropped (no retry in a prepare step).
    put_page(k, pfn, 'folio_trylock failed');
    skip(`pfn ${hex(pfn)} is locked`);
    return;
  }
  page(k, pfn).locked = true;
  m.cpages += 1;
  const write = has(mpfn, MIGRATE_PFN_WRITE);
  setPte(k, m.pid, vpn, { kind: 'migration', pfn, write });
  trace(
    k,
    fn,
    FILE,
    `${at}: lock pfn ${hex(pfn)}, PTE → ${write ? 'writable' : 'readable'} migration entry` +
      (pte.kind === 'device-private' && write
        ? ' (write kept: is_writable_device_private_entry)'
        : ''),
  );
  page_remove_rmap(k, pfn);
  put_page(k, pfn, 'folio_remove_rmap_pte + folio_put: the collect reference stays');
  m.src[i] = mpfn;
  trace(k, fn, FILE, `src[${i}] = ${formatMpfn(mpfn)}`);
}

/** migrate_vma_check_page (v6.12): extra = 1 + (page == fault_page) + ZONE_DEVICE + mapping. */
export function migrate_vma_check_page_v612(k: Kernel, pfn: Pfn, faultPage: Pfn | null): boolean {
  const p = page(k, pfn);
  let extra = 1 + (pfn === faultPage ? 1 : 0);
  // Still "+1 for ZONE_DEVICE" in v6.12, although free device pages no longer hold a reference:
  // the check is one looser for device pages than the refcount needs.
  if (p.memory !== 'system') extra += 1;
  if (p.mapping?.kind === 'file') extra += 1;
  const ok = p.refcount - extra <= p.mapcount;
  trace(
    k,
    'migrate_vma_check_page',
    FILE,
    `pfn ${hex(pfn)}: refcount ${p.refcount} − ${extra} ${ok ? '≤' : '>'} mapcount ${p.mapcount}` +
      (ok ? ' → OK' : ' → pinned: restore'),
  );
  return ok;
}

/** migrate_device_unmap (v6.12): isolate, try_to_migrate the other mappings, check, restore. */
export function migrate_device_unmap(k: Kernel, src: Mpfn[], faultPage: Pfn | null): number {
  return call(k, 'migrate_device_unmap', FILE, 'isolate, try_to_migrate, check pins', () => {
    trace(k, 'lru_add_drain', 'mm/swap.c', "drain this CPU's folio batches");
    let restore = 0;
    let unmapped = 0;
    for (const s of src) {
      if (s.pfn === null) {
        if (has(s, MIGRATE_PFN_MIGRATE)) unmapped += 1;
        continue;
      }
      const pfn = s.pfn;
      const device = page(k, pfn).memory !== 'system';
      if (!device) {
        if (!isolate_lru_page(k, pfn)) {
          s.flags &= ~MIGRATE_PFN_MIGRATE;
          restore += 1;
          continue;
        }
        put_page(k, pfn, 'drop the collect reference: isolation holds one');
      }
      if (page_mapped(k, pfn)) try_to_unmap_migration(k, pfn);
      if (page_mapped(k, pfn) || !migrate_vma_check_page_v612(k, pfn, faultPage)) {
        if (!device) {
          get_page(k, pfn, 'keep a reference for the restore');
          putback_lru_page(k, pfn);
        }
        s.flags &= ~MIGRATE_PFN_MIGRATE;
        restore += 1;
        continue;
      }
      unmapped += 1;
    }
    for (let i = 0; i < src.length && restore > 0; i++) {
      const s = src[i];
      if (!s || s.pfn === null || has(s, MIGRATE_PFN_MIGRATE)) continue;
      const pfn = s.pfn;
      remove_migration_ptes(k, pfn, pfn);
      src[i] = emptyMpfn();
      page(k, pfn).locked = false;
      put_page(k, pfn, 'restored');
      restore -= 1;
    }
    return unmapped;
  });
}

function migrate_vma_unmap(k: Kernel, m: MigrateVma): void {
  call(k, 'migrate_vma_unmap', FILE, 'replace the other mappings with migration entries', () => {
    m.cpages = migrate_device_unmap(k, m.src, m.select?.fault_page ?? null);
  });
}
