/** The kernel state as the contract's JSON (`final`, and `steps[i].state` with --states). */
import type { KernelState, Pte, Vma } from './types';
import { hex, hexVpn, asVpn } from './ids';
import { tableEntries, tableGet } from './table';
import type { Drivers } from './kernel';
import { own } from './own';
import { processList } from './query';
import { formatMpfn } from './migrate_pfn';

export interface ContractPte {
  kind: string;
  pfn?: string;
  write?: boolean;
  zero?: true;
}

export interface ContractState {
  processes: Record<string, unknown>;
  pages: Record<string, unknown>;
  devices: Record<string, unknown>;
  resources: { start: string; end: string; name: string; desc?: string }[];
  counters: KernelState['counters'];
  ram: { pages: number; freePages: number };
  /** Migrations paused after their unmap stage (only when there are any). */
  inflight?: ContractInflight[];
  /** Tasks asleep on a paused migration (only when there are any). */
  waiters?: ContractWaiter[];
}

export interface ContractInflight {
  device: string;
  dir: 'to_dev' | 'to_sys';
  pid: number;
  start: string;
  end: string;
  stage: 'after_unmap';
  cpages: number;
  src: string[];
}

export interface ContractWaiter {
  on: 'migration_entry' | 'mmap_sem';
  pid: number;
  op: string;
  addr?: string;
  pfn?: string;
}

/** The paused migrations and their sleepers, as the contract's JSON (empty lists are left out). */
function inFlightJson(s: KernelState): Pick<ContractState, 'inflight' | 'waiters'> {
  const out: Pick<ContractState, 'inflight' | 'waiters'> = {};
  if (s.inflight?.length)
    out.inflight = s.inflight.map((p) => ({
      device: p.device,
      dir: p.dir,
      pid: p.migrate.pid,
      start: hexVpn(p.migrate.start),
      end: hexVpn(p.migrate.end),
      stage: 'after_unmap' as const,
      cpages: p.migrate.cpages,
      src: p.migrate.src.map(formatMpfn),
    }));
  if (s.waiters?.length)
    out.waiters = s.waiters.map((w) => ({
      on: w.on,
      pid: w.pid,
      op: w.op.op,
      ...(w.vpn !== undefined ? { addr: hexVpn(w.vpn) } : {}),
      ...(w.pfn !== undefined ? { pfn: hex(w.pfn) } : {}),
    }));
  return out;
}

export function ptePayload(pte: Pte | undefined): ContractPte {
  if (!pte) return { kind: 'none' };
  if (pte.kind === 'hwpoison') return { kind: 'hwpoison', pfn: hex(pte.pfn) };
  const out: ContractPte = { kind: pte.kind, pfn: hex(pte.pfn), write: pte.write };
  if (pte.kind === 'present' && pte.zero) out.zero = true;
  return out;
}

const vmaFlags = (v: Vma): string[] => [
  v.shared ? 'shared' : 'private',
  ...(v.anonymous ? ['anonymous'] : []),
];

/** Keep the contract's key order: the driver's fields sit where they always did. */
function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in o) out[key] = o[key];
  return out;
}

/** The contract's JSON of a state, with each device's driver describing its own data. */
export function snapshotWith(drivers: Drivers, s: KernelState): ContractState {
  const processes: Record<string, unknown> = {};
  for (const p of processList(s)) {
    const ptes: Record<string, ContractPte> = {};
    for (const v of p.vmas) {
      for (let vpn = v.start; vpn < v.end; vpn++)
        ptes[hexVpn(asVpn(vpn))] = ptePayload(tableGet(p.ptes, vpn));
    }
    processes[String(p.pid)] = {
      vmas: p.vmas.map((v) => ({
        start: hexVpn(v.start),
        end: hexVpn(v.end),
        prot: v.prot,
        flags: vmaFlags(v),
      })),
      ptes,
      rss: { ...p.rss },
      signals: [...p.signals],
      alive: p.alive,
      pins: p.gupPins.map((g) => ({ addr: hexVpn(g.vpn), pfn: hex(g.pfn) })),
    };
  }
  const pages: Record<string, unknown> = {};
  for (const [pfn, p] of tableEntries(s.pages)) {
    pages[hex(pfn)] = {
      memory: p.memory,
      ...(p.device !== null ? { device: p.device } : {}),
      refcount: p.refcount,
      mapcount: p.mapcount,
      locked: p.locked,
      free: p.memory === 'system' ? p.refcount === 0 : !p.allocated,
      value: p.value,
      mapping: p.mapping?.kind ?? null,
      lru: p.lru,
      pins: p.pins,
      memcg: p.memcg,
      ...(p.hwpoison ? { hwpoison: true } : {}),
      ...(p.reserved ? { reserved: true } : {}),
      mappedBy: p.rmap.map((r) => ({ pid: r.pid, addr: hexVpn(r.vpn) })),
    };
  }
  const devices: Record<string, unknown> = {};
  for (const id of s.deviceOrder) {
    const d = own(s.devices, id);
    if (!d) continue;
    const data = own(s.drvdata, id);
    const driver = own(drivers.byTag, d.driver);
    // The driver's own fields (free pages, device page tables…) come from the driver itself.
    const mine = data && driver ? driver.describe(data) : {};
    devices[id] = {
      type: d.type,
      pages: d.chunks.filter((c) => c.live).reduce((n, c) => n + (c.pfnLast - c.pfnFirst), 0),
      ...pick(mine, ['freePages', 'mirror', 'mirrors']),
      chunks: d.chunks.map((c) => ({
        pfnFirst: hex(c.pfnFirst),
        pfnLast: hex(c.pfnLast),
        live: c.live,
      })),
      ...pick(mine, ['calloc', 'cfree', 'inject']),
      removed: d.removed,
    };
  }
  return {
    processes,
    pages,
    devices,
    resources: s.resources.map((r) => ({
      start: hex(r.start),
      end: hex(r.end),
      name: r.name,
      ...(r.desc !== 'IORES_DESC_NONE' ? { desc: r.desc } : {}),
    })),
    counters: { ...s.counters },
    ram: { pages: s.machine.ramPages, freePages: s.ram.free },
    ...inFlightJson(s),
  };
}
