/**
 * Lookups the app makes on a state, so that views and the store ask the model rather than walk its
 * tables (part of the query API in index.ts).
 */
import { tableGet } from './table';
import type { KernelState, Pid, Pte, Vpn } from './types';

/** The PTE of pid at vpn, or undefined (pte_none, or no such process). */
export function pteAt(s: KernelState, pid: Pid, vpn: Vpn): Pte | undefined {
  return tableGet(s.processes[pid]?.ptes, vpn);
}
