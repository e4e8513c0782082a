/**
 * The one place branded ids are made, how addresses print (hex, like the kernel), and how counts
 * print (65,536).
 */
import type { DeviceId, FileId, Pfn, Pid, PteKey, Vpn } from './types';
import { PAGE_SHIFT } from './types';

export const asPfn = (n: number): Pfn => n as Pfn;
export const asVpn = (n: number): Vpn => n as Vpn;
export const asPid = (n: number): Pid => n as Pid;
export const asDeviceId = (s: string): DeviceId => s as DeviceId;
export const asFileId = (n: number): FileId => n as FileId;
/** The one way to make a PteKey: equal PTEs get equal keys, different ones different keys. */
export const pteKey = (pid: Pid, vpn: Vpn): PteKey => `${pid}:${vpn}` as PteKey;

const PAGE = 2 ** PAGE_SHIFT;
/** Byte address of a virtual page. Multiplication, not <<: addresses exceed 32 bits. */
export const vpnToAddr = (vpn: Vpn): number => vpn * PAGE;
export const addrToVpn = (addr: number): Vpn => asVpn(Math.floor(addr / PAGE));
export const pfnToPhys = (pfn: Pfn): number => pfn * PAGE;
export const physToPfn = (phys: number): Pfn => asPfn(Math.floor(phys / PAGE));

export const hex = (n: number): string => `0x${n.toString(16)}`;
export const hexVpn = (vpn: Vpn): string => hex(vpnToAddr(vpn));

/** Whole digits are grouped from here on (toString turns to exponents at 1e21). */
const GROUPED_BELOW = 1e21;

/**
 * A count as people read it: 65536 → "65,536", exactly as `n.toLocaleString('en-US')` prints it
 * (a fraction rounds to at most 3 digits), without asking the ICU formatter: its first use in a
 * page costs ~50 ms (measured in Chromium: 48 ms for the first call, 15 µs after), and a loading
 * bar's first frame paid it inside a 119 ms task (bench/longtask.bench.ts --profile).
 */
export function thousands(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) >= GROUPED_BELOW) return n.toLocaleString('en-US');
  const sign = n < 0 ? '-' : '';
  // A whole count prints as it is (scaling it by 1000 would lose digits past 2^53 / 1000).
  const abs = Math.abs(n);
  const [whole = '0', fraction] = String(
    Number.isInteger(abs) ? abs : Math.round(abs * 1000) / 1000,
  ).split('.');
  const grouped = whole.length <= 3 ? whole : whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Values a step's words list in full; a longer list is summarised (valueList). */
export const VALUES_LISTED = 8;

/**
 * The values a step stores or loads, as people read them: "[7, 8]" in full up to VALUES_LISTED,
 * then "65,536 values (all 7)" or "65,536 values [1, 2, 3, 4, …, 9]". In full, the narration of
 * the map bench's 65,536-page write was a 196,738-character paragraph ("[7, 7, 7, …") that no
 * one reads, and laying it out took 33–63 ms each time the step was shown.
 */
export function valueList(values: readonly number[]): string {
  const n = values.length;
  if (n <= VALUES_LISTED) return `[${values.join(', ')}]`;
  const first = values[0];
  if (values.every((v) => v === first)) return `${thousands(n)} values (all ${first})`;
  return `${thousands(n)} values [${values.slice(0, 4).join(', ')}, …, ${values[n - 1]}]`;
}
