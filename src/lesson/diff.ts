/**
 * What one step changed, read off the model's frames: the PTEs and struct pages it touched, before
 * and after, and the signals it raised. Pure: the narration and the predict questions are built
 * from this, so they follow whatever the model says (built-in or custom scenario alike).
 */
import type { Frame, KernelState, Page, Pfn, Pid, Pte, PteKey, Vpn } from '../model';
import { hexVpn, lookupPage, processList, processOf, pteAt, pteKey } from '../model';

export interface PteChange {
  readonly pid: Pid;
  readonly vpn: Vpn;
  readonly addr: string;
  readonly before: Pte | undefined;
  readonly after: Pte | undefined;
}

export interface PageChange {
  readonly pfn: Pfn;
  readonly before: Page | undefined;
  readonly after: Page | undefined;
}

export interface StepDiff {
  readonly ptes: readonly PteChange[];
  readonly pages: readonly PageChange[];
}

const samePte = (a: Pte | undefined, b: Pte | undefined): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/** The PTEs and pages `frame` changed, against the state of `prev`. Order: as the model touched them. */
export function stepDiff(prev: Frame, frame: Frame): StepDiff {
  const ptes: PteChange[] = [];
  const seen = new Set<PteKey>();
  for (const { pid, vpn } of frame.touched.ptes) {
    const key = pteKey(pid, vpn);
    if (seen.has(key)) continue;
    seen.add(key);
    const before = pteAt(prev.state, pid, vpn);
    const after = pteAt(frame.state, pid, vpn);
    if (!samePte(before, after)) ptes.push({ pid, vpn, addr: hexVpn(vpn), before, after });
  }
  const pages: PageChange[] = [];
  for (const pfn of new Set(frame.touched.pfns)) {
    const before = lookupPage(prev.state, pfn);
    const after = lookupPage(frame.state, pfn);
    if (
      before?.refcount !== after?.refcount ||
      before?.mapcount !== after?.mapcount ||
      before?.value !== after?.value
    )
      pages.push({ pfn, before, after });
  }
  return { ptes, pages };
}

/** A PTE in words, as the Page tables view would name it. */
export function pteWords(pte: Pte | undefined): string {
  if (!pte) return 'none (nothing mapped)';
  const rw = (w: boolean) => (w ? 'writable' : 'read-only');
  switch (pte.kind) {
    case 'present':
      return pte.zero ? 'present, the shared zero page' : `present, ${rw(pte.write)}`;
    case 'devmap':
      return `devmap (device public), ${rw(pte.write)}`;
    case 'device-private':
      return `device-private swap entry, ${rw(pte.write)}`;
    case 'migration':
      return `migration entry (${pte.write ? 'write' : 'read'})`;
    case 'device-exclusive':
      return `device-exclusive entry, ${rw(pte.write)}`;
    case 'hwpoison':
      return 'hwpoison entry';
  }
}

/** The signals a process holds in `s` that it did not hold in `prev`. */
export function newSignals(prev: KernelState, s: KernelState): { pid: number; signal: string }[] {
  const out: { pid: number; signal: string }[] = [];
  for (const p of processList(s)) {
    const before = processOf(prev, p.pid)?.signals.length ?? 0;
    for (const sig of p.signals.slice(before)) out.push({ pid: p.pid, signal: sig });
  }
  return out;
}
