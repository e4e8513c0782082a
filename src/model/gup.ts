/**
 * get_user_pages (mm/gup.c v4.14, §2.14): __get_user_pages calls follow_page_mask; when it returns
 * no page, faultin_page runs handle_mm_fault and, if that returned no VM_FAULT_ERROR (0), the walk
 * `goto retry`s. So:
 * - a device-private page is faulted home first and never pinned (I-15); but while another mm
 *   also maps it (after fork) the fault-back cannot unmap that mm's entry (the map_pte() bug),
 *   the fault "succeeds" with nothing changed and the walk retries forever: a livelock;
 * - a DEVICE_PUBLIC devmap PTE needs get_dev_pagemap(), which looks only in kernel/memremap.c's
 *   pgmap_radix; hmm_devmem_pages_create registers in its own hmm_devmem_radix (mm/hmm.c), so the
 *   lookup fails, `goto no_page`, the fault finds the PTE present and succeeds, the walk retries
 *   forever: a livelock, not a pin.
 * A walk that faults with nothing changing is detected and reported (`livelock`), never spun.
 */
import type { Kernel } from './kernel';
import { call, getPte, page, proc, trace } from './kernel';
import type { Pfn, Pid, Pte, Vma, Vpn } from './types';
import { Errno } from './ops';
import { asVpn, hex, hexVpn } from './ids';
import { get_page, put_page } from './swap';
import { handle_mm_fault, migration_entry_wait } from './memory';
import { find_vma, vmaWritable, vma_is_anonymous } from './mm';
import { is_zero_pfn } from './page_store';

const FILE = 'mm/gup.c';

export interface GupResult {
  readonly ret: number;
  readonly pinned: number;
  /** The walk would retry forever at this address (hex): detected, reported, never spun. */
  readonly livelock?: string;
  /** follow_page_pte met a migration entry of a paused migration: the task sleeps here (hex). */
  readonly wait?: string;
}

/** A fault that leaves the PTE exactly as it was this many times in a row is a livelock. */
const SAME_FAULT_LIMIT = 3;

/** The gup_flags the model knows besides FOLL_GET (always set: the caller gets the pages). */
export interface GupFlags {
  /** FOLL_WRITE. */
  readonly write: boolean;
  /** FOLL_DUMP (get_dump_page): no special page (the zero page), no fault for a never-touched hole. */
  readonly dump?: boolean;
  /** FOLL_PIN (v6.12 pin_user_pages): try_grab_folio takes nothing on the zero page. */
  readonly pin?: boolean;
}

export function get_user_pages(
  k: Kernel,
  pid: Pid,
  start: Vpn,
  npages: number,
  flags: GupFlags,
): GupResult {
  const named = `${flags.write ? ' FOLL_WRITE' : ''}${flags.dump ? ' FOLL_DUMP' : ''}`;
  return call(k, 'get_user_pages', FILE, `${npages} page(s) at ${hexVpn(start)}${named}`, () => {
    let pinned = 0;
    for (let i = 0; i < npages; i++) {
      const vpn = asVpn(start + i);
      const got = gup_one(k, pid, vpn, flags);
      if (!got.ok) {
        if (got.err === 'livelock') return { ret: 0, pinned, livelock: hexVpn(vpn) };
        if (got.err === 'wait') return { ret: 0, pinned, wait: hexVpn(vpn) };
        return { ret: got.err, pinned };
      }
      const r = got.pfn;
      if (flags.pin === true && is_zero_pfn(k.s, r)) {
        // v6.12 try_grab_folio: "Don't take a pin on the zero page - it's not going anywhere".
        trace(k, 'try_grab_folio', FILE, 'FOLL_PIN on the zero page: no reference taken');
        proc(k, pid).gupPins.push({ vpn, pfn: r, noRef: true });
      } else {
        // FOLL_GET: get_page, the zero page included (its refcount is 1 + these references).
        get_page(k, r, 'FOLL_GET');
        page(k, r).pins += 1;
        proc(k, pid).gupPins.push({ vpn, pfn: r });
      }
      pinned += 1;
    }
    return { ret: 0, pinned };
  });
}

export type Followed = { ok: true; pfn: Pfn } | { ok: false; err: number | 'livelock' | 'wait' };

const sameEntry = (a: Pte | undefined, b: Pte | undefined): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * follow_page_pte: the page to return, null for `no_page` (the caller faults it in), or an errno
 * (ERR_PTR: __get_user_pages stops there).
 */
function follow_page_pte(
  k: Kernel,
  pid: Pid,
  vma: Vma,
  vpn: Vpn,
  flags: GupFlags,
): Pfn | null | { err: number } {
  const pte = getPte(k, pid, vpn);
  if (!pte) {
    // no_page_table: with FOLL_DUMP a hole that a fault would only zero-fill is not faulted in.
    if (flags.dump === true && vma_is_anonymous(vma)) {
      trace(k, 'no_page_table', FILE, `${hexVpn(vpn)}: FOLL_DUMP on an anonymous hole: -EFAULT`);
      return { err: -Errno.EFAULT };
    }
    return null;
  }
  if (pte.kind !== 'present' && pte.kind !== 'devmap') return null;
  // FOLL_WRITE && !can_follow_write_pte: return NULL, the write fault breaks COW first.
  if (flags.write && !pte.write) return null;
  if (pte.kind === 'devmap') {
    // vm_normal_page is NULL (special PTE); pte_devmap && FOLL_GET → get_dev_pagemap.
    trace(
      k,
      'get_dev_pagemap',
      'include/linux/memremap.h',
      `pfn ${hex(pte.pfn)}: find_dev_pagemap searches pgmap_radix (kernel/memremap.c); ` +
        'hmm_devmem_pages_create filled only hmm_devmem_radix (mm/hmm.c): NULL',
    );
    trace(k, 'follow_page_pte', FILE, `${hexVpn(vpn)}: no pgmap: goto no_page`);
    return null;
  }
  if (is_zero_pfn(k.s, pte.pfn)) {
    // vm_normal_page is NULL for the zero page: FOLL_DUMP refuses it ("Avoid special (like zero)
    // pages in core dumps"), otherwise is_zero_pfn → page = pte_page(pte), referenced like any.
    if (flags.dump === true) {
      trace(k, 'follow_page_pte', FILE, `${hexVpn(vpn)}: the zero page under FOLL_DUMP: -EFAULT`);
      return { err: -Errno.EFAULT };
    }
    trace(
      k,
      'follow_page_pte',
      FILE,
      `${hexVpn(vpn)} → pfn ${hex(pte.pfn)} (is_zero_pfn: pte_page)`,
    );
    return pte.pfn;
  }
  trace(k, 'follow_page_pte', FILE, `${hexVpn(vpn)} → pfn ${hex(pte.pfn)} (vm_normal_page)`);
  return pte.pfn;
}

/** One address of __get_user_pages: the pfn to pin, or -errno, or a detected endless retry. */
export function gup_one(k: Kernel, pid: Pid, vpn: Vpn, flags: GupFlags): Followed {
  const write = flags.write;
  const vma = find_vma(k, pid, vpn);
  if (!vma || vma.prot === 'none' || (write && !vmaWritable(vma))) {
    trace(k, 'check_vma_flags', FILE, `${hexVpn(vpn)}: no suitable VMA: -EFAULT`);
    return { ok: false, err: -Errno.EFAULT };
  }
  let repeats = 0;
  for (let attempt = 0; ; attempt++) {
    const got = follow_page_pte(k, pid, vma, vpn, flags);
    if (got !== null && typeof got === 'object') return { ok: false, err: got.err };
    if (got !== null) return { ok: true, pfn: got };
    const before = getPte(k, pid, vpn);
    if (before?.kind === 'migration') {
      // follow_page_pte: is_migration_entry → migration_entry_wait(mm, pmd, address); goto retry.
      const w = migration_entry_wait(k, before.pfn);
      if (w === 'WAIT') return { ok: false, err: 'wait' };
      if (w === 'HANG') return { ok: false, err: 'livelock' };
      continue;
    }
    const r = call(
      k,
      'faultin_page',
      FILE,
      `${hexVpn(vpn)}: ${before ? before.kind : 'none'} → fault it in`,
      () => handle_mm_fault(k, pid, vma, vpn, write),
    );
    if (r === 'OOM') return { ok: false, err: -Errno.ENOMEM };
    // vm_fault_to_errno: SIGBUS/SIGSEGV, and HWPOISON without FOLL_HWPOISON, are -EFAULT.
    if (r === 'HANG') return { ok: false, err: 'livelock' };
    if (r === 'WAIT') return { ok: false, err: 'wait' };
    if (r !== 'OK') return { ok: false, err: -Errno.EFAULT };
    repeats = sameEntry(before, getPte(k, pid, vpn)) ? repeats + 1 : 0;
    if (repeats >= SAME_FAULT_LIMIT || attempt > 16) {
      trace(
        k,
        '__get_user_pages',
        FILE,
        `${hexVpn(vpn)}: faultin_page returns 0 and nothing changes: goto retry forever — livelock, stopped`,
      );
      return { ok: false, err: 'livelock' };
    }
  }
}

/** put_page on every page this process pinned in [start, start + npages). */
export function unpin_user_pages(k: Kernel, pid: Pid, start: Vpn, npages: number): number {
  return call(
    k,
    'put_page',
    'include/linux/mm.h',
    `release pins in ${npages} page(s) at ${hexVpn(start)}`,
    () => {
      const p = proc(k, pid);
      const mine = p.gupPins.filter((g) => g.vpn >= start && g.vpn < start + npages);
      p.gupPins = p.gupPins.filter((g) => !(g.vpn >= start && g.vpn < start + npages));
      for (const g of mine) {
        if (g.noRef === true) continue; // v6.12 gup_put_folio: FOLL_PIN on the zero page took nothing.
        page(k, g.pfn).pins -= 1;
        put_page(k, g.pfn, 'unpin');
      }
      return mine.length;
    },
  );
}
