/**
 * The step's one-line summary, derived from its Change[] and the two states ("0x10000000:
 * device-private W → present R · pfn 0x3ffff0000 ref 2 → 1, freed · pfn 0x4 allocated"). Runs of
 * neighbouring objects that changed the same way read as one part ("0x10000000 ×4: …").
 */
import type { KernelState, Page, Pfn, Pte } from '../../model';
import type { Change } from './diff';
import { addr, hex, idleRef, pteShort } from './describe';
import { exhaustive, processList } from '../../model';
import { sameWords } from '../../lesson/diff';

interface Part {
  /** Objects that may merge into a run: same group, same text, consecutive keys. */
  readonly group: string;
  readonly key: number;
  readonly text: string;
  /** The run's first change: its head is written only if the run is shown (headOf). */
  readonly c: Change;
}

const MAX_PARTS = 6;

function pageText(s0: KernelState, s1: KernelState, pfn: Pfn, b: Page | null, a: Page | null) {
  const r0 = b?.refcount ?? idleRef(s0, pfn);
  const r1 = a?.refcount ?? idleRef(s1, pfn);
  const bits: string[] = [];
  if (b === null) bits.push('allocated');
  const nums: string[] = [];
  if (b !== null && r0 !== r1) nums.push(`ref ${r0} → ${r1}`);
  const m0 = b?.mapcount ?? 0;
  const m1 = a?.mapcount ?? 0;
  if (b !== null && a !== null && m0 !== m1) nums.push(`map ${m0} → ${m1}`);
  if (b !== null && a !== null && b.value !== a.value) nums.push(`value ${b.value} → ${a.value}`);
  if (b !== null && a !== null && b.pins !== a.pins) nums.push(`pins ${b.pins} → ${a.pins}`);
  if (a?.hwpoison && !b?.hwpoison) bits.push('poisoned');
  if (a !== null && b !== null && a.locked !== b.locked)
    bits.push(a.locked ? 'locked' : 'unlocked');
  if (a === null) bits.push('freed');
  return [nums.join(' '), bits.join(', ')].filter((x) => x !== '').join(', ');
}

export function toPart(c: Change, s0: KernelState, s1: KernelState): Part | null {
  switch (c.kind) {
    case 'process': {
      const slept = (c.before?.asleep ?? null) !== (c.after?.asleep ?? null);
      const text =
        c.before === null
          ? 'created'
          : c.after === null || (c.before.alive && !c.after.alive)
            ? 'exited'
            : c.after.signals.slice(c.before.signals.length).join(', ') ||
              (slept ? (c.after.asleep ?? 'woke up') : 'changed');
      return { group: `proc`, key: c.pid, text, c };
    }
    case 'device': {
      const text =
        c.before === null
          ? `added (${c.after?.type ?? ''})`
          : c.after === null || c.after.removed
            ? 'removed'
            : 'changed';
      return { group: 'dev', key: 0, text, c };
    }
    case 'vma': {
      const v = c.after ?? c.before;
      if (!v) return null;
      const text =
        c.before === null
          ? `mapped ${v.prot}`
          : c.after === null
            ? 'unmapped'
            : c.before.prot !== c.after.prot
              ? `prot ${c.before.prot} → ${c.after.prot}`
              : 'resized';
      return { group: `vma${c.pid}`, key: c.start, text, c };
    }
    case 'pte': {
      const b = c.before;
      const a = c.after;
      const moved =
        b && a && b.kind === a.kind && b.pfn !== a.pfn
          ? ` (pfn ${hex(b.pfn)} → ${hex(a.pfn)})`
          : '';
      return {
        group: `pte${c.pid}`,
        key: c.vpn,
        text: `${pteShort(b)} → ${pteShort(a)}${moved}`,
        c,
      };
    }
    case 'page': {
      const text = pageText(s0, s1, c.pfn, c.before, c.after);
      if (text === '') return null;
      return { group: 'page', key: c.pfn, text, c };
    }
    case 'mirror-table':
      return {
        group: `mtab${c.device}`,
        key: c.pid,
        text: c.before === null ? 'registered' : 'released',
        c,
      };
    case 'mirror':
      return {
        group: `mir${c.device}${c.pid}`,
        key: c.vpn,
        text: `${c.before ? c.before.perm : 'none'} → ${c.after ? c.after.perm : 'none'}`,
        c,
      };
    default:
      return exhaustive(c);
  }
}

/**
 * A run's head, from its first change, its length and its last key. Written only for the runs
 * shown: a step of 131,072 changes made a closure per change for six heads (most of the summary's
 * time, and garbage).
 */
function headOf(c: Change, n: number, last: number, manyPids: boolean): string {
  const who = manyPids && 'pid' in c ? `pid ${c.pid} ` : '';
  switch (c.kind) {
    case 'process':
      return `pid ${c.pid}`;
    case 'device':
      return c.device;
    case 'vma': {
      const v = c.after ?? c.before;
      return v ? `${who}VMA ${addr(v.start)}–${addr(v.end)}` : '';
    }
    case 'pte':
      return `${who}${addr(c.vpn)}${n > 1 ? ` ×${n}` : ''}`;
    case 'page':
      return n > 1 ? `pfn ${hex(c.pfn)}–${hex(last)}` : `pfn ${hex(c.pfn)}`;
    case 'mirror-table':
      return `${c.device} mirror of pid ${c.pid}${n > 1 ? `–${last}` : ''}`;
    case 'mirror':
      return `${c.device} mirror ${who}${addr(c.vpn)}${n > 1 ? ` ×${n}` : ''}`;
    default:
      return exhaustive(c);
  }
}

const movedPte = (b: Pte | null, a: Pte | null): boolean =>
  !!b && !!a && b.kind === a.kind && b.pfn !== a.pfn;

const samePage = (x: Page, y: Page): boolean =>
  x.refcount === y.refcount &&
  x.mapcount === y.mapcount &&
  x.value === y.value &&
  x.pins === y.pins &&
  !!x.hwpoison === !!y.hwpoison &&
  x.locked === y.locked;

/**
 * True only when `c` is the object after `x` and reads exactly as `x` does, judged from fields
 * without writing either text: a bulk step (131,072 changes for a 65,536-page write) wrote a
 * string per change to find that its runs go on. False means "not known": the caller compares
 * the texts, so the summary is the same either way.
 */
export function continues(x: Change, c: Change, s1: KernelState): boolean {
  if (x.kind === 'pte' && c.kind === 'pte')
    return (
      x.pid === c.pid &&
      c.vpn === x.vpn + 1 &&
      sameWords(x.before, c.before) &&
      sameWords(x.after, c.after) &&
      !movedPte(x.before, x.after) &&
      !movedPte(c.before, c.after)
    );
  if (x.kind === 'page' && c.kind === 'page') {
    if (c.pfn !== x.pfn + 1) return false;
    const [xb, xa, cb, ca] = [x.before, x.after, c.before, c.after];
    // Allocated: the words depend only on a poisoned after (no counts are written).
    if (xb === null && cb === null)
      return xa !== null && ca !== null && !!xa.hwpoison === !!ca.hwpoison;
    if (xb === null || cb === null) return false;
    // Freed: the words are the count before and the idle count after (a migration frees a page
    // a change; 32,768 of them went through toPart and pageText each before this case).
    if (xa === null && ca === null)
      return xb.refcount === cb.refcount && idleRef(s1, x.pfn) === idleRef(s1, c.pfn);
    // Both pages stored before and after: the words come from their fields alone (no idleRef).
    return xa !== null && ca !== null && samePage(xb, cb) && samePage(xa, ca);
  }
  return false;
}

/** "head: text" per run of parts; the first MAX_PARTS, then "+ N more". */
export function summarize(changes: readonly Change[], s0: KernelState, s1: KernelState): string {
  if (changes.length === 0) return 'Nothing in memory changed.';
  const pids = new Set([...processList(s0), ...processList(s1)].map((p) => p.pid));
  const runs: { first: Part; n: number; lastKey: number }[] = [];
  let last: Change | null = null;
  for (const c of changes) {
    const r = runs[runs.length - 1];
    if (r && last && continues(last, c, s1)) {
      r.n += 1;
      r.lastKey += 1;
      last = c;
      continue;
    }
    const p = toPart(c, s0, s1);
    if (p === null) continue;
    last = c;
    if (r && r.first.group === p.group && r.first.text === p.text && p.key === r.lastKey + 1) {
      r.n += 1;
      r.lastKey = p.key;
    } else runs.push({ first: p, n: 1, lastKey: p.key });
  }
  const shown = runs
    .slice(0, MAX_PARTS)
    .map(
      (r) =>
        `${headOf(r.first.c, r.n, r.lastKey, pids.size > 1)}${r.first.group === 'page' ? ' ' : ': '}${r.first.text}`,
    );
  const more = runs.length - MAX_PARTS;
  return shown.join(' · ') + (more > 0 ? ` · + ${more} more` : '');
}
