/**
 * do_swap_page's device-private branch of v6.12 (mm/memory.c): a CPU fault on a device-private
 * entry holds a page reference around pgmap->ops->migrate_to_ram(vmf).
 */
import type { Kernel } from '../../kernel';
import { call, counters, page, trace } from '../../kernel';
import type { Pfn, Pid, Vma, Vpn } from '../../types';
import { hex, hexVpn } from '../../ids';
import type { VmFault } from '../../fault_types';
import { get_page, put_page } from '../../swap';
import { pagemapOps } from './memremap';

/**
 * do_swap_page's device-private branch (mm/memory.c v6.12): re-check the PTE under the PTL, take a
 * reference while the page cannot be freed (16ce101db85d, CVE-2022-3523), drop the PTL, call
 * pgmap->ops->migrate_to_ram(vmf) with vmf->page, then put_page.
 */
export function do_swap_page_device_private(
  k: Kernel,
  pid: Pid,
  vma: Vma,
  vpn: Vpn,
  pfn: Pfn,
  write: boolean,
): VmFault {
  const dev = page(k, pfn).device;
  const ops = dev === null ? null : pagemapOps(k, dev, pfn);
  if (dev === null || !ops) return 'SIGBUS';
  trace(
    k,
    'pte_offset_map_lock',
    'include/linux/mm.h',
    `${hexVpn(vpn)}: PTE unchanged (pte_same): vmf->page = pfn ${hex(pfn)}`,
  );
  get_page(k, pfn, 'do_swap_page: hold the page across migrate_to_ram (16ce101db85d)');
  const r = call(
    k,
    'pgmap->ops->migrate_to_ram',
    'include/linux/memremap.h',
    `${ops.tag}'s migrate_to_ram(vmf) for ${dev}`,
    () => {
      counters(k).device_faults += 1;
      return ops.migrate_to_ram(k, { dev, pid, vma, vpn, pfn, write });
    },
  );
  put_page(k, pfn, 'do_swap_page: migrate_to_ram returned');
  return r;
}
