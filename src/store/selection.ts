/**
 * What a selection links to in a given state: its page frame, the PTEs that map that frame and the
 * device that owns it. Views light these up, so selecting anywhere shows everywhere.
 */
import {
  exhaustive,
  pteKey,
  lookupPage,
  pteAt,
  type DeviceId,
  type KernelState,
  type Pfn,
  type PteKey,
} from '../model';
import type { Selection } from './types';

export interface Linked {
  readonly pfn: Pfn | null;
  /** The selected PTE and every PTE that maps the same page. */
  readonly ptes: ReadonlySet<PteKey>;
  readonly device: DeviceId | null;
}

export const NOTHING_LINKED: Linked = { pfn: null, ptes: new Set<PteKey>(), device: null };

export function linkedTo(state: KernelState | undefined, sel: Selection | null): Linked {
  if (!state || !sel) return NOTHING_LINKED;
  switch (sel.kind) {
    case 'device':
      return { pfn: null, ptes: new Set<PteKey>(), device: sel.device };
    case 'page':
      return fromPage(state, sel.pfn, new Set());
    case 'pte': {
      const pte = pteAt(state, sel.pid, sel.vpn);
      const self = new Set([pteKey(sel.pid, sel.vpn)]);
      if (!pte) return { pfn: null, ptes: self, device: null };
      return fromPage(state, pte.pfn, self);
    }
    default:
      return exhaustive(sel);
  }
}

function fromPage(state: KernelState, pfn: Pfn, ptes: Set<PteKey>): Linked {
  const page = lookupPage(state, pfn);
  for (const r of page?.rmap ?? []) ptes.add(pteKey(r.pid, r.vpn));
  return { pfn, ptes, device: page?.device ?? null };
}

/** Selections are equal when they name the same thing. */
export function sameSelection(a: Selection | null, b: Selection | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'page' && b.kind === 'page') return a.pfn === b.pfn;
  if (a.kind === 'pte' && b.kind === 'pte') return a.pid === b.pid && a.vpn === b.vpn;
  if (a.kind === 'device' && b.kind === 'device') return a.device === b.device;
  return false;
}
