/**
 * mmu_notifier_invalidate_range_start (mm/mmu_notifier.c): tell every device mirroring this mm that
 * a range of its page table is changing; the hmm mirror callback drops the device's entries.
 */
import type { Kernel } from './kernel';
import { call } from './kernel';
import type { Pid } from './types';
import { asVpn, hexVpn } from './ids';
import { dmirror_sync_cpu_device_pagetables } from './driver/dmirror_mirror';
import { own } from './own';

export function mmu_notifier_invalidate_range(
  k: Kernel,
  pid: Pid,
  from: number,
  to: number,
  why: string,
): void {
  const mirrors = k.s.deviceOrder.filter((d) => own(k.s.devices, d)?.mirrors[pid] !== undefined);
  if (mirrors.length === 0) return;
  call(
    k,
    'mmu_notifier_invalidate_range_start',
    'mm/mmu_notifier.c',
    `${why}: [${hexVpn(asVpn(from))}, ${hexVpn(asVpn(to))}) of pid ${pid} changes`,
    () => {
      for (const d of mirrors) dmirror_sync_cpu_device_pagetables(k, d, pid, from, to);
    },
  );
}
