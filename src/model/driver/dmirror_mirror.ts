/**
 * The device's own page table (dmirror's xarray `pt`, one per process that opened the device):
 * what the device believes is mapped. The hmm_mirror callback drops entries when the CPU page
 * table changes.
 */
import type { Kernel } from '../kernel';
import { call, trace } from '../kernel';
import type { DeviceId, MirrorPerm, MirrorTable, Pfn, Pid, Vpn } from '../types';
import { asVpn, hex, hexVpn } from '../ids';
import { emptyTable, tableDelete, tableGet, tableRange, tableSet } from '../table';
import { hmm_mirror_register } from '../hmm_mirror_register';
import { DMIRROR, dmirrorOf } from './dmirror_data';

const FILE = 'lib/test_hmm.c';

export function mirrorOf(k: Kernel, dev: DeviceId, pid: Pid): MirrorTable {
  const d = dmirrorOf(k, dev);
  if (!d) throw new Error(`no device ${dev}`);
  let m = d.mirrors[pid];
  if (!m) {
    hmm_mirror_register(k, dev, DMIRROR, pid);
    d.mirrors[pid] = emptyTable();
    m = d.mirrors[pid];
  }
  return m;
}

export function mirrorGet(k: Kernel, dev: DeviceId, pid: Pid, vpn: Vpn) {
  const m = dmirrorOf(k, dev)?.mirrors[pid];
  return m ? tableGet(m, vpn) : undefined;
}

export function mirrorSet(
  k: Kernel,
  dev: DeviceId,
  pid: Pid,
  vpn: Vpn,
  pfn: Pfn,
  perm: MirrorPerm,
): void {
  tableSet(mirrorOf(k, dev, pid), vpn, { pfn, perm });
  trace(k, 'xa_store', FILE, `${dev} pt[${hexVpn(vpn)}] = pfn ${hex(pfn)} (${perm})`);
}

export function mirrorErase(k: Kernel, dev: DeviceId, pid: Pid, vpn: Vpn): void {
  const m = dmirrorOf(k, dev)?.mirrors[pid];
  if (m && tableGet(m, vpn)) {
    tableDelete(m, vpn);
    trace(k, 'xa_erase', FILE, `${dev} pt[${hexVpn(vpn)}] dropped`);
  }
}

/** hmm_mirror_ops.sync_cpu_device_pagetables: drop the device's entries in [from, to). */
export function dmirror_sync_cpu_device_pagetables(
  k: Kernel,
  dev: DeviceId,
  pid: Pid,
  from: number,
  to: number,
): void {
  const m = dmirrorOf(k, dev)?.mirrors[pid];
  if (!m) return;
  if (k.ownMigration === dev) {
    trace(k, 'dmirror_sync_cpu_device_pagetables', FILE, `${dev}: its own migration: keep entries`);
    return;
  }
  const hits = tableRange(m, from, to);
  call(
    k,
    'dmirror_sync_cpu_device_pagetables',
    FILE,
    `${dev}: invalidate [${hexVpn(asVpn(from))}, ${hexVpn(asVpn(to))}): ${hits.length} entr${hits.length === 1 ? 'y' : 'ies'}`,
    () => {
      for (const [vpn] of hits) tableDelete(m, vpn);
    },
  );
}

/** hmm_mirror_ops.release (mmu_notifier release at exit): the process is gone. */
export function dmirror_release(k: Kernel, dev: DeviceId, pid: Pid): void {
  const d = dmirrorOf(k, dev);
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the mm is gone
  if (d) delete d.mirrors[pid];
}
