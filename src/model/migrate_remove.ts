/** remove_migration_pte(s) (mm/migrate.c v4.14, §2.6): turn migration entries into real PTEs for
 * the new page. Write permission follows the migration entry, not the VMA. */
import type { Kernel } from './kernel';
import { call, getPte, page, setPte, traceFmt, procOrNull } from './kernel';
import type { Pfn, Pid, Pte, Vpn } from './types';
import { eventSite } from './event_log';
import { hex, hexVpn } from './ids';
import { get_page } from './swap';
import { page_add_anon_rmap, page_add_file_rmap } from './rmap';
import { find_vma, vmaWritable } from './mm';

const FILE = 'mm/migrate.c';

/** Once per page a migration restores or moves (its text made only if read: event_log.ts). */
const REMOVE_PTE = eventSite(
  'remove_migration_pte',
  FILE,
  (pid: Pid, vpn: Vpn, next: Pte & { readonly write: boolean }) =>
    `pid ${pid} ${hexVpn(vpn)} → ${next.kind} pfn ${hex(next.pfn)} ${next.write ? 'writable' : 'read-only'}`,
);

export function remove_migration_pte(
  k: Kernel,
  pid: Pid,
  vpn: Vpn,
  oldPfn: Pfn,
  newPfn: Pfn,
): void {
  const pte = getPte(k, pid, vpn);
  const proc = procOrNull(k, pid);
  if (pte?.kind !== 'migration' || pte.pfn !== oldPfn || !proc) return;
  const vma = find_vma(k, pid, vpn);
  get_page(k, newPfn, 'new mapping');
  const write = pte.write && vma !== undefined && vmaWritable(vma);
  const np = page(k, newPfn);
  let next: Extract<Pte, { readonly write: boolean }>;
  if (np.memory === 'device-private') next = { kind: 'device-private', pfn: newPfn, write };
  else if (np.memory === 'device-public')
    next = { kind: 'devmap', pfn: newPfn, write, dirty: false };
  else next = { kind: 'present', pfn: newPfn, write, dirty: false, young: false, zero: false };
  setPte(k, pid, vpn, next);
  traceFmt(k, REMOVE_PTE, pid, vpn, next);
  if (np.mapping?.kind === 'file') page_add_file_rmap(k, newPfn);
  else page_add_anon_rmap(k, newPfn);
}

/** remove_migration_ptes: every migration entry for oldPfn, found by the (SYNC) rmap walk. */
export function remove_migration_ptes(k: Kernel, oldPfn: Pfn, newPfn: Pfn): void {
  const refs = [...page(k, oldPfn).rmap];
  const entries = refs.filter((r) => getPte(k, r.pid, r.vpn)?.kind === 'migration');
  if (entries.length === 0) return;
  const what =
    oldPfn === newPfn ? `restore pfn ${hex(oldPfn)}` : `pfn ${hex(oldPfn)} → ${hex(newPfn)}`;
  call(k, 'remove_migration_ptes', FILE, what, () => {
    for (const r of entries) remove_migration_pte(k, r.pid, r.vpn, oldPfn, newPfn);
  });
}
