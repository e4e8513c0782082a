/**
 * What one step changed, derived from the two kernel states alone (never from the op or the
 * narration): the map's before → after marks, its one-line summary and its accessible names all
 * read this list, so they cannot disagree. `diffFrames(b, a)` is the inverse of `diffFrames(a, b)`:
 * every change is a before/after pair of the same object, and inverting swaps the pair.
 */
import type {
  DeviceId,
  DeviceType,
  KernelState,
  MirrorPerm,
  Page,
  Pfn,
  Pid,
  Pte,
  Signal,
  Vma,
  Vpn,
} from '../../model';
import {
  asDeviceId,
  asPfn,
  asPid,
  asVpn,
  dmirrorData,
  exhaustive,
  own,
  processList,
  processOf,
  tableSize,
} from '../../model';
import type { Frame } from '../../store/model';
import { asleepOf } from './describe';
import { diffTable } from './tableDiff';

export interface ProcessFacts {
  readonly alive: boolean;
  readonly signals: readonly Signal[];
  /** What the task sleeps on (a paused migration's lock), in words; null when it runs. */
  readonly asleep: string | null;
}

export interface DeviceFacts {
  readonly type: DeviceType;
  readonly removed: boolean;
  readonly freePages: number;
}

/** A device's page table for one mm (the driver's mirror of it): how many entries it holds. */
export interface MirrorTableFacts {
  readonly entries: number;
}

export interface MirrorEntry {
  readonly pfn: Pfn;
  readonly perm: MirrorPerm;
}

/**
 * One object that differs between two states. `null` means absent: no PTE (none), an idle page
 * (free RAM at refcount 0, a free device page at refcount 1: not stored), no mirror entry, no VMA.
 */
export type Change =
  | {
      readonly kind: 'process';
      readonly pid: Pid;
      readonly before: ProcessFacts | null;
      readonly after: ProcessFacts | null;
    }
  | {
      readonly kind: 'device';
      readonly device: DeviceId;
      readonly before: DeviceFacts | null;
      readonly after: DeviceFacts | null;
    }
  | {
      readonly kind: 'vma';
      readonly pid: Pid;
      readonly start: Vpn;
      readonly before: Vma | null;
      readonly after: Vma | null;
    }
  | {
      readonly kind: 'pte';
      readonly pid: Pid;
      readonly vpn: Vpn;
      readonly before: Pte | null;
      readonly after: Pte | null;
    }
  | {
      readonly kind: 'page';
      readonly pfn: Pfn;
      readonly before: Page | null;
      readonly after: Page | null;
    }
  | {
      /** The table itself: registered (before null) or released at the mm's exit (after null). */
      readonly kind: 'mirror-table';
      readonly device: DeviceId;
      readonly pid: Pid;
      readonly before: MirrorTableFacts | null;
      readonly after: MirrorTableFacts | null;
    }
  | {
      readonly kind: 'mirror';
      readonly device: DeviceId;
      readonly pid: Pid;
      readonly vpn: Vpn;
      readonly before: MirrorEntry | null;
      readonly after: MirrorEntry | null;
    };

export type ChangeKind = Change['kind'];

/** A stable id per changed object: the same object in any step has the same id. */
export function changeId(c: Change): string {
  switch (c.kind) {
    case 'process':
      return `process:${c.pid}`;
    case 'device':
      return `device:${c.device}`;
    case 'vma':
      return `vma:${c.pid}:${c.start}`;
    case 'pte':
      return `pte:${c.pid}:${c.vpn}`;
    case 'page':
      return `page:${c.pfn}`;
    case 'mirror-table':
      return `mirror-table:${c.device}:${c.pid}`;
    case 'mirror':
      return `mirror:${c.device}:${c.pid}:${c.vpn}`;
    default:
      return exhaustive(c);
  }
}

/** The same change seen backwards (stepping back). */
export function invertChange(c: Change): Change {
  return { ...c, before: c.after, after: c.before } as Change;
}

/** added: it did not exist before; removed: it does not exist after; changed: both. */
export function changeVerb(c: Change): 'added' | 'removed' | 'changed' {
  if (c.before === null) return 'added';
  if (c.after === null) return 'removed';
  return 'changed';
}

/** A PTE whose target frame differs (retargeted link), or null. */
export function retarget(c: Change): { from: Pfn; to: Pfn } | null {
  if (c.kind !== 'pte' && c.kind !== 'mirror') return null;
  if (!c.before || !c.after || c.before.pfn === c.after.pfn) return null;
  return { from: c.before.pfn, to: c.after.pfn };
}

const samePte = (a: Pte | undefined, b: Pte | undefined): boolean => {
  if (a === b) return true;
  if (!a || !b || a.kind !== b.kind || a.pfn !== b.pfn) return false;
  if (a.kind === 'hwpoison' || b.kind === 'hwpoison') return true;
  if (a.write !== b.write) return false;
  return a.kind !== 'present' || b.kind !== 'present' || a.zero === b.zero;
};

/** The page fields the map draws; dirty/young bits and LRU bookkeeping are not among them. */
const samePage = (a: Page | undefined, b: Page | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.refcount === b.refcount &&
    a.mapcount === b.mapcount &&
    a.value === b.value &&
    a.locked === b.locked &&
    a.pins === b.pins &&
    a.allocated === b.allocated &&
    Boolean(a.hwpoison) === Boolean(b.hwpoison) &&
    (a.mapping?.kind ?? null) === (b.mapping?.kind ?? null) &&
    a.rmap.length === b.rmap.length &&
    a.rmap.every((r, i) => r.pid === b.rmap[i]?.pid && r.vpn === b.rmap[i].vpn));

const sameVma = (a: Vma, b: Vma): boolean =>
  a.end === b.end && a.prot === b.prot && a.shared === b.shared && a.anonymous === b.anonymous;

function processFacts(s: KernelState, pid: number): ProcessFacts | null {
  const p = processOf(s, pid);
  return p ? { alive: p.alive, signals: p.signals, asleep: asleepOf(s, pid) } : null;
}

function deviceFacts(s: KernelState, id: string): DeviceFacts | null {
  const d = own(s.devices, id);
  // The free-page count is the driver's (dev_get_drvdata), not the kernel's Device.
  return d
    ? { type: d.type, removed: d.removed, freePages: dmirrorData(s, id)?.freePages ?? 0 }
    : null;
}

const keysOf = (a: object, b: object): string[] => [
  ...new Set([...Object.keys(a), ...Object.keys(b)]),
];

/** Every object that differs between two states, in a stable order (by kind, then key). */
export function diffStates(a: KernelState, b: KernelState): Change[] {
  const out: Change[] = [];
  if (a === b) return out;
  const pidSet = new Set([...processList(a), ...processList(b)].map((p) => p.pid as number));
  for (const k of [...pidSet].sort((x, y) => x - y)) {
    const pid = asPid(k);
    const pa = processOf(a, k);
    const pb = processOf(b, k);
    // A task that fell asleep (or woke) changes s.waiters, not its process.
    if (pa === pb && a.waiters === b.waiters) continue;
    const fa = processFacts(a, k);
    const fb = processFacts(b, k);
    if (
      fa?.alive !== fb?.alive ||
      fa?.asleep !== fb?.asleep ||
      (fa?.signals.length ?? -1) !== (fb?.signals.length ?? -1) ||
      (fa !== null && fb !== null && fa.signals.some((sig, i) => sig !== fb.signals[i]))
    )
      out.push({ kind: 'process', pid, before: fa, after: fb });
    const va = new Map((pa?.vmas ?? []).map((v) => [v.start as number, v]));
    const vb = new Map((pb?.vmas ?? []).map((v) => [v.start as number, v]));
    for (const start of [...new Set([...va.keys(), ...vb.keys()])].sort((x, y) => x - y)) {
      const x = va.get(start);
      const y = vb.get(start);
      if (x && y && sameVma(x, y)) continue;
      out.push({ kind: 'vma', pid, start: asVpn(start), before: x ?? null, after: y ?? null });
    }
    diffTable(pa?.ptes, pb?.ptes, (vpn, x, y) => {
      if (samePte(x, y)) return;
      out.push({ kind: 'pte', pid, vpn: asVpn(vpn), before: x ?? null, after: y ?? null });
    });
  }
  diffTable(a.pages, b.pages, (pfn, x, y) => {
    if (samePage(x, y)) return;
    out.push({ kind: 'page', pfn: asPfn(pfn), before: x ?? null, after: y ?? null });
  });
  for (const id of keysOf(a.devices, b.devices).sort()) {
    const da = own(a.devices, id);
    const db = own(b.devices, id);
    // The device page tables live with the driver (drvdata), beside the kernel's Device.
    const ra = dmirrorData(a, id);
    const rb = dmirrorData(b, id);
    if (da === db && ra === rb) continue;
    const device = asDeviceId(id);
    const fa = deviceFacts(a, id);
    const fb = deviceFacts(b, id);
    if (fa?.removed !== fb?.removed || fa?.type !== fb?.type)
      out.push({ kind: 'device', device, before: fa, after: fb });
    const ma = ra?.mirrors ?? {};
    const mb = rb?.mirrors ?? {};
    for (const p of keysOf(ma, mb)
      .map(Number)
      .sort((x, y) => x - y)) {
      const ta = ma[p];
      const tb = mb[p];
      if ((ta === undefined) !== (tb === undefined))
        out.push({
          kind: 'mirror-table',
          device,
          pid: asPid(p),
          before: ta ? { entries: tableSize(ta) } : null,
          after: tb ? { entries: tableSize(tb) } : null,
        });
      diffTable(ta, tb, (vpn, x, y) => {
        if (x && y && x.pfn === y.pfn && x.perm === y.perm) return;
        out.push({
          kind: 'mirror',
          device,
          pid: asPid(p),
          vpn: asVpn(vpn),
          before: x ? { pfn: x.pfn, perm: x.perm } : null,
          after: y ? { pfn: y.pfn, perm: y.perm } : null,
        });
      });
    }
  }
  return out;
}

/** What the step from `before` to `after` changed (either direction: stepping back inverts it). */
export function diffFrames(before: Frame | undefined, after: Frame): Change[] {
  return before ? diffStates(before.state, after.state) : [];
}
