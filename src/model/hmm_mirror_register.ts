/**
 * hmm_mirror_register / hmm_mirror_unregister / hmm_release (mm/hmm.c v4.14): a driver mirrors an
 * mm by registering its hmm_mirror_ops; the core keeps the registration (a tag) on the mm and
 * calls the ops when the CPU page table changes or the mm goes away.
 */
import type { Kernel } from './kernel';
import { driverOf, proc, procOrNull, trace } from './kernel';
import type { DeviceId, MirrorRegistration, Pid } from './types';
import { isModern } from './eras/spec';
import { processList } from './query';

const FILE = 'mm/hmm.c';

/** v5.10+ drivers mirror an mm with an mmu_interval_notifier (mm/mmu_notifier.c), not hmm_mirror. */
const names = (k: Kernel, v414: string, v612: string): [string, string] =>
  isModern(k.s) ? [v612, 'mm/mmu_notifier.c'] : [v414, FILE];

export function hmm_mirror_register(k: Kernel, dev: DeviceId, ops: string, pid: Pid): void {
  const p = proc(k, pid);
  if (p.hmmMirrors.some((m) => m.device === dev)) return;
  p.hmmMirrors.push({ device: dev, ops });
  trace(
    k,
    ...names(k, 'hmm_mirror_register', 'mmu_interval_notifier_insert'),
    `${dev} mirrors the mm of pid ${pid}`,
  );
}

export function hmm_mirror_unregister(k: Kernel, dev: DeviceId, pid: Pid): void {
  const p = procOrNull(k, pid);
  if (!p?.hmmMirrors.some((m) => m.device === dev)) return;
  p.hmmMirrors = p.hmmMirrors.filter((m) => m.device !== dev);
  trace(
    k,
    ...names(k, 'hmm_mirror_unregister', 'mmu_interval_notifier_remove'),
    `stop mirroring pid ${pid}`,
  );
}

/** The mirrors of pid's mm, in the order their devices were added. */
export function mirrorsOf(k: Kernel, pid: Pid): MirrorRegistration[] {
  const p = procOrNull(k, pid);
  if (!p) return [];
  const order = (m: MirrorRegistration): number => k.s.deviceOrder.indexOf(m.device);
  return [...p.hmmMirrors].sort((a, b) => order(a) - order(b));
}

/** The pids whose mm dev mirrors. */
export function mirroredBy(k: Kernel, dev: DeviceId): Pid[] {
  return processList(k.s)
    .filter((p) => p.hmmMirrors.some((m) => m.device === dev))
    .map((p) => p.pid);
}

/** mmu_notifier release at exit_mmap: every mirror's release op, then the registrations go. */
export function hmm_release(k: Kernel, pid: Pid): void {
  for (const m of mirrorsOf(k, pid)) {
    trace(
      k,
      'hmm_release',
      FILE,
      `mmu_notifier release: ${m.device} drops its mirror of pid ${pid}`,
    );
    driverOf(k, m.ops).mirror.release(k, m.device, pid);
  }
  proc(k, pid).hmmMirrors = [];
}
