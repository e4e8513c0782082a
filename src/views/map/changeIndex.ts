/** A step's Change[] indexed the ways the layout looks them up. */
import type { Change } from './diff';
import { SortedChanges } from './sortedChanges';

export type PteChange = Extract<Change, { kind: 'pte' }>;
export type PageChange = Extract<Change, { kind: 'page' }>;
export type MirrorChange = Extract<Change, { kind: 'mirror' }>;
export type MirrorTableChange = Extract<Change, { kind: 'mirror-table' }>;
export type VmaChange = Extract<Change, { kind: 'vma' }>;
export type ProcChange = Extract<Change, { kind: 'process' }>;

/** Changes of one table (a process's PTEs, a device's mirror of one mm, the pages), by key. */
export type ByKey<C> = SortedChanges<C>;

export interface ChangeIndex {
  /** By pid, then vpn. */
  readonly ptes: ReadonlyMap<number, ByKey<PteChange>>;
  /** By pfn. */
  readonly pages: ByKey<PageChange>;
  /** By device, then pid, then vpn. */
  readonly mirrors: ReadonlyMap<string, ReadonlyMap<number, ByKey<MirrorChange>>>;
  /** Tables registered or released this step, by "device:pid". */
  readonly mirrorTables: ReadonlyMap<string, MirrorTableChange>;
  readonly vmas: ReadonlyMap<string, VmaChange>;
  readonly procs: ReadonlyMap<number, ProcChange>;
}

function listFor<K, V>(m: Map<K, V[]>, k: K): V[] {
  const l = m.get(k);
  if (l) return l;
  const fresh: V[] = [];
  m.set(k, fresh);
  return fresh;
}

function sortedMap<K, C>(m: Map<K, C[]>, keyOf: (c: C) => number): Map<K, SortedChanges<C>> {
  return new Map([...m].map(([k, l]) => [k, new SortedChanges(l, keyOf)]));
}

const vpnOf = (c: PteChange | MirrorChange): number => c.vpn;

export function indexChanges(changes: readonly Change[]): ChangeIndex {
  const ptes = new Map<number, PteChange[]>();
  const pages: PageChange[] = [];
  const mirrors = new Map<string, Map<number, MirrorChange[]>>();
  const mirrorTables = new Map<string, MirrorTableChange>();
  const vmas = new Map<string, VmaChange>();
  const procs = new Map<number, ProcChange>();
  // Changes come grouped (diffStates walks one table at a time): the last list is reused.
  let ptePid = -1;
  let pteList: PteChange[] = [];
  for (const c of changes) {
    if (c.kind === 'pte') {
      if (c.pid !== ptePid) {
        ptePid = c.pid;
        pteList = listFor(ptes, ptePid);
      }
      pteList.push(c);
    } else if (c.kind === 'page') pages.push(c);
    else if (c.kind === 'mirror') {
      let byPid = mirrors.get(c.device);
      if (!byPid) mirrors.set(c.device, (byPid = new Map<number, MirrorChange[]>()));
      listFor(byPid, c.pid as number).push(c);
    } else if (c.kind === 'mirror-table') mirrorTables.set(`${c.device}:${c.pid}`, c);
    else if (c.kind === 'vma') vmas.set(`${c.pid}:${c.start}`, c);
    else if (c.kind === 'process') procs.set(c.pid, c);
  }
  return {
    ptes: sortedMap(ptes, vpnOf),
    pages: new SortedChanges(pages, (c) => c.pfn),
    mirrors: new Map([...mirrors].map(([d, m]) => [d, sortedMap(m, vpnOf)])),
    mirrorTables,
    vmas,
    procs,
  };
}
