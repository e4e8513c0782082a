/** Physical memory as bands: System RAM, then each device's memory, and which band a pfn is in. */
import { own } from '../../model';
import type { DeviceId, DeviceType, KernelState } from '../../model';

export interface Band {
  /** "ram" or the device id. */
  readonly id: string;
  readonly device: DeviceId | null;
  readonly type: DeviceType | 'ram';
  readonly lo: number;
  /** Exclusive. */
  readonly hi: number;
  readonly pages: number;
  readonly removed: boolean;
}

export function bandsOf(s: KernelState): Band[] {
  const out: Band[] = [
    {
      id: 'ram',
      device: null,
      type: 'ram',
      lo: 0,
      hi: s.machine.ramPages,
      pages: s.machine.ramPages,
      removed: false,
    },
  ];
  for (const id of s.deviceOrder) {
    const d = own(s.devices, id);
    if (!d || d.chunks.length === 0) continue;
    const live = d.chunks.filter((c) => c.live);
    const chunks = live.length > 0 ? live : d.chunks;
    const lo = Math.min(...chunks.map((c) => c.pfnFirst));
    const hi = Math.max(...chunks.map((c) => c.pfnLast));
    const pages = live.reduce((n, c) => n + (c.pfnLast - c.pfnFirst), 0);
    out.push({ id, device: id, type: d.type, lo, hi, pages, removed: d.removed });
  }
  return out;
}

/** The band holding pfn (the first match: live ranges are listed before a removed one's). */
export function bandOf(bands: readonly Band[], pfn: number): Band | null {
  for (const b of bands) if (pfn >= b.lo && pfn < b.hi) return b;
  return null;
}

export function bandTitle(b: Band): string {
  if (b.type === 'ram') return 'System RAM';
  return `${b.id} · device ${b.type}${b.removed ? ' · removed' : ''}`;
}

export function bandClass(b: Band | null): string {
  if (!b) return 'm-hole';
  return b.type === 'ram' ? 'm-ram' : b.type === 'private' ? 'm-devpriv' : 'm-devpub';
}
