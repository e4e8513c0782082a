/**
 * The driver's hmm_devmem_ops (v4.14): free, and fault, the CPU-fault callback that must migrate
 * at least the faulting page back to system memory (kernel-semantics.md §2.8). `inject` makes it
 * fail as a broken device would: SIGBUS, or OOM.
 */
import type { Kernel } from '../kernel';
import { call, trace } from '../kernel';
import type { DeviceId, Pfn, Pid, Vma, Vpn } from '../types';
import { asVpn, hex, hexVpn } from '../ids';
import type { VmFault } from '../fault_types';
import { migrate_vma } from '../migrate';
import { toSystemOps } from './dmirror_migrate';
import { own } from '../own';

export { dmirror_devmem_free } from './dmirror_devmem';

const FILE = 'lib/test_hmm.c';

export function dmirror_devmem_fault(
  k: Kernel,
  dev: DeviceId,
  pid: Pid,
  vma: Vma,
  vpn: Vpn,
  pfn: Pfn,
  write: boolean,
): VmFault {
  return call(
    k,
    'dmirror_devmem_fault',
    FILE,
    `${dev}: CPU ${write ? 'write' : 'read'} of device pfn ${hex(pfn)} at ${hexVpn(vpn)}`,
    () => {
      const d = own(k.s.devices, dev);
      if (!d || d.inject === 'device-error' || d.removed) {
        trace(
          k,
          'dmirror_devmem_fault',
          FILE,
          'the device cannot copy the page back: VM_FAULT_SIGBUS',
        );
        return 'SIGBUS';
      }
      if (d.inject === 'oom') {
        trace(k, 'dmirror_devmem_fault', FILE, 'no system page to copy into: VM_FAULT_OOM');
        return 'OOM';
      }
      const st = { oom: false };
      const prev = k.ownMigration;
      k.ownMigration = dev;
      try {
        const r = migrate_vma(
          k,
          toSystemOps(dev, () => (st.oom = true)),
          pid,
          vma,
          vpn,
          asVpn(vpn + 1),
        );
        if (r.ret !== 0) return 'SIGBUS';
      } finally {
        k.ownMigration = prev;
      }
      if (st.oom) {
        trace(k, 'dmirror_devmem_fault', FILE, 'allocation failed: VM_FAULT_OOM');
        return 'OOM';
      }
      return 'OK';
    },
  );
}
