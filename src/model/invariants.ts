/**
 * The invariants of kernel-semantics.md §3 for the state's era (I-1 in v4.14, I-1' in v6.12), checked after every step over what
 * the step touched (pages, PTEs, and the processes and devices they belong to), so the check costs
 * what the step changed. checkAllInvariants checks the whole machine, for tests.
 */
import type { Violation } from './ops';
import type { KernelState, Page, Pfn, Process, Pte, PteRef } from './types';
import { PAGES_PER_SECTION } from './types';
import { is_zero_pfn, lookupPage } from './page_store';
import { tableEntries, tableGet } from './table';
import { asPfn, asVpn, hex, hexVpn } from './ids';
import { protWrites, vmaAt } from './mm';
import { own } from './own';
import { eraSpec } from './eras/spec';
import { processOf, processList } from './query';
import { IndexSet } from './index_map';
import { mmapSemHolder, pausedHolding } from './migrate_inflight';

/** A set of pfns, as checkInvariants asks for one (the step's own IndexSet of touched pfns). */
export interface PfnSet {
  has(pfn: number): boolean;
}

/** What to check: the Touched of a step (step.ts), or any subset of the machine. */
export interface TouchedSet {
  readonly pfns: readonly Pfn[];
  readonly ptes: readonly PteRef[];
}

const mapsPage = (pte: Pte | undefined): boolean =>
  pte !== undefined &&
  ((pte.kind === 'present' && !pte.zero) || pte.kind === 'devmap' || pte.kind === 'device-private');

// A violation's subject, built only for a violation: the checks run on every page and PTE a step
// touched (a module function, not a closure per check: tsx's keepNames defines a name per closure).
const pageAt = (p: Page): string => `pfn ${hex(p.pfn)}`;
const pteAt = (proc: Process, vpn: number): string => `pid ${proc.pid} ${hexVpn(asVpn(vpn))}`;

function checkPage(
  s: KernelState,
  p: Page,
  out: Violation[],
  idleRef: 0 | 1,
  procs: Map<number, Process | undefined>,
): void {
  const device = p.memory !== 'system';
  if (device && idleRef === 1 && p.refcount < 1)
    out.push({ id: 'I-1', text: `${pageAt(p)}: ZONE_DEVICE refcount ${p.refcount} < 1` });
  // I-1' (v6.12): a free device page is at 0, an allocated one at ≥ 1.
  if (device && idleRef === 0 && (p.refcount < 0 || (p.allocated && p.refcount < 1)))
    out.push({
      id: "I-1'",
      text: `${pageAt(p)}: ZONE_DEVICE refcount ${p.refcount} (${p.allocated ? 'allocated' : 'free'})`,
    });
  if (device && idleRef === 0 && !p.allocated && p.refcount > 0)
    out.push({
      id: "I-1'",
      text: `${pageAt(p)}: free ZONE_DEVICE page at refcount ${p.refcount}, not 0`,
    });
  if (device && p.lru) out.push({ id: 'I-9', text: `${pageAt(p)}: ZONE_DEVICE page on the LRU` });
  if (p.memory === 'device-private' && p.mapping?.kind === 'file') {
    out.push({ id: 'I-12', text: `${pageAt(p)}: device-private page backs file memory` });
  }
  if (p.memory === 'device-private' && p.pins > 0)
    out.push({ id: 'I-15', text: `${pageAt(p)}: device-private page pinned` });
  // A migration paused after its unmap stage keeps its pages locked across steps (and only it).
  if (p.locked && !pausedHolding(s, p.pfn))
    out.push({ id: 'I-16', text: `${pageAt(p)}: still locked after the step` });
  let mapped = 0;
  // Device-exclusive entries (v6.12) hold a page reference each but no mapcount (I-7, I-8).
  let exclusive = 0;
  for (const r of p.rmap) {
    let owner = procs.get(r.pid);
    if (owner === undefined && !procs.has(r.pid)) {
      owner = processOf(s, r.pid);
      procs.set(r.pid, owner);
    }
    const pte = tableGet(owner?.ptes, r.vpn);
    if (!pte || !('pfn' in pte) || pte.pfn !== p.pfn) {
      out.push({
        id: 'I-7',
        text: `${pageAt(p)}: reverse map lists pid ${r.pid} ${hexVpn(r.vpn)}, whose PTE does not point here`,
      });
      continue;
    }
    if (mapsPage(pte)) mapped += 1;
    if (pte.kind === 'device-exclusive') exclusive += 1;
    if (p.memory === 'device-private' && (pte.kind === 'present' || pte.kind === 'devmap')) {
      out.push({ id: 'I-4', text: `${pageAt(p)}: device-private page mapped by a present PTE` });
    }
    if (p.memory === 'device-public' && pte.kind !== 'devmap' && pte.kind !== 'migration') {
      out.push({ id: 'I-5', text: `${pageAt(p)}: DEVICE_PUBLIC page mapped by a ${pte.kind} PTE` });
    }
  }
  if (p.mapcount !== mapped) {
    out.push({
      id: 'I-7',
      text: `${pageAt(p)}: mapcount ${p.mapcount} but ${mapped} PTE(s) map it`,
    });
  }
  const cache = p.mapping?.kind === 'file' ? 1 : 0;
  // Steady state: E1 refcount = 1 + mapcount for device pages (the idle reference); E5 = mapcount.
  // The zero page (PG_reserved) keeps its own reference: 1 + outstanding FOLL_GET references.
  const own = device ? idleRef : p.reserved ? 1 : 0;
  const steady = own + p.mapcount + exclusive + p.pins + cache + (p.hwpoison ? 1 : 0);
  if (!p.locked && p.refcount !== steady && !(device && !p.allocated && p.refcount === idleRef)) {
    out.push({
      id: 'I-8',
      text: `${pageAt(p)}: refcount ${p.refcount}, expected ${steady} in steady state`,
    });
  }
}

function checkPte(s: KernelState, proc: Process, vpn: number, out: Violation[]): void {
  const pte = tableGet(proc.ptes, vpn);
  if (!pte) return;
  // A special zero-page PTE (no mapcount, no rmap) is exactly a present PTE of zero_pfn.
  if (pte.kind === 'present' && pte.zero !== is_zero_pfn(s, pte.pfn)) {
    out.push({
      id: 'I-7',
      text: `${pteAt(proc, vpn)}: present PTE of pfn ${hex(pte.pfn)} ${pte.zero ? 'marked' : 'not marked'} as the zero page`,
    });
  }
  if (pte.kind === 'migration' && !lookupPage(s, pte.pfn)?.locked) {
    out.push({
      id: 'I-6',
      text: `${pteAt(proc, vpn)}: migration entry for unlocked pfn ${hex(pte.pfn)}`,
    });
  } else if (pte.kind === 'migration' && !pausedHolding(s, pte.pfn)) {
    out.push({
      id: 'I-6',
      text: `${pteAt(proc, vpn)}: migration entry for pfn ${hex(pte.pfn)} outside any migration in flight`,
    });
  }
  if (pte.kind === 'device-private' && pte.write) {
    const vma = vmaAt(proc, asVpn(vpn));
    if (!vma || !protWrites(vma.prot))
      out.push({
        id: 'I-13',
        text: `${pteAt(proc, vpn)}: device-private write entry in a VMA without VM_WRITE`,
      });
    const pg = lookupPage(s, pte.pfn);
    if (pg && pg.mapcount > 1)
      out.push({
        id: 'I-13',
        text: `${pteAt(proc, vpn)}: device-private write entry shared by ${pg.mapcount} mappings`,
      });
  }
}

/** Which RSS counter an entry is accounted in (what fork and zap increment and decrement). */
function rssClass(s: KernelState, pte: Pte | undefined): 'anon' | 'shmem' | null {
  if (!pte || pte.kind === 'hwpoison' || (pte.kind === 'present' && pte.zero)) return null;
  return lookupPage(s, pte.pfn)?.mapping?.kind === 'file' ? 'shmem' : 'anon';
}

/** I-14: MM_ANONPAGES / MM_SHMEMPAGES against a recount of the whole page table. */
function checkRss(s: KernelState, proc: Process, out: Violation[]): void {
  const count = { anon: 0, shmem: 0 };
  for (const [, pte] of tableEntries(proc.ptes)) {
    const c = rssClass(s, pte);
    if (c) count[c] += 1;
  }
  rssMismatch(proc.pid, proc.rss, count, 'page table holds', out);
}

function rssMismatch(
  pid: number,
  rss: { anon: number; shmem: number },
  count: { anon: number; shmem: number },
  what: string,
  out: Violation[],
): void {
  if (rss.anon !== count.anon)
    out.push({ id: 'I-14', text: `pid ${pid}: MM_ANONPAGES ${rss.anon}, ${what} ${count.anon}` });
  if (rss.shmem !== count.shmem)
    out.push({
      id: 'I-14',
      text: `pid ${pid}: MM_SHMEMPAGES ${rss.shmem}, ${what} ${count.shmem}`,
    });
}

/**
 * I-14 by induction, at the cost of what the step touched: the counters must have moved exactly
 * as the touched entries did (the previous state was checked the same way).
 */
function checkRssDelta(
  prev: KernelState,
  s: KernelState,
  pid: number,
  vpns: readonly number[],
  out: Violation[],
): void {
  const before = processOf(prev, pid);
  const after = processOf(s, pid);
  if (!after) return;
  if (!before) {
    checkRss(s, after, out);
    return;
  }
  const moved = { anon: 0, shmem: 0 };
  for (const vpn of vpns) {
    const was = rssClass(prev, tableGet(before.ptes, vpn));
    const is = rssClass(s, tableGet(after.ptes, vpn));
    if (was) moved[was] -= 1;
    if (is) moved[is] += 1;
  }
  const rssMoved = {
    anon: after.rss.anon - before.rss.anon,
    shmem: after.rss.shmem - before.rss.shmem,
  };
  rssMismatch(pid, rssMoved, moved, 'moved while its page table moved', out);
}

/** I-10/I-11: device ranges section aligned, clear of System RAM, never sharing a section. */
function checkDevices(s: KernelState, out: Violation[]): void {
  const sections = new Map<number, string>();
  for (const id of s.deviceOrder) {
    const d = own(s.devices, id);
    if (!d) continue;
    for (const c of d.chunks) {
      if (!c.live) continue;
      if (c.pfnFirst % PAGES_PER_SECTION !== 0 || c.pfnLast % PAGES_PER_SECTION !== 0) {
        out.push({
          id: 'I-11',
          text: `${id}: range [${hex(c.pfnFirst)}, ${hex(c.pfnLast)}) not section aligned`,
        });
      }
      if (c.pfnFirst < s.machine.ramPages)
        out.push({ id: 'I-11', text: `${id}: range overlaps System RAM` });
      for (let sec = c.pfnFirst / PAGES_PER_SECTION; sec < c.pfnLast / PAGES_PER_SECTION; sec++) {
        const other = sections.get(sec);
        if (other !== undefined && other !== id)
          out.push({ id: 'I-11', text: `${id} and ${other} share section ${sec}` });
        sections.set(sec, id);
      }
    }
  }
}

/**
 * I-21: a paused migration holds every page it collected locked; a task sleeps only on a lock that
 * a paused migration holds (a page of it, or its mm's mmap_sem) — otherwise it should have woken.
 */
function checkInFlight(s: KernelState, out: Violation[]): void {
  for (const pm of s.inflight ?? []) {
    for (const e of pm.migrate.src) {
      if (e.pfn !== null && !lookupPage(s, e.pfn)?.locked)
        out.push({
          id: 'I-21',
          text: `${pm.device}'s paused migration holds pfn ${hex(e.pfn)}, which is not locked`,
        });
    }
  }
  for (const w of s.waiters ?? []) {
    const held =
      w.on === 'mmap_sem'
        ? mmapSemHolder(s, w.pid) !== undefined
        : w.pfn !== undefined && lookupPage(s, w.pfn)?.locked === true;
    if (!held)
      out.push({
        id: 'I-21',
        text: `pid ${w.pid}'s ${w.op.op} sleeps on ${w.on} that nothing holds (a lost wake-up)`,
      });
  }
}

function dedupe(v: Violation[]): Violation[] {
  const seen = new Set<string>();
  return v.filter((x) => (seen.has(x.text) ? false : (seen.add(x.text), true)));
}

/** After a step: prev is the state before it (RSS is then checked by delta, in O(touched)). */
export function checkInvariants(
  s: KernelState,
  touched: TouchedSet,
  prev?: KernelState,
  /** The set of touched.pfns (no more, no fewer), if the caller has one: not built again. */
  touchedPfns?: PfnSet,
): Violation[] {
  const out: Violation[] = [];
  // The pages to check: the touched ones in order, then those the touched PTEs point at. A bulk
  // write touches 65,536 pages and PTEs that point at exactly those pages: the pages are listed
  // by copying, and only a PTE's page outside them is looked up in a set of its own. (A pfn
  // listed twice is checked twice; dedupe drops the repeated violations.)
  const pfns: number[] = touched.pfns.slice();
  const isTouched = touchedPfns ?? setOf(touched.pfns);
  let extra: IndexSet | null = null;
  const addPfn = (pfn: number): void => {
    if (isTouched.has(pfn)) return;
    extra ??= new IndexSet();
    if (extra.has(pfn)) return;
    extra.add(pfn);
    pfns.push(pfn);
  };
  const pids = new Map<number, number[]>();
  // Each process looked up once (a step's PTEs and reverse maps name few of them).
  const procs = new Map<number, Process | undefined>();
  for (const { pid, vpn } of touched.ptes) {
    let list = pids.get(pid);
    if (!list) {
      list = [];
      pids.set(pid, list);
      procs.set(pid, processOf(s, pid));
    }
    list.push(vpn);
    const proc = procs.get(pid);
    if (!proc) continue;
    checkPte(s, proc, vpn, out);
    const pte = tableGet(proc.ptes, vpn);
    if (pte && 'pfn' in pte) addPfn(pte.pfn);
  }
  const idleRef = eraSpec(s).deviceIdleRef;
  for (const pfn of pfns) {
    const p = lookupPage(s, pfn as Pfn);
    if (p) checkPage(s, p, out, idleRef, procs);
  }
  for (const [pid, vpns] of pids) {
    const proc = processOf(s, pid);
    if (!proc) continue;
    if (prev) checkRssDelta(prev, s, pid, vpns, out);
    else checkRss(s, proc, out);
  }
  checkDevices(s, out);
  checkInFlight(s, out);
  return dedupe(out);
}

function setOf(pfns: readonly number[]): IndexSet {
  const set = new IndexSet();
  for (const pfn of pfns) set.add(pfn);
  return set;
}

/** Every page, PTE and process: for tests and property checks. */
export function checkAllInvariants(s: KernelState): Violation[] {
  const ptes: PteRef[] = [];
  for (const proc of processList(s)) {
    for (const [vpn] of tableEntries(proc.ptes)) ptes.push({ pid: proc.pid, vpn: asVpn(vpn) });
  }
  const pfns = tableEntries(s.pages).map(([pfn]) => asPfn(pfn));
  const all = checkInvariants(s, { pfns, ptes });
  for (const proc of processList(s)) checkRss(s, proc, all);
  return dedupe(all);
}
