/**
 * Small builders for model tests: scenarios as plain op lists, frames by index. Test-only (outside
 * src/model, so the production model carries no test helpers); it reads the model through its index.
 */
import {
  addrToVpn,
  lookupPage,
  runScenario,
  tableGet,
  type Era,
  type Frame,
  type RunFrame,
  type KernelState,
  type MachineConfig,
  type Op,
  type Pte,
} from '../model';
import { processOf } from '../model/query';

export const A = 0x10000000;
export const PG = 4096;

export function run(
  steps: Op[],
  machine: Partial<MachineConfig> = {},
  era: Era = 'v4.14',
): RunFrame[] {
  return runScenario({ era, machine, steps });
}

/** The same steps in v6.12 (kernel-semantics.md §4.1 column E5). */
export const run612 = (steps: Op[], machine: Partial<MachineConfig> = {}): RunFrame[] =>
  run(steps, machine, 'v6.12');

export const last = <F extends Frame>(frames: readonly F[]): F => {
  const f = frames[frames.length - 1];
  if (!f) throw new Error('no frames');
  return f;
};

export function pteAt(s: KernelState, pid: number, addr: number): Pte | undefined {
  const p = processOf(s, pid);
  return p ? tableGet(p.ptes, addrToVpn(addr)) : undefined;
}

export function pageAt(s: KernelState, pid: number, addr: number) {
  const pte = pteAt(s, pid, addr);
  return pte && 'pfn' in pte ? lookupPage(s, pte.pfn) : undefined;
}

export const fns = (f: Frame): string[] => Array.from(f.events, (e) => e.fn);

/** A device, a process, an RW private anonymous buffer of n pages written with values. */
export function setup(
  n: number,
  values: number[] = Array.from({ length: n }, (_, i) => 10 + i),
): Op[] {
  return [
    { op: 'device_add', device: 'dmirror0', type: 'private' },
    { op: 'spawn', pid: 1 },
    { op: 'mmap', pid: 1, addr: A, npages: n, prot: 'rw', flags: ['private', 'anonymous'] },
    { op: 'write', pid: 1, addr: A, npages: n, values },
  ];
}

export const toDev = (n: number, pid = 1, device = 'dmirror0', addr = A): Op => ({
  op: 'dmirror_migrate_to_dev',
  device,
  pid,
  addr,
  npages: n,
});
