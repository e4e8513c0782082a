/**
 * mprotect (mm/mprotect.c v4.14, §2.12). change_pte_range rebuilds present PTEs from the new
 * vm_page_prot (private mappings stay read-only until a write fault), and downgrades every
 * device-private and migration write entry to read, whatever the new protection (§6.13).
 */
import type { Kernel } from './kernel';
import { call, proc, setPte, trace } from './kernel';
import type { Pid, Prot, Vpn } from './types';
import { Errno } from './ops';
import { asVpn, hexVpn } from './ids';
import { tableRange } from './table';
import { split_vma, vma_merge_all } from './mmap';
import { mmu_notifier_invalidate_range } from './mmu_notifier';

const FILE = 'mm/mprotect.c';

/** Is [start, end) fully covered by VMAs? (mprotect and madvise fail with -ENOMEM on holes) */
export function covered(k: Kernel, pid: Pid, start: number, end: number): boolean {
  let at = start;
  for (const v of proc(k, pid).vmas) {
    if (v.end <= at) continue;
    if (v.start > at) return false;
    at = v.end;
    if (at >= end) return true;
  }
  return at >= end;
}

export function do_mprotect(k: Kernel, pid: Pid, start: Vpn, n: number, prot: Prot): number {
  return call(k, 'do_mprotect_pkey', FILE, `[${hexVpn(start)}, +${n} pages) → ${prot}`, () => {
    const end = asVpn(start + n);
    if (!covered(k, pid, start, end)) {
      trace(k, 'do_mprotect_pkey', FILE, 'part of the range is not mapped: -ENOMEM');
      return -Errno.ENOMEM;
    }
    split_vma(k, pid, start);
    split_vma(k, pid, end);
    const p = proc(k, pid);
    for (const v of p.vmas) {
      if (v.start < start || v.end > end) continue;
      call(
        k,
        'mprotect_fixup',
        FILE,
        `[${hexVpn(v.start)}, ${hexVpn(v.end)}) ${v.prot} → ${prot}`,
        () => {
          v.prot = prot;
          mmu_notifier_invalidate_range(k, pid, v.start, v.end, 'change_protection');
          for (const [vpnNum, pte] of tableRange(p.ptes, v.start, v.end)) {
            const vpn = asVpn(vpnNum);
            if (pte.kind === 'present' || pte.kind === 'devmap') {
              const write = v.shared && prot === 'rw';
              if (pte.write !== write) setPte(k, pid, vpn, { ...pte, write });
            } else if ((pte.kind === 'device-private' || pte.kind === 'migration') && pte.write) {
              setPte(k, pid, vpn, { ...pte, write: false });
              trace(
                k,
                'change_pte_range',
                FILE,
                `${hexVpn(vpn)}: ${pte.kind} write entry → read, regardless of the new protection`,
              );
            }
          }
        },
      );
    }
    vma_merge_all(k, pid);
    return 0;
  });
}
