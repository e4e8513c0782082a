/**
 * get_user_pages (mm/gup.c v4.14, §2.14): follow_page_pte takes a reference on a present page;
 * anything else is faulted in with handle_mm_fault and the walk retries. A device-private page is
 * therefore always migrated home first: it can never be pinned (I-15). A DEVICE_PUBLIC devmap page
 * is returned with a reference through get_dev_pagemap: pinnable in v4.14 despite the intent.
 */
import type { Kernel } from './kernel';
import { call, getPte, page, proc, trace } from './kernel';
import type { Pfn, Pid, Vpn } from './types';
import { ZERO_PFN } from './types';
import { Errno } from './ops';
import { asVpn, hex, hexVpn } from './ids';
import { get_page, put_page } from './swap';
import { handle_mm_fault } from './memory';
import { vmaAt, vmaWritable } from './mm';

const FILE = 'mm/gup.c';

export interface GupResult {
  readonly ret: number;
  readonly pinned: number;
}

export function get_user_pages(
  k: Kernel,
  pid: Pid,
  start: Vpn,
  npages: number,
  write: boolean,
): GupResult {
  return call(
    k,
    'get_user_pages',
    FILE,
    `${npages} page(s) at ${hexVpn(start)}${write ? ' FOLL_WRITE' : ''}`,
    () => {
      let pinned = 0;
      for (let i = 0; i < npages; i++) {
        const vpn = asVpn(start + i);
        const got = gup_one(k, pid, vpn, write);
        if (!got.ok) return { ret: got.err, pinned };
        const r = got.pfn;
        if (r !== ZERO_PFN) {
          get_page(k, r, 'FOLL_GET');
          page(k, r).pins += 1;
        } else {
          trace(
            k,
            'follow_page_pte',
            FILE,
            'the zero page: pinned without refcounting in this model',
          );
        }
        proc(k, pid).gupPins.push({ vpn, pfn: r });
        pinned += 1;
      }
      return { ret: 0, pinned };
    },
  );
}

type Followed = { ok: true; pfn: Pfn } | { ok: false; err: number };

/** One address: the pfn to pin, or -errno. */
function gup_one(k: Kernel, pid: Pid, vpn: Vpn, write: boolean): Followed {
  const vma = vmaAt(proc(k, pid), vpn);
  if (!vma || vma.prot === 'none' || (write && !vmaWritable(vma))) {
    trace(k, 'check_vma_flags', FILE, `${hexVpn(vpn)}: no suitable VMA: -EFAULT`);
    return { ok: false, err: -Errno.EFAULT };
  }
  for (let attempt = 0; attempt < 4; attempt++) {
    const pte = getPte(k, pid, vpn);
    if (pte && (pte.kind === 'present' || pte.kind === 'devmap') && (!write || pte.write)) {
      const how = pte.kind === 'devmap' ? 'pte_devmap: get_dev_pagemap' : 'vm_normal_page';
      trace(k, 'follow_page_pte', FILE, `${hexVpn(vpn)} → pfn ${hex(pte.pfn)} (${how})`);
      return { ok: true, pfn: pte.pfn };
    }
    const r = call(
      k,
      'faultin_page',
      FILE,
      `${hexVpn(vpn)}: ${pte ? pte.kind : 'none'} → fault it in`,
      () => handle_mm_fault(k, pid, vma, vpn, write),
    );
    if (r === 'OOM') return { ok: false, err: -Errno.ENOMEM };
    if (r !== 'OK') return { ok: false, err: -Errno.EFAULT };
  }
  trace(k, 'get_user_pages', FILE, `${hexVpn(vpn)}: no progress after repeated faults`);
  return { ok: false, err: -Errno.EFAULT };
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
        if (g.pfn === ZERO_PFN) continue;
        page(k, g.pfn).pins -= 1;
        put_page(k, g.pfn, 'unpin');
      }
      return mine.length;
    },
  );
}
