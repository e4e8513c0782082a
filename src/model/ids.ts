/** The one place branded ids are made, and how addresses print (hex, like the kernel). */
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
