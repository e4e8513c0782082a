/**
 * What the author had selected when sharing: a struct page (by pfn), a PTE (pid + virtual page) or
 * a device; the same shape as the app store's selection. Written readably in the fragment, with
 * the pfn and the virtual address in hex as the kernel prints them:
 * `sel=pfn.3ffff0000`, `sel=pte.1.10000000`, `sel=dev.dmirror0`.
 */
import { asDeviceId, asPfn, asPid, asVpn } from '../model/ids';
import { exhaustive } from '../model/exhaustive';
import type { DeviceId, Pfn, Pid, Vpn } from '../model/types';

export type Selection =
  | { readonly kind: 'page'; readonly pfn: Pfn }
  | { readonly kind: 'pte'; readonly pid: Pid; readonly vpn: Vpn }
  | { readonly kind: 'device'; readonly device: DeviceId };

/** Physical addresses stay below 2^52 on x86-64 (MAX_PHYSMEM_BITS), so pfns below 2^40. */
const PFN_LIMIT = 2 ** 40;
/** TASK_SIZE of 4-level x86-64, in pages. */
const VPN_LIMIT = 2 ** 35;
const PAGE = 4096;
const PID_MAX = 4_194_304;
const DEVICE_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const HEX = /^[0-9a-f]{1,13}$/;
const DEC = /^(0|[1-9][0-9]{0,6})$/;

const below = (n: number, limit: number): boolean => Number.isSafeInteger(n) && n >= 0 && n < limit;

/** Can the fragment carry this selection (and read it back as the same)? */
export function isEncodableSelection(sel: Selection): boolean {
  switch (sel.kind) {
    case 'page':
      return below(sel.pfn, PFN_LIMIT);
    case 'pte':
      return below(sel.pid, PID_MAX + 1) && below(sel.vpn, VPN_LIMIT);
    case 'device':
      return DEVICE_NAME.test(sel.device);
    default:
      return exhaustive(sel);
  }
}

export function encodeSelection(sel: Selection): string {
  switch (sel.kind) {
    case 'page':
      return `pfn.${sel.pfn.toString(16)}`;
    case 'pte':
      return `pte.${sel.pid}.${(sel.vpn * PAGE).toString(16)}`;
    case 'device':
      return `dev.${sel.device}`;
    default:
      return exhaustive(sel);
  }
}

/** The selection a `sel=` value names, or null if this version cannot read it. */
export function decodeSelection(text: string): Selection | null {
  const dot = text.indexOf('.');
  const kind = text.slice(0, Math.max(dot, 0));
  const rest = text.slice(dot + 1);
  let sel: Selection | null = null;
  if (kind === 'pfn' && HEX.test(rest)) {
    sel = { kind: 'page', pfn: asPfn(parseInt(rest, 16)) };
  } else if (kind === 'pte') {
    const [pid = '', vaddr = '', ...extra] = rest.split('.');
    const addr = HEX.test(vaddr) ? parseInt(vaddr, 16) : NaN;
    if (extra.length === 0 && DEC.test(pid) && addr % PAGE === 0) {
      sel = { kind: 'pte', pid: asPid(parseInt(pid, 10)), vpn: asVpn(addr / PAGE) };
    }
  } else if (kind === 'dev') {
    sel = { kind: 'device', device: asDeviceId(rest) };
  }
  return sel !== null && isEncodableSelection(sel) ? sel : null;
}
