/**
 * A step's `focus` (scenario-contract.md §2): what a lesson brings forward at that step, one short
 * string an author can type and a link can carry as it is.
 *
 *   "map" | "kernel-path" | "page-tables" | "device" | "inspector" | "counters" | "physical"
 *       a panel of the app
 *   "pte <pid> <addr>"     the CPU page-table entry of process <pid> at <addr> (on the map)
 *   "page <pfn>"           the physical page frame <pfn> (hex like 0x3ffff0000, or decimal)
 *   "device <name>"        a device (its mirror on the map)
 *
 * Pure: the schema checks it with parseFocus, the app honours it (src/ui/focus).
 */
import { exhaustive } from '../model/exhaustive';
import { PAGE_SIZE } from '../model/types';

export const FOCUS_PANELS = [
  'map',
  'kernel-path',
  'page-tables',
  'device',
  'inspector',
  'counters',
  'physical',
] as const;
export type FocusPanel = (typeof FOCUS_PANELS)[number];

export type Focus =
  | { readonly kind: 'panel'; readonly panel: FocusPanel }
  | { readonly kind: 'pte'; readonly pid: number; readonly vpn: number }
  | { readonly kind: 'page'; readonly pfn: number }
  | { readonly kind: 'device'; readonly device: string };

/** Longest focus string: a pte with a 47-bit hex address and a 7-digit pid fits with room. */
export const MAX_FOCUS = 64;

const NUM = /^(0x[0-9a-f]+|[0-9]+)$/i;
const num = (s: string | undefined): number | null => {
  if (s === undefined || !NUM.test(s)) return null;
  const n = s.toLowerCase().startsWith('0x') ? Number.parseInt(s.slice(2), 16) : Number(s);
  return Number.isSafeInteger(n) ? n : null;
};
const DEVICE = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;

/** The focus a string names, or null when it names nothing this build knows. */
export function parseFocus(text: string): Focus | null {
  if (text.length > MAX_FOCUS) return null;
  if ((FOCUS_PANELS as readonly string[]).includes(text))
    return { kind: 'panel', panel: text as FocusPanel };
  const [word, a, b, ...rest] = text.split(' ');
  if (rest.length > 0) return null;
  if (word === 'pte' && b !== undefined) {
    const pid = num(a);
    const addr = num(b);
    if (pid === null || pid < 1 || addr === null || addr % PAGE_SIZE !== 0) return null;
    return { kind: 'pte', pid, vpn: addr / PAGE_SIZE };
  }
  if (b !== undefined) return null;
  if (word === 'page') {
    const pfn = num(a);
    return pfn === null ? null : { kind: 'page', pfn };
  }
  if (word === 'device' && a !== undefined && DEVICE.test(a) && !Object.hasOwn(Object.prototype, a))
    return { kind: 'device', device: a };
  return null;
}

/** The panel a focus brings forward: a map object is on the map. */
export function focusPanel(f: Focus): FocusPanel {
  return f.kind === 'panel' ? f.panel : 'map';
}

/** The map's chain key of a focused object ("pte:pid:vpn", "pfn:N", "dev:name"), or null. */
export function focusKey(f: Focus): string | null {
  switch (f.kind) {
    case 'panel':
      return null;
    case 'pte':
      return `pte:${f.pid}:${f.vpn}`;
    case 'page':
      return `pfn:${f.pfn}`;
    case 'device':
      return `dev:${f.device}`;
    default:
      return exhaustive(f);
  }
}

/** What the focus names, in words (the editor's hint, the presenter's line). */
export function describeFocus(f: Focus): string {
  switch (f.kind) {
    case 'panel':
      return `the ${f.panel} panel`;
    case 'pte':
      return `the PTE of pid ${f.pid} at 0x${(f.vpn * PAGE_SIZE).toString(16)}`;
    case 'page':
      return `page frame 0x${f.pfn.toString(16)}`;
    case 'device':
      return `device ${f.device}`;
    default:
      return exhaustive(f);
  }
}
