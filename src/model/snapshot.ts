/** The kernel state as the contract's JSON (`final`, and `steps[i].state` with --states). */
import type { KernelState, Pte, Vma } from './types';
import { hex, hexVpn, asVpn } from './ids';
import { tableEntries, tableGet } from './table';
import { own } from './own';

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

export function snapshotState(s: KernelState): ContractState {
  const processes: Record<string, unknown> = {};
  for (const p of Object.values(s.processes)) {
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
      mappedBy: p.rmap.map((r) => ({ pid: r.pid, addr: hexVpn(r.vpn) })),
    };
  }
  const devices: Record<string, unknown> = {};
  for (const id of s.deviceOrder) {
    const d = own(s.devices, id);
    if (!d) continue;
    const mirrors: Record<string, Record<string, string>> = {};
    for (const [pid, table] of Object.entries(d.mirrors)) {
      const m: Record<string, string> = {};
      for (const [vpn, e] of tableEntries(table)) m[hexVpn(asVpn(vpn))] = e.perm;
      mirrors[pid] = m;
    }
    const firstPid = Object.keys(mirrors)
      .map(Number)
      .sort((a, b) => a - b)[0];
    devices[id] = {
      type: d.type,
      pages: d.chunks.filter((c) => c.live).reduce((n, c) => n + (c.pfnLast - c.pfnFirst), 0),
      freePages: d.freePages,
      mirror: firstPid !== undefined ? (mirrors[String(firstPid)] ?? {}) : {},
      mirrors,
      chunks: d.chunks.map((c) => ({
        pfnFirst: hex(c.pfnFirst),
        pfnLast: hex(c.pfnLast),
        live: c.live,
      })),
      calloc: d.calloc,
      cfree: d.cfree,
      inject: d.inject,
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
  };
}
