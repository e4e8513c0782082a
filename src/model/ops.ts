/**
 * The operations of a scenario (scenario-contract.md §2), after validation: addresses are numbers,
 * `value` has become `values` (one per page). The schema in src/scenarios produces these.
 */
import type { Prot } from './types';

export type MapFlag = 'private' | 'shared' | 'anonymous';
export type Advice = 'dontneed' | 'free';
export type GupFlag = 'write' | 'longterm';
export type DeviceKind = 'private' | 'public' | 'coherent';
export type FaultKind = 'device-error' | 'oom' | 'none';

interface Range {
  readonly pid: number;
  /** Byte address, page aligned. */
  readonly addr: number;
  readonly npages: number;
}
interface DeviceRange extends Range {
  readonly device: string;
}

export type Op =
  | { readonly op: 'spawn'; readonly pid: number }
  | (Range & { readonly op: 'mmap'; readonly prot: Prot; readonly flags: readonly MapFlag[] })
  | (Range & { readonly op: 'munmap' })
  | (Range & { readonly op: 'mprotect'; readonly prot: Prot })
  | (Range & { readonly op: 'madvise'; readonly advice: Advice })
  | { readonly op: 'fork'; readonly pid: number; readonly child: number }
  | { readonly op: 'exit'; readonly pid: number }
  | (Range & { readonly op: 'read' })
  | (Range & { readonly op: 'write'; readonly values: readonly number[] })
  | (Range & { readonly op: 'gup'; readonly flags: readonly GupFlag[] })
  | (Range & { readonly op: 'unpin' })
  | { readonly op: 'device_add'; readonly device: string; readonly type: DeviceKind }
  | { readonly op: 'device_remove'; readonly device: string }
  | (DeviceRange & { readonly op: 'dmirror_read' })
  | (DeviceRange & { readonly op: 'dmirror_write'; readonly values: readonly number[] })
  | (DeviceRange & { readonly op: 'dmirror_migrate_to_dev' })
  | (DeviceRange & { readonly op: 'dmirror_migrate_to_sys' })
  | (DeviceRange & { readonly op: 'dmirror_snapshot' })
  | { readonly op: 'inject'; readonly device: string; readonly fault: FaultKind }
  // An addition to the contract: the frames behind these pages report uncorrectable errors.
  | (Range & { readonly op: 'memory_failure' })
  // Ops of later eras: accepted, and answered with -ENOTTY in v4.14.
  | (DeviceRange & { readonly op: 'dmirror_exclusive' })
  | (DeviceRange & { readonly op: 'dmirror_check_exclusive' })
  | { readonly op: 'dmirror_release'; readonly device: string };

export type OpName = Op['op'];

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
  /** Where a CPU access stopped (signal, oom or livelock): the page's address, hex. */
  addr?: string;
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
