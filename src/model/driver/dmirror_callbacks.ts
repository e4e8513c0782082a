/**
 * The driver's hmm_devmem_ops (v4.14): free, and fault, the CPU-fault callback that must migrate
 * at least the faulting page back to system memory (kernel-semantics.md §2.8). `inject` makes it
 * fail as a broken device would: SIGBUS, or OOM.
 */
import { own } from '../own';
import type { Kernel } from '../kernel';
import { call, trace } from '../kernel';
import type { DeviceId, Pfn, Pid, Vma, Vpn } from '../types';
import { asVpn, hex, hexVpn } from '../ids';
import type { VmFault } from '../fault_types';
import { migrate_vma } from '../migrate';
import { TO_SYSTEM, migratePrivate } from './dmirror_migrate';
import { dmirrorOf } from './dmirror_data';

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
      const inject = dmirrorOf(k, dev)?.inject ?? 'none';
      if (!d || inject === 'device-error' || d.removed) {
        trace(
          k,
          'dmirror_devmem_fault',
          FILE,
          'the device cannot copy the page back: VM_FAULT_SIGBUS',
        );
        return 'SIGBUS';
      }
      if (inject === 'oom') {
        trace(k, 'dmirror_devmem_fault', FILE, 'no system page to copy into: VM_FAULT_OOM');
        return 'OOM';
      }
      const prev = k.ownMigration;
      k.ownMigration = dev;
      let oom: boolean;
      try {
        const r = migrate_vma(k, TO_SYSTEM, pid, vma, vpn, asVpn(vpn + 1), migratePrivate(dev));
        if (r.ret !== 0) return 'SIGBUS';
        oom = r.migrate?.private['oom'] === true;
      } finally {
        k.ownMigration = prev;
      }
      if (oom) {
        trace(k, 'dmirror_devmem_fault', FILE, 'allocation failed: VM_FAULT_OOM');
        return 'OOM';
      }
      return 'OK';
    },
  );
}
