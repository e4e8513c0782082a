/** A step's Change[] indexed the ways the layout looks them up. */
import type { Change } from './diff';

export type PteChange = Extract<Change, { kind: 'pte' }>;
export type PageChange = Extract<Change, { kind: 'page' }>;
export type MirrorChange = Extract<Change, { kind: 'mirror' }>;
export type MirrorTableChange = Extract<Change, { kind: 'mirror-table' }>;
export type VmaChange = Extract<Change, { kind: 'vma' }>;
export type ProcChange = Extract<Change, { kind: 'process' }>;

export interface ChangeIndex {
  readonly ptes: ReadonlyMap<string, PteChange>;
  readonly ptesByPid: ReadonlyMap<number, readonly PteChange[]>;
  readonly pages: ReadonlyMap<number, PageChange>;
  readonly mirrors: ReadonlyMap<string, MirrorChange>;
  readonly mirrorsByTable: ReadonlyMap<string, readonly MirrorChange[]>;
  /** Tables registered or released this step, by "device:pid". */
  readonly mirrorTables: ReadonlyMap<string, MirrorTableChange>;
  readonly vmas: ReadonlyMap<string, VmaChange>;
  readonly procs: ReadonlyMap<number, ProcChange>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

export function indexChanges(changes: readonly Change[]): ChangeIndex {
  const ptes = new Map<string, PteChange>();
  const ptesByPid = new Map<number, PteChange[]>();
  const pages = new Map<number, PageChange>();
  const mirrors = new Map<string, MirrorChange>();
  const mirrorsByTable = new Map<string, MirrorChange[]>();
  const mirrorTables = new Map<string, MirrorTableChange>();
  const vmas = new Map<string, VmaChange>();
  const procs = new Map<number, ProcChange>();
  for (const c of changes) {
    if (c.kind === 'pte') {
      ptes.set(`${c.pid}:${c.vpn}`, c);
      push(ptesByPid, c.pid as number, c);
    } else if (c.kind === 'page') pages.set(c.pfn, c);
    else if (c.kind === 'mirror') {
      mirrors.set(`${c.device}:${c.pid}:${c.vpn}`, c);
      push(mirrorsByTable, `${c.device}:${c.pid}`, c);
    } else if (c.kind === 'mirror-table') mirrorTables.set(`${c.device}:${c.pid}`, c);
    else if (c.kind === 'vma') vmas.set(`${c.pid}:${c.start}`, c);
    else if (c.kind === 'process') procs.set(c.pid, c);
  }
  return { ptes, ptesByPid, pages, mirrors, mirrorsByTable, mirrorTables, vmas, procs };
}
