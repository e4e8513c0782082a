/**
 * ZONE_DEVICE glue of v4.14 (kernel/memremap.c and the hmm_devmem trampolines of mm/hmm.c): the
 * dev_pagemap callbacks page_fault and page_free, which end in the driver's hmm_devmem_ops.
 */
import { own } from './own';
import type { Kernel } from './kernel';
import { call, counters, driverOf, page } from './kernel';
import type { DeviceId, Pfn, Pid, Vma, Vpn } from './types';
import { hex, hexVpn } from './ids';
import type { VmFault } from './fault_types';

/**
 * devmem->ops (v4.14) or pgmap->ops (v6.12): the tag of the driver whose ops were registered with
 * the chunk that holds pfn.
 */
export function devmemOps(k: Kernel, dev: DeviceId, pfn: Pfn): string | null {
  const d = own(k.s.devices, dev);
  const chunk = d?.chunks.find((c) => pfn >= c.pfnFirst && pfn < c.pfnLast);
  return chunk?.ops ?? null;
}

/** pgmap->page_free = hmm_devmem_free → devmem->ops->free(devmem, page). */
export function deviceFreeCallback(k: Kernel, pfn: Pfn): void {
  const dev = page(k, pfn).device;
  if (dev === null) return;
  call(
    k,
    'hmm_devmem_free',
    'mm/hmm.c',
    `page_free(pfn ${hex(pfn)}): hand it back to ${dev}`,
    () => {
      counters(k).page_free += 1;
      const ops = devmemOps(k, dev, pfn);
      if (ops !== null) driverOf(k, ops).devmem?.free(k, dev, pfn);
    },
  );
}

/**
 * device_private_entry_fault: the CPU touched a device-private entry. v4.14 takes no page
 * reference and no lock around the callback (the race later fixed as CVE-2022-3523).
 */
export function device_private_entry_fault(
  k: Kernel,
  pid: Pid,
  vma: Vma,
  vpn: Vpn,
  pfn: Pfn,
  write: boolean,
): VmFault {
  return call(
    k,
    'device_private_entry_fault',
    'kernel/memremap.c',
    `page->pgmap->page_fault(vma, ${hexVpn(vpn)}, pfn ${hex(pfn)})`,
    () => {
      const dev = page(k, pfn).device;
      if (dev === null) return 'SIGBUS';
      return call(k, 'hmm_devmem_fault', 'mm/hmm.c', `devmem->ops->fault of ${dev}`, () => {
        counters(k).device_faults += 1;
        const ops = devmemOps(k, dev, pfn);
        const fault = ops === null ? undefined : driverOf(k, ops).devmem?.fault;
        if (!fault) return 'SIGBUS';
        return fault(k, dev, pid, vma, vpn, pfn, write);
      });
    },
  );
}
