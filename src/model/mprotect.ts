/**
 * mprotect (mm/mprotect.c v4.14, §2.12). mprotect_fixup returns at once when a VMA already has the
 * new flags (`if (newflags == oldflags) return 0`): no split, no PTE rewritten, no notifier. When
 * the flags change, change_pte_range rebuilds present PTEs from the new vm_page_prot (private
 * mappings stay read-only until a write fault) and downgrades every device-private and migration
 * write entry to read, whatever the new protection, even one that adds a permission (§6.13).
 */
import type { Kernel } from './kernel';
import { call, proc, setPte, trace, vmacache_invalidate } from './kernel';
import type { Pid, Prot, Vma, Vpn } from './types';
import { Errno } from './ops';
import { asVpn, hexVpn } from './ids';
import { tableRange } from './table';
import { split_vma, vma_merge_all } from './mmap';
import { mmu_notifier_invalidate_range } from './mmu_notifier';
import { protWrites } from './mm';

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
    // The pieces of [start, end) VMA by VMA, decided before anything is split (as the kernel's
    // loop calls mprotect_fixup once per VMA with that VMA's own oldflags).
    const pieces = proc(k, pid)
      .vmas.filter((v) => v.end > start && v.start < end)
      .map((v) => ({
        from: asVpn(Math.max(v.start, start)),
        to: asVpn(Math.min(v.end, end)),
        old: v.prot,
      }));
    // The model splits up front (the kernel splits inside mprotect_fixup); only pieces whose
    // flags change are split at all.
    for (const piece of pieces) {
      if (piece.old === prot) continue;
      split_vma(k, pid, piece.from);
      split_vma(k, pid, piece.to);
    }
    for (const piece of pieces) {
      call(
        k,
        'mprotect_fixup',
        FILE,
        `[${hexVpn(piece.from)}, ${hexVpn(piece.to)}) ${piece.old} → ${prot}`,
        () => {
          if (piece.old === prot) {
            trace(
              k,
              'mprotect_fixup',
              FILE,
              'newflags == oldflags: return 0 (no split, no PTE rewritten, no notifier)',
            );
            return;
          }
          const v = proc(k, pid).vmas.find((x) => x.start === piece.from);
          if (v) change_protection(k, pid, v, prot);
        },
      );
    }
    vma_merge_all(k, pid);
    return 0;
  });
}

/** change_protection → change_pte_range over one VMA whose flags changed. */
function change_protection(k: Kernel, pid: Pid, v: Vma, prot: Prot): void {
  const p = proc(k, pid);
  v.prot = prot;
  vmacache_invalidate(k, pid);
  mmu_notifier_invalidate_range(k, pid, v.start, v.end, 'change_protection');
  for (const [vpnNum, pte] of tableRange(p.ptes, v.start, v.end)) {
    const vpn = asVpn(vpnNum);
    if (pte.kind === 'present' || pte.kind === 'devmap') {
      const write = v.shared && protWrites(prot);
      if (pte.write !== write) setPte(k, pid, vpn, { ...pte, write });
    } else if (
      (pte.kind === 'device-private' ||
        pte.kind === 'device-exclusive' ||
        pte.kind === 'migration') &&
      pte.write
    ) {
      setPte(k, pid, vpn, { ...pte, write: false });
      trace(
        k,
        'change_pte_range',
        FILE,
        `${hexVpn(vpn)}: ${pte.kind} write entry → read, regardless of the new protection`,
      );
    }
  }
}
