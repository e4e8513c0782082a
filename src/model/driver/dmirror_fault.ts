/**
 * dmirror_fault: make the device page table cover [start, end) for pid, through v4.14's
 * hmm_vma_fault. v4.14's HMM checks no VMA permissions, so the driver does (later kernels moved
 * these checks into hmm_range_fault). A device-private page of another device cannot be used by
 * this one: the driver forces it home with get_user_pages (which faults it through its owner).
 */
import type { Kernel } from '../kernel';
import { call, page, proc, trace } from '../kernel';
import type { DeviceId, Pid, Vpn } from '../types';
import { Errno } from '../ops';
import { asVpn, hexVpn } from '../ids';
import { vmaAt, vmaWritable } from '../mm';
import { hmm_vma_fault } from '../hmm_mirror';
import { get_user_pages, unpin_user_pages } from '../gup';
import { mirrorOf, mirrorSet } from './dmirror_mirror';
import { isModern } from '../eras/spec';

const FILE = 'lib/test_hmm.c';
const WINDOW = 64;
/** hmm_vma_fault never settled: in the kernel the ioctl would spin; the model stops and says so. */
export const DMIRROR_LIVELOCK = 'livelock';
/** The walk slept on a paused migration's page (k.sleepOn): the ioctl's thread waits at `vpn`. */
export interface DmirrorWait {
  readonly wait: Vpn;
}

export function dmirror_fault(
  k: Kernel,
  dev: DeviceId,
  pid: Pid,
  start: Vpn,
  end: Vpn,
  write: boolean,
): number | typeof DMIRROR_LIVELOCK | DmirrorWait {
  return call(
    k,
    'dmirror_fault',
    FILE,
    `[${hexVpn(start)}, ${hexVpn(end)}) ${write ? 'write' : 'read'}`,
    () => {
      mirrorOf(k, dev, pid);
      for (let addr: number = start; addr < end;) {
        const vma = vmaAt(proc(k, pid), asVpn(addr));
        if (!vma) {
          trace(k, 'find_vma', 'mm/mmap.c', `${hexVpn(asVpn(addr))}: no VMA: -EFAULT`);
          return -Errno.EFAULT;
        }
        if (vma.prot === 'none') {
          trace(k, 'dmirror_fault', FILE, 'VMA has no VM_READ: -EFAULT');
          return -Errno.EFAULT;
        }
        if (write && !vmaWritable(vma)) {
          trace(k, 'dmirror_fault', FILE, 'write to a VMA without VM_WRITE: -EPERM');
          return -Errno.EPERM;
        }
        const next = Math.min(end, addr + WINDOW, vma.end);
        // v6.12: hmm_range_fault with dev_private_owner = this device (another device's page is
        // faulted home by the core); v4.14 has no owner, the driver handles that case below.
        const owner = isModern(k.s) ? dev : null;
        const r = hmm_vma_fault(k, pid, vma, asVpn(addr), asVpn(next), write, owner);
        if (!r.ok && r.err === 'WAIT') return { wait: r.vpn };
        if (!r.ok) return r.err === 'LIVELOCK' ? DMIRROR_LIVELOCK : -Errno.EFAULT;
        for (let i = 0; i < r.pfns.length; i++) {
          const e = r.pfns[i];
          const vpn = asVpn(addr + i);
          if (e?.error) {
            trace(k, 'dmirror_fault', FILE, `${hexVpn(vpn)}: HMM_PFN_ERROR (hwpoison): -EFAULT`);
            return -Errno.EFAULT;
          }
          if (!e || !e.valid || e.pfn === null) continue;
          if (owner !== null && write && !e.write) {
            // dmirror_do_fault: WARN_ON(range->default_flags & HMM_PFN_WRITE) → -EFAULT. Reached
            // when this device's own read-only device-private entry is asked for write (v6.12
            // hmm_range_fault reports owned pages without faulting them).
            trace(
              k,
              'dmirror_do_fault',
              FILE,
              `${hexVpn(vpn)}: own read-only device page, write requested: WARN_ON, -EFAULT`,
            );
            return -Errno.EFAULT;
          }
          if (e.deviceUnaddressable && page(k, e.pfn).device !== dev) {
            // v4.14 has no owner filter: this device got another device's pfn. Fault it home.
            trace(
              k,
              'dmirror_fault',
              FILE,
              `${hexVpn(vpn)} is another device's private page: fault it home`,
            );
            const g = get_user_pages(k, pid, vpn, 1, { write });
            // The GUP walk inherits the fault-back's endless retry (after fork, §2.14).
            if (g.livelock !== undefined) return DMIRROR_LIVELOCK;
            if (g.wait !== undefined) return { wait: vpn };
            if (g.ret !== 0) return g.ret;
            unpin_user_pages(k, pid, vpn, 1);
            return dmirror_fault(k, dev, pid, vpn, asVpn(end), write);
          }
          mirrorSet(k, dev, pid, vpn, e.pfn, e.write ? 'write' : 'read');
        }
        addr = next;
      }
      return 0;
    },
  );
}
