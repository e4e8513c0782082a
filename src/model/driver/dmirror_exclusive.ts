/**
 * HMM_DMIRROR_EXCLUSIVE and HMM_DMIRROR_CHECK_EXCLUSIVE of lib/test_hmm.c (v6.12): the device
 * takes pages for atomic access with make_device_exclusive_range and maps them in its page table
 * with DPT_XA_TAG_ATOMIC; any CPU access revokes that (the MMU_NOTIFY_EXCLUSIVE invalidation of
 * remove_device_exclusive_entry erases the entry), which CHECK_EXCLUSIVE then reports.
 */
import type { Kernel } from '../kernel';
import { call, page, trace } from '../kernel';
import type { DeviceId, Pfn, Pid, Vpn } from '../types';
import type { Op, StepResult } from '../ops';
import { Errno } from '../ops';
import { asVpn, hex, hexVpn, vpnToAddr } from '../ids';
import { sleep_on_page } from '../migrate_inflight';
import { put_page } from '../swap';
import { make_device_exclusive_range } from '../eras/v6_12/device_exclusive';
import { access } from './dmirror_ioctl';
import { mirrorGet, mirrorOf, mirrorSet } from './dmirror_mirror';

const FILE = 'lib/test_hmm.c';
/** dmirror_exclusive's `struct page *pages[64]`. */
const WINDOW = 64;

/** dmirror_atomic_map: store each page with DPT_XA_TAG_ATOMIC; the number mapped. */
function dmirror_atomic_map(
  k: Kernel,
  dev: DeviceId,
  pid: Pid,
  start: Vpn,
  pages: readonly (Pfn | null)[],
): number {
  return call(k, 'dmirror_atomic_map', FILE, `${dev}: ${pages.length} page(s)`, () => {
    let mapped = 0;
    pages.forEach((pfn, i) => {
      if (pfn === null) return;
      mirrorSet(k, dev, pid, asVpn(start + i), pfn, 'atomic');
      mapped += 1;
    });
    return mapped;
  });
}

/**
 * dmirror_exclusive (v6.12): per window of 64 pages, make_device_exclusive_range; only if every
 * page was marked, dmirror_atomic_map; then unlock_page + put_page each marked page. A window not
 * fully mapped is -EBUSY. Finally the data is read back through the device page table.
 */
export function dmirror_exclusive(
  k: Kernel,
  dev: DeviceId,
  pid: Pid,
  start: Vpn,
  n: number,
): StepResult {
  return call(k, 'dmirror_exclusive', FILE, `${dev}: ${n} page(s) at ${hexVpn(start)}`, () => {
    const end = start + n;
    mirrorOf(k, dev, pid);
    for (let addr: number = start; addr < end;) {
      const next = Math.min(end, addr + WINDOW);
      const r = make_device_exclusive_range(k, pid, asVpn(addr), asVpn(next));
      if (r.wait !== undefined) {
        // GUP sleeps on a paused migration's entry (mmap_read_lock is shared with the paused
        // ioctl's): the ioctl goes on from this window when the page is unlocked.
        const rest: Op = {
          op: 'dmirror_exclusive',
          device: dev,
          pid,
          addr: vpnToAddr(asVpn(addr)),
          npages: end - addr,
        };
        sleep_on_page(k, pid, r.wait, rest);
        return { waits: 'migration_entry', addr: hexVpn(r.wait) };
      }
      const mapped =
        r.ret === next - addr ? dmirror_atomic_map(k, dev, pid, asVpn(addr), r.pages) : 0;
      for (const pfn of r.pages) {
        if (pfn === null) continue;
        page(k, pfn).locked = false;
        trace(k, 'unlock_page', 'include/linux/pagemap.h', `pfn ${hex(pfn)}`);
        put_page(k, pfn, 'dmirror_exclusive: drop the GUP reference');
      }
      if (addr + mapped < next) {
        trace(
          k,
          'dmirror_exclusive',
          FILE,
          `${mapped} of ${next - addr} page(s) at ${hexVpn(asVpn(addr))} mapped atomically: -EBUSY`,
        );
        return { ret: -Errno.EBUSY };
      }
      addr = next;
    }
    // "Return the migrated data for verification": dmirror_do_read over the range.
    const out: number[] = [];
    if (!access(k, dev, pid, start, asVpn(end), null, out)) {
      trace(k, 'dmirror_do_read', FILE, `-ENOENT at ${hexVpn(asVpn(start + out.length))}`);
      return { ret: -Errno.ENOENT, cpages: out.length };
    }
    trace(k, 'dmirror_do_read', FILE, `${out.length} page(s) through the device page table`);
    return { ret: 0, cpages: out.length, faults: 0 };
  });
}

/** dmirror_check_atomic: -EPERM while any entry of the range still has DPT_XA_TAG_ATOMIC. */
export function dmirror_check_exclusive(
  k: Kernel,
  dev: DeviceId,
  pid: Pid,
  start: Vpn,
  n: number,
): StepResult {
  return call(k, 'dmirror_check_atomic', FILE, `${dev}: ${n} page(s) at ${hexVpn(start)}`, () => {
    mirrorOf(k, dev, pid);
    for (let v = start; v < start + n; v++) {
      if (mirrorGet(k, dev, pid, asVpn(v))?.perm === 'atomic') {
        trace(k, 'dmirror_check_atomic', FILE, `${hexVpn(asVpn(v))} is still ATOMIC: -EPERM`);
        return { ret: -Errno.EPERM };
      }
    }
    trace(k, 'dmirror_check_atomic', FILE, 'no ATOMIC entry left: 0');
    return { ret: 0 };
  });
}
