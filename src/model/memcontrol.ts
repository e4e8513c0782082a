/** Memory cgroup charging, reduced to one cgroup: is this page charged? (mm/memcontrol.c) */
import type { Kernel } from './kernel';
import { page, trace, traceFmt } from './kernel';
import type { Pfn } from './types';
import { hex } from './ids';
import { eventSite } from './event_log';

const FILE = 'mm/memcontrol.c';

const TRY_CHARGE = eventSite(
  'mem_cgroup_try_charge',
  FILE,
  (pfn: Pfn): string => `charge pfn ${hex(pfn)} to the task's memcg`,
);

export function mem_cgroup_try_charge(k: Kernel, pfn: Pfn): void {
  page(k, pfn).memcg = true;
  traceFmt(k, TRY_CHARGE, pfn, 0, 0);
}

export function mem_cgroup_uncharge(k: Kernel, pfn: Pfn): void {
  const p = page(k, pfn);
  if (!p.memcg) return;
  p.memcg = false;
  trace(k, 'mem_cgroup_uncharge', FILE, `uncharge pfn ${hex(pfn)}`);
}

/** mem_cgroup_migrate force-charges the new page; the old one is uncharged when it is freed. */
export function mem_cgroup_migrate(k: Kernel, oldPfn: Pfn, newPfn: Pfn): void {
  if (!page(k, oldPfn).memcg) return;
  page(k, newPfn).memcg = true;
  trace(
    k,
    'mem_cgroup_migrate',
    FILE,
    `force-charge new pfn ${hex(newPfn)} to the memcg of pfn ${hex(oldPfn)}`,
  );
}
