/**
 * The context a step runs in: the immer draft of the kernel state, the call trace being recorded,
 * and what the step touched (for highlighting and for checking invariants where things changed).
 */
import { own } from './own';
import { isModern } from './eras/spec';
import type { KernelName } from './eras/names';
import { v612Names } from './eras/names';
import type { KernelEvent, Violation } from './ops';
import type {
  KernelState,
  Page,
  Pfn,
  Pid,
  Process,
  Pte,
  PteKey,
  PteRef,
  RmapRef,
  Vpn,
} from './types';
import { restingPage } from './page_store';
import { tableGet, tableSet, tableDelete } from './table';
import { hex, pteKey } from './ids';
import type {
  DriverModule,
  DriverTable,
  DriverTag,
  MigrateOpsRef,
  MigrateVmaOps,
} from './driver_api';
import { processOf } from './query';

/** The drivers linked into the kernel image a step runs on (src/model/vmlinux.ts builds it). */
export type Drivers = DriverTable<Kernel>;
export type Driver = DriverModule<Kernel>;

export interface Kernel {
  /** The era's names for functions the shared core traces under their v4.14 names (v6.12). */
  readonly names: ReadonlyMap<string, KernelName> | null;
  /** The draft being produced. Mutate only through the kernel functions. */
  readonly s: KernelState;
  /** Registered driver ops, looked up by the tags the state keeps. */
  readonly drivers: Drivers;
  readonly events: KernelEvent[];
  depth: number;
  readonly touchedPfns: Set<Pfn>;
  /** Every PTE written, by key, in the order first written. */
  readonly touchedPtes: Map<PteKey, PteRef>;
  /** Violations seen while running (e.g. VM_BUG_ON in get_page), reported with the step's. */
  readonly runtimeViolations: Violation[];
  /**
   * The device whose driver is inside its own migrate_vma call. v4.14's mirror callback gets no
   * owner, so the model driver uses this to ignore the invalidations of its own migrations (what
   * MMU_NOTIFY_MIGRATE with an owner made explicit in later kernels).
   */
  ownMigration: string | null;
  /**
   * Set by migration_entry_wait when the task must sleep on a page a paused migration holds
   * (`ref`: v4.14 took a page reference for the wait); the access that faulted queues the waiter.
   */
  sleepOn: { pfn: Pfn; ref: boolean } | null;
  /**
   * The step's struct pages and processes, by pfn and pid: page() and proc() walk the tables once
   * per step, not on every call (one migration asks for the same page a dozen times).
   * pageMemo holds the step's own copy of each page it asked for (the table holds it too), and
   * pageBase the page it copies (undefined: the page was idle, not stored).
   */
  readonly pageMemo: Map<Pfn, Page>;
  readonly pageBase: Map<Pfn, Page | undefined>;
  readonly procMemo: Map<Pid, Process>;
  /** s.pages, read once: every read of a field of the draft runs immer's get trap. */
  readonly pages: KernelState['pages'];
}

export function newKernel(draft: KernelState, drivers: Drivers): Kernel {
  return {
    s: draft,
    names: isModern(draft) ? v612Names() : null,
    drivers,
    events: [],
    depth: 0,
    touchedPfns: new Set(),
    touchedPtes: new Map(),
    runtimeViolations: [],
    ownMigration: null,
    sleepOn: null,
    pageMemo: new Map(),
    pageBase: new Map(),
    procMemo: new Map(),
    pages: draft.pages,
  };
}

/** Record entering a kernel function, run its body one level deeper, and return its result. */
export function call<T>(k: Kernel, fn: string, file: string, text: string, body: () => T): T {
  k.events.push(event(k, fn, file, text));
  k.depth += 1;
  try {
    return body();
  } finally {
    k.depth -= 1;
  }
}

/** Record a kernel function that the model treats as a single, leaf action. */
export function trace(k: Kernel, fn: string, file: string, text: string): void {
  k.events.push(event(k, fn, file, text));
}

/** One event, under the era's own name for the function. */
function event(k: Kernel, fn: string, file: string, text: string): KernelEvent {
  const renamed = k.names?.get(fn);
  return renamed
    ? { fn: renamed.fn, file: renamed.file, text, depth: k.depth }
    : { fn, file, text, depth: k.depth };
}

export function bug(k: Kernel, id: string, text: string): void {
  k.runtimeViolations.push({ id, text });
}

/**
 * The struct page of pfn, for this step to change: its own copy (the table's pages are never
 * immer drafts, see table.ts), stored in the table at once and kept for the rest of the step;
 * an idle page is materialized.
 */
export function page(k: Kernel, pfn: Pfn): Page {
  k.touchedPfns.add(pfn);
  const known = k.pageMemo.get(pfn);
  if (known) return known;
  const stored = tableGet(k.pages, pfn);
  let p: Page;
  if (stored) p = { ...stored, rmap: stored.rmap.slice() };
  else {
    const fresh = restingPage(k.s, pfn);
    if (!fresh) throw new Error(`pfn ${hex(pfn)} has no struct page`);
    p = fresh;
  }
  tableSet(k.pages, pfn, p);
  k.pageMemo.set(pfn, p);
  k.pageBase.set(pfn, stored);
  return p;
}

/** Take pfn's struct page out of the table (it is idle again); page() rebuilds it if asked. */
export function dropPage(k: Kernel, pfn: Pfn): void {
  tableDelete(k.pages, pfn);
  k.pageMemo.delete(pfn);
  k.touchedPfns.add(pfn);
}

const sameRmap = (a: readonly RmapRef[], b: readonly RmapRef[]): boolean =>
  a.length === b.length && a.every((r, i) => r === b[i]);

function samePage(a: Page, b: Page): boolean {
  for (const key of Object.keys(a) as (keyof Page)[])
    if (key !== 'rmap' && a[key] !== b[key]) return false;
  return Object.keys(b).length === Object.keys(a).length && sameRmap(a.rmap, b.rmap);
}

/**
 * At the end of a step: a page the step copied but did not change goes back as it was, so the
 * next state shares it (and its table path) with this one, as immer kept an unmodified draft.
 */
export function settlePages(k: Kernel): void {
  for (const [pfn, p] of k.pageMemo) {
    const base = k.pageBase.get(pfn);
    if (base && samePage(p, base) && tableGet(k.pages, pfn) === p) tableSet(k.pages, pfn, base);
  }
}

/** The process with this pid, or undefined (looked up once per step). */
export function procOrNull(k: Kernel, pid: number): Process | undefined {
  const known = k.procMemo.get(pid as Pid);
  if (known) return known;
  const p = processOf(k.s, pid);
  if (p) k.procMemo.set(pid as Pid, p);
  return p;
}

export function proc(k: Kernel, pid: Pid): Process {
  const p = procOrNull(k, pid);
  if (!p) throw new Error(`no process ${pid}`);
  return p;
}

export function getPte(k: Kernel, pid: Pid, vpn: Vpn): Pte | undefined {
  return tableGet(proc(k, pid).ptes, vpn);
}

const ptePfn = (pte: Pte | undefined): Pfn | null =>
  pte && !(pte.kind === 'present' && pte.zero) && pte.kind !== 'hwpoison' ? pte.pfn : null;

/**
 * set_pte_at / pte_clear. Besides the entry it keeps the model's reverse map (page.rmap: every PTE
 * that points at a page), which the kernel derives from anon_vma and i_mmap. mapcount and refcount
 * are NOT touched here: only the rmap and refcount helpers change them, as in the kernel.
 */
export function setPte(k: Kernel, pid: Pid, vpn: Vpn, pte: Pte | null): void {
  const p = proc(k, pid);
  const old = tableGet(p.ptes, vpn);
  const oldPfn = ptePfn(old);
  const newPfn = pte ? ptePfn(pte) : null;
  if (oldPfn !== null && oldPfn !== newPfn) {
    const pg = page(k, oldPfn);
    pg.rmap = pg.rmap.filter((r) => !(r.pid === pid && r.vpn === vpn));
  }
  if (newPfn !== null && newPfn !== oldPfn) {
    const pg = page(k, newPfn);
    pg.rmap.push({ pid, vpn });
  }
  if (pte) tableSet(p.ptes, vpn, pte);
  else tableDelete(p.ptes, vpn);
  k.touchedPtes.set(pteKey(pid, vpn), { pid, vpn });
}

/** The driver registered under tag; a tag with no driver is a broken kernel image, not an errno. */
export function driverOf(k: Kernel, tag: DriverTag): Driver {
  const d = own(k.drivers.byTag, tag);
  if (!d) throw new Error(`no driver registered as "${tag}" in this kernel image`);
  return d;
}

/** The migrate_vma_ops a reference names. */
export function migrateOps(k: Kernel, ref: MigrateOpsRef): MigrateVmaOps<Kernel> {
  const ops = driverOf(k, ref.driver).migrate[ref.ops];
  if (!ops) throw new Error(`driver "${ref.driver}" has no migrate_vma_ops "${ref.ops}"`);
  return ops;
}
