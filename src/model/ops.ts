/**
 * The operations of a scenario (scenario-contract.md §2), after validation: addresses are numbers,
 * `value` has become `values` (one per page). The schema in src/scenarios produces these.
 */
import type {
  ADVICES,
  DEVICE_KINDS,
  FAULT_KINDS,
  GUP_FLAGS,
  MAP_FLAGS,
  OpName,
  OpOf,
} from './opTable';

export type { OpName, OpOf } from './opTable';
export type MapFlag = (typeof MAP_FLAGS)[number];
export type Advice = (typeof ADVICES)[number];
export type GupFlag = (typeof GUP_FLAGS)[number];
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export type FaultKind = (typeof FAULT_KINDS)[number];

/** One object type per op of the table in opTable.ts, discriminated by `op`. */
export type Op = { [N in OpName]: OpOf<N> }[OpName];

/** What a step returned (scenario-contract.md §3). Fields appear as the op defines them. */
export interface StepResult {
  ret?: number;
  values?: number[];
  signal?: 'SIGSEGV' | 'SIGBUS';
  oom?: true;
  livelock?: true;
  cpages?: number;
  faults?: number;
  bytes?: number[];
  /** Where a CPU access stopped (signal, oom, livelock or a wait): the page's address, hex. */
  addr?: string;
  /** migrate_pause armed the device: its migration stopped after the unmap stage. */
  paused?: 'after_unmap';
  /** The task sleeps: on a migration entry's locked page, or on the mmap_sem a migration holds. */
  waits?: 'migration_entry' | 'mmap_sem';
  /** Tasks this step woke, in the order they ran: what each still had to do, and its result. */
  woken?: WokenResult[];
}

/** A task that slept on a paused migration and ran the rest of its op when woken. */
export interface WokenResult {
  readonly op: OpName;
  readonly pid: number;
  readonly on: 'migration_entry' | 'mmap_sem';
  /** migration_entry: the address whose fault it retried. */
  readonly addr?: string;
  /** The result of the rest of its op (from the address it slept on). */
  readonly result: StepResult;
}

/** One kernel function a step ran. `depth` is its call depth, for an indented trace. */
export interface KernelEvent {
  readonly fn: string;
  readonly file: string;
  readonly text: string;
  readonly depth: number;
}

export interface Violation {
  readonly id: string;
  readonly text: string;
}

/** Linux x86-64 errno values used by the model. */
export const Errno = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EFAULT: 14,
  EBUSY: 16,
  ENODEV: 19,
  EINVAL: 22,
  ENOTTY: 25,
  ERANGE: 34,
  ENOMEM: 12,
  ENXIO: 6,
} as const;
