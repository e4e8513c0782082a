/**
 * mmu_notifier_invalidate_range_start (mm/mmu_notifier.c): tell every device mirroring this mm that
 * a range of its page table is changing. hmm's notifier calls each registered mirror's
 * sync_cpu_device_pagetables, looked up by the tag the driver registered.
 */
import type { Kernel } from './kernel';
import { call, driverOf } from './kernel';
import type { Pid } from './types';
import { asVpn, hexVpn } from './ids';
import { mirrorsOf } from './hmm_mirror_register';

export function mmu_notifier_invalidate_range(
  k: Kernel,
  pid: Pid,
  from: number,
  to: number,
  why: string,
): void {
  const mirrors = mirrorsOf(k, pid);
  if (mirrors.length === 0) return;
  call(
    k,
    'mmu_notifier_invalidate_range_start',
    'mm/mmu_notifier.c',
    `${why}: [${hexVpn(asVpn(from))}, ${hexVpn(asVpn(to))}) of pid ${pid} changes`,
    () => {
      for (const m of mirrors)
        driverOf(k, m.ops).mirror.sync_cpu_device_pagetables(k, m.device, pid, from, to);
    },
  );
}
