/**
 * The context a step runs in: the immer draft of the kernel state, the call trace being recorded,
 * and what the step touched (for highlighting and for checking invariants where things changed).
 */
import { own } from './own';
import type { EraSpec } from './eras/spec';
import { eraSpec } from './eras/spec';
import type { KernelName } from './eras/names';
import { v612Names } from './eras/names';
import type { Violation } from './ops';
import type { EventSite } from './event_log';
import { EventLog } from './event_log';
import { IndexMap, IndexSet } from './index_map';
import type {
  Counters,
  KernelState,
  Page,
  Pfn,
  Pid,
  Process,
  Pte,
  PteRef,
  RmapRef,
  Rss,
  Table,
  Vma,
  Vpn,
} from './types';
import { KERNEL_IMAGE_PAGES } from './types';
import { idlePage, restingPage } from './page_store';
import { tableGet, tableSet, tableDelete } from './table';
import { hex } from './ids';
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
  /** The events recorded so far, compact (event_log.ts); read them with k.events.events(k.names). */
  readonly events: EventLog;
  depth: number;
  readonly touchedPfns: IndexSet<Pfn>;
  /** Every PTE written, in the order first written (touchedVpns: the same, by pid, to dedupe). */
  readonly touchedPtes: PteRef[];
  readonly touchedVpns: Map<Pid, IndexSet<Vpn>>;
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
  readonly pageMemo: IndexMap<Page, Pfn>;
  readonly pageBase: Map<Pfn, Page | undefined>;
  readonly procMemo: Map<Pid, Process>;
  /** s.pages, read once: every read of a field of the draft runs immer's get trap. */
  readonly pages: KernelState['pages'];
  /** The era's spec and the machine's size, read once (a state's era and machine never change). */
  readonly spec: EraSpec;
  readonly ramPages: number;
  /** zero_pfn: the kernel image's page at the top of System RAM (page_store.ts zero_pfn). */
  readonly zeroPfn: Pfn;
  /**
   * Per-step copies of the small counters a page fault bumps (s.counters, s.ram's scalars, each
   * mm's RSS), taken at first use and written back once by syncKernel at the step's end, as the
   * kernel batches task RSS deltas (SPLIT_RSS_COUNTING, sync_mm_rss): one draft write a step
   * instead of immer's get and set traps per page. Read them through the helpers in mm.ts and
   * page_alloc.ts, never through k.s while a step runs.
   */
  counters: Counters | null;
  ram: RamCache | null;
  readonly rss: Map<Pid, Rss>;
  /** Each mm's page table (p.ptes, never reassigned), read through the draft once a step. */
  readonly ptes: Map<Pid, Table<Pte>>;
  /**
   * find_vma's per-mm cache of the last VMA found (mm/vmacache.c): the VMA and its bounds, read
   * once. Functions that change an mm's VMA list call vmacache_invalidate, as the kernel's do.
   */
  readonly vmacache: Map<Pid, VmaHit>;
}

/** s.ram's scalars, and its recycled list (the draft) with its length. */
export interface RamCache {
  fresh: Pfn;
  free: number;
  recycledLength: number;
  readonly base: { readonly fresh: Pfn; readonly free: number };
}

export interface VmaHit {
  readonly vma: Vma;
  readonly start: number;
  readonly end: number;
}

export function newKernel(draft: KernelState, drivers: Drivers): Kernel {
  const ramPages = draft.machine.ramPages;
  const names = eraSpec(draft).id !== 'v4.14' ? v612Names() : null;
  return {
    s: draft,
    names,
    drivers,
    events: new EventLog(names),
    depth: 0,
    touchedPfns: new IndexSet(),
    touchedPtes: [],
    touchedVpns: new Map(),
    runtimeViolations: [],
    ownMigration: null,
    sleepOn: null,
    pageMemo: new IndexMap(),
    pageBase: new Map(),
    procMemo: new Map(),
    pages: draft.pages,
    spec: eraSpec(draft),
    ramPages,
    zeroPfn: (ramPages - KERNEL_IMAGE_PAGES) as Pfn,
    counters: null,
    ram: null,
    rss: new Map(),
    ptes: new Map(),
    vmacache: new Map(),
  };
}

/**
 * A field of a draft as stored, without making a proxy of it: immer's getOwnPropertyDescriptor
 * trap gives the latest value (the base object, or the field's draft if the step made one).
 * Spreading a draft instead runs a trap per key and makes the draft first.
 */
function rawField(draft: object, key: string): unknown {
  return Object.getOwnPropertyDescriptor(draft, key)?.value;
}

/** The step's copy of s.counters (see Kernel.counters). */
export function counters(k: Kernel): Counters {
  k.counters ??= { ...(rawField(k.s, 'counters') as Counters) };
  return k.counters;
}

/** The step's copy of s.ram's scalars (see Kernel.ram). */
export function ramOf(k: Kernel): RamCache {
  if (!k.ram) {
    const r = rawField(k.s, 'ram') as KernelState['ram'];
    const base = { fresh: r.fresh, free: r.free };
    k.ram = { ...base, recycledLength: r.recycled.length, base };
  }
  return k.ram;
}

/** The step's copy of an mm's RSS counters (see Kernel.rss). */
export function rssOf(k: Kernel, pid: Pid): Rss {
  let r = k.rss.get(pid);
  if (!r) {
    r = { ...(rawField(proc(k, pid), 'rss') as Rss) };
    k.rss.set(pid, r);
  }
  return r;
}

/**
 * At the step's end (and before anything reads the state as a whole): write the per-step
 * counters back through the draft, once each, and only those that moved.
 */
export function syncKernel(k: Kernel): void {
  const c = k.counters;
  if (c) {
    const d = rawField(k.s, 'counters') as Counters;
    for (const key of Object.keys(c) as (keyof Counters)[])
      if (c[key] !== d[key]) {
        k.s.counters = c;
        break;
      }
    k.counters = null;
  }
  const r = k.ram;
  if (r) {
    if (r.fresh !== r.base.fresh) k.s.ram.fresh = r.fresh;
    if (r.free !== r.base.free) k.s.ram.free = r.free;
    k.ram = null;
  }
  for (const [pid, rss] of k.rss) {
    const p = procOrNull(k, pid);
    if (!p) continue;
    const was = rawField(p, 'rss') as Rss;
    if (was.anon !== rss.anon || was.file !== rss.file || was.shmem !== rss.shmem) p.rss = rss;
  }
  k.rss.clear();
}

/** An mm's page table (see Kernel.ptes). */
export function ptesOf(k: Kernel, pid: Pid): Table<Pte> {
  let t = k.ptes.get(pid);
  if (!t) {
    t = proc(k, pid).ptes;
    k.ptes.set(pid, t);
  }
  return t;
}

/** vmacache_invalidate: the mm's VMA list changed (a VMA was added, removed, split or merged). */
export function vmacache_invalidate(k: Kernel, pid: Pid): void {
  k.vmacache.delete(pid);
}

/** Run a kernel function's body one level deeper than the event that recorded entering it. */
function deeper<T>(k: Kernel, body: () => T): T {
  k.depth += 1;
  try {
    return body();
  } finally {
    k.depth -= 1;
  }
}

/** Record entering a kernel function, run its body one level deeper, and return its result. */
export function call<T>(k: Kernel, fn: string, file: string, text: string, body: () => T): T {
  k.events.add(fn, file, k.depth, text);
  return deeper(k, body);
}

/**
 * Enter a kernel function at a declared site (event_log.ts eventSite): record it, its text being
 * the site's template and these arguments (formatted only if the step's events are read), and go
 * one level deeper until leave(k). call() without its closure, for the functions a bulk operation
 * runs once per page: `enter(k, SITE, a, b, c); try { ... } finally { leave(k); }`.
 */
export function enter<A, B, C>(k: Kernel, site: EventSite<A, B, C>, a: A, b: B, c: C): void {
  k.events.addAt(site, k.depth, a, b, c);
  k.depth += 1;
}

/** Back from the function enter() recorded. */
export function leave(k: Kernel): void {
  k.depth -= 1;
}

/** Record a kernel function that the model treats as a single, leaf action. */
export function trace(k: Kernel, fn: string, file: string, text: string): void {
  k.events.add(fn, file, k.depth, text);
}

/** trace() at a declared site (see enter). */
export function traceFmt<A, B, C>(k: Kernel, site: EventSite<A, B, C>, a: A, b: B, c: C): void {
  k.events.addAt(site, k.depth, a, b, c);
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
  const known = k.pageMemo.get(pfn);
  // A page in the memo was added to touchedPfns when it entered it.
  if (known) return known;
  k.touchedPfns.add(pfn);
  const stored = tableGet(k.pages, pfn);
  let p: Page;
  if (stored) p = { ...stored, rmap: stored.rmap.slice() };
  else if (pfn < k.ramPages && pfn !== k.zeroPfn) {
    // A free RAM frame at rest (page_store.ts restingPage, without its reads of the draft).
    p = idlePage(pfn, 'system', null, k.spec.deviceIdleRef);
  } else {
    const fresh = restingPage(k.s, pfn);
    if (!fresh) throw new Error(`pfn ${hex(pfn)} has no struct page`);
    p = fresh;
  }
  tableSet(k.pages, pfn, p);
  k.pageMemo.set(pfn, p);
  if (stored) k.pageBase.set(pfn, stored);
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
  for (const [pfn, base] of k.pageBase) {
    const p = k.pageMemo.get(pfn);
    if (p && base && samePage(p, base) && tableGet(k.pages, pfn) === p)
      tableSet(k.pages, pfn, base);
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
  return tableGet(ptesOf(k, pid), vpn);
}

const ptePfn = (pte: Pte | undefined): Pfn | null =>
  pte && !(pte.kind === 'present' && pte.zero) && pte.kind !== 'hwpoison' ? pte.pfn : null;

/**
 * set_pte_at / pte_clear. Besides the entry it keeps the model's reverse map (page.rmap: every PTE
 * that points at a page), which the kernel derives from anon_vma and i_mmap. mapcount and refcount
 * are NOT touched here: only the rmap and refcount helpers change them, as in the kernel.
 */
export function setPte(k: Kernel, pid: Pid, vpn: Vpn, pte: Pte | null): void {
  const ptes = ptesOf(k, pid);
  const old = tableGet(ptes, vpn);
  const oldPfn = ptePfn(old);
  const newPfn = pte ? ptePfn(pte) : null;
  if (oldPfn !== null && oldPfn !== newPfn) {
    const pg = page(k, oldPfn);
    pg.rmap = pg.rmap.filter((r) => !(r.pid === pid && r.vpn === vpn));
  }
  // One object names this PTE in the page's reverse map and in what the step touched (both only
  // read): a bulk write made two a page, and the invariant check then read both (issue 12).
  let ref: PteRef | null = null;
  if (newPfn !== null && newPfn !== oldPfn) {
    const pg = page(k, newPfn);
    ref = { pid, vpn };
    // A page's first mapping: an array of exactly one (a push onto [] reserves 17 slots).
    if (pg.rmap.length === 0) pg.rmap = [ref];
    else pg.rmap.push(ref);
  }
  if (pte) tableSet(ptes, vpn, pte);
  else tableDelete(ptes, vpn);
  let vpns = k.touchedVpns.get(pid);
  if (!vpns) {
    vpns = new IndexSet();
    k.touchedVpns.set(pid, vpns);
  }
  if (!vpns.has(vpn)) {
    vpns.add(vpn);
    k.touchedPtes.push(ref ?? { pid, vpn });
  }
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
