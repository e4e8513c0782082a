/** madvise (mm/madvise.c v4.14, §2.13): DONTNEED zaps; FREE cleans present anonymous pages and
 * skips every non-swap entry, so device-private pages keep their device memory. */
import type { Kernel } from './kernel';
import { call, page, proc, setPte, trace } from './kernel';
import type { Pid, Vpn } from './types';
import type { Advice } from './ops';
import { Errno } from './ops';
import { asVpn, hexVpn } from './ids';
import { tableRange } from './table';
import { zap_page_range } from './memory_zap';
import { covered } from './mprotect';
import { mmu_notifier_invalidate_range } from './mmu_notifier';

const FILE = 'mm/madvise.c';

export function do_madvise(k: Kernel, pid: Pid, start: Vpn, n: number, advice: Advice): number {
  const name = advice === 'dontneed' ? 'MADV_DONTNEED' : 'MADV_FREE';
  return call(k, 'madvise', FILE, `${name} [${hexVpn(start)}, +${n} pages)`, () => {
    const end = start + n;
    const p = proc(k, pid);
    const vmas = p.vmas.filter((v) => v.end > start && v.start < end);
    for (const v of vmas) {
      const from = Math.max(start, v.start);
      const to = Math.min(end, v.end);
      if (advice === 'dontneed') {
        call(k, 'madvise_dontneed', FILE, `[${hexVpn(asVpn(from))}, ${hexVpn(asVpn(to))})`, () => {
          zap_page_range(k, pid, v, from, to);
        });
        continue;
      }
      if (v.shared || !v.anonymous) {
        trace(k, 'madvise_free_single_vma', FILE, 'not a private anonymous VMA: -EINVAL');
        return -Errno.EINVAL;
      }
      call(
        k,
        'madvise_free_pte_range',
        FILE,
        `[${hexVpn(asVpn(from))}, ${hexVpn(asVpn(to))})`,
        () => {
          mmu_notifier_invalidate_range(k, pid, from, to, 'madvise_free');
          for (const [vpnNum, pte] of tableRange(p.ptes, from, to)) {
            const vpn = asVpn(vpnNum);
            if (
              pte.kind === 'device-private' ||
              pte.kind === 'device-exclusive' ||
              pte.kind === 'migration' ||
              pte.kind === 'hwpoison'
            ) {
              trace(
                k,
                'madvise_free_pte_range',
                FILE,
                `${hexVpn(vpn)}: non_swap_entry (${pte.kind}): skipped`,
              );
              continue;
            }
            if (pte.kind !== 'present' || pte.zero) continue;
            if (page(k, pte.pfn).mapcount !== 1) continue;
            setPte(k, pid, vpn, { ...pte, dirty: false, young: false });
            trace(
              k,
              'mark_page_lazyfree',
              'mm/swap.c',
              `${hexVpn(vpn)}: clean; reclaim may now drop it (no reclaim in this model)`,
            );
          }
        },
      );
    }
    if (!covered(k, pid, start, end)) {
      trace(k, 'madvise', FILE, 'part of the range is not mapped: -ENOMEM');
      return -Errno.ENOMEM;
    }
    return 0;
  });
}
