/**
 * What one step changed, read off the model's frames: the PTEs and struct pages it touched, before
 * and after, and the signals it raised. Pure: the narration and the predict questions are built
 * from this, so they follow whatever the model says (built-in or custom scenario alike).
 */
import type { Frame, Page, Pfn, Pid, Pte, Table, Vpn } from '../model';
import { processOf, pteKey, readingTables, restingPage, tableGet } from '../model';

export interface PteChange {
  readonly pid: Pid;
  readonly vpn: Vpn;
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

/**
 * Two PTEs alike field by field (a PTE is a flat record). An untouched PTE is the same object in
 * both states (immer shares it), so most answers cost one comparison: a 65,536-page write spent
 * 80 ms stringifying both sides of every PTE it touched.
 */
function samePte(a: Pte | undefined, b: Pte | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const x = a as Readonly<Record<string, unknown>>;
  const y = b as Readonly<Record<string, unknown>>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => Object.is(x[k], y[k]));
}

/**
 * Each key once, in first-touch order. A bulk operation touches its pages in ascending order with
 * no repeats, and then no set is needed: a set of 65,536 PTE keys and 65,536 pfns was most of the
 * diff of a 65,536-page write.
 */
function firstTouches<T>(
  xs: readonly T[],
  cmp: (a: T, b: T) => number,
  key: (x: T) => string | number,
): readonly T[] {
  let ascending = true;
  for (let i = 1; i < xs.length && ascending; i++) ascending = cmp(xs[i - 1] as T, xs[i] as T) < 0;
  if (ascending) return xs;
  const seen = new Set<string | number>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

type Touch = Frame['touched']['ptes'][number];
const byPidVpn = (a: Touch, b: Touch): number => a.pid - b.pid || a.vpn - b.vpn;

/** The PTEs and pages `frame` changed, against the state of `prev`. Order: as the model touched them. */
export function stepDiff(prev: Frame, frame: Frame): StepDiff {
  // With the model's leaf cache: a bulk op's neighbouring keys share a leaf, walked to once.
  return readingTables(() => diffTouched(prev, frame));
}

function diffTouched(prev: Frame, frame: Frame): StepDiff {
  const ptes: PteChange[] = [];
  const touched = firstTouches(frame.touched.ptes, byPidVpn, (t) => pteKey(t.pid, t.vpn));
  // The process's tables are looked up when the pid changes, not per PTE.
  let atPid: Pid | null = null;
  let tb: Table<Pte> | undefined;
  let ta: Table<Pte> | undefined;
  for (const { pid, vpn } of touched) {
    if (pid !== atPid) {
      atPid = pid;
      tb = processOf(prev.state, pid)?.ptes;
      ta = processOf(frame.state, pid)?.ptes;
    }
    const before = tableGet(tb, vpn);
    const after = tableGet(ta, vpn);
    if (!samePte(before, after)) ptes.push({ pid, vpn, before, after });
  }
  const pages: PageChange[] = [];
  for (const pfn of firstTouches(
    frame.touched.pfns,
    (a, b) => a - b,
    (p) => p,
  )) {
    // The same stored page in both states (immer shares it): nothing to compare, nothing built.
    const stored = tableGet(frame.state.pages, pfn);
    const storedBefore = tableGet(prev.state.pages, pfn);
    if (stored !== undefined && stored === storedBefore) continue;
    // lookupPage, without reading either table again: half the reads of a bulk step's pages.
    const before = storedBefore ?? restingPage(prev.state, pfn);
    const after = stored ?? restingPage(frame.state, pfn);
    if (
      before?.refcount !== after?.refcount ||
      before?.mapcount !== after?.mapcount ||
      before?.value !== after?.value
    )
      pages.push({ pfn, before, after });
  }
  return { ptes, pages };
}

/**
 * Whether two PTEs read alike in words: their kind, write bit and zero page, the only fields
 * pteWords here and the map's pteShort read (absent PTEs, null or undefined, read alike).
 */
export function sameWords(a: Pte | null | undefined, b: Pte | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return (
    a.kind === b.kind &&
    ('write' in a ? a.write : null) === ('write' in b ? b.write : null) &&
    (a.kind === 'present' && a.zero) === (b.kind === 'present' && b.zero)
  );
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
