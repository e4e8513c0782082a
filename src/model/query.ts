/**
 * Lookups the app makes on a state, so that views and the store ask the model rather than walk its
 * tables (part of the query API in index.ts).
 */
import { draftedEntries, draftedGet, tableGet } from './table';
import type { KernelState, Pid, Process, Pte, Vpn } from './types';

/** The process with this pid (alive or a zombie the model keeps), or undefined. */
export function processOf(s: KernelState, pid: number): Process | undefined {
  return draftedGet(s.processes, pid);
}

/** Every process, by pid ascending. */
export function processList(s: KernelState): Process[] {
  return draftedEntries(s.processes).map(([, p]) => p);
}

/** The PTE of pid at vpn, or undefined (pte_none, or no such process). */
export function pteAt(s: KernelState, pid: Pid, vpn: Vpn): Pte | undefined {
  return tableGet(processOf(s, pid)?.ptes, vpn);
}
