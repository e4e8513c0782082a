/**
 * What the step form shows for each op: its fields in order, each with a kind that picks the input
 * (number, hex address, choice, flag set, device name, values). One table, checked at compile time
 * to cover every op of the scenario format.
 */
import type { OpName } from '../../model/ops';

export type FieldName =
  | 'pid'
  | 'child'
  | 'addr'
  | 'npages'
  | 'prot'
  | 'flags'
  | 'gupFlags'
  | 'advice'
  | 'device'
  | 'type'
  | 'fault'
  | 'values';

export interface FieldSpec {
  readonly label: string;
  /** The key in the step object (`gupFlags` is stored as `flags`). */
  readonly key: string;
  readonly kind: 'int' | 'addr' | 'choice' | 'flags' | 'text' | 'values';
  readonly options?: readonly string[];
  readonly hint?: string;
}

export const FIELDS: Readonly<Record<FieldName, FieldSpec>> = {
  pid: { label: 'pid', key: 'pid', kind: 'int' },
  child: { label: 'child pid', key: 'child', kind: 'int' },
  addr: { label: 'address', key: 'addr', kind: 'addr', hint: 'hex, page aligned: 0x10000000' },
  npages: { label: 'pages', key: 'npages', kind: 'int' },
  prot: { label: 'protection', key: 'prot', kind: 'choice', options: ['none', 'r', 'rw'] },
  flags: {
    label: 'flags',
    key: 'flags',
    kind: 'flags',
    options: ['private', 'shared', 'anonymous'],
  },
  gupFlags: { label: 'flags', key: 'flags', kind: 'flags', options: ['write', 'longterm'] },
  advice: { label: 'advice', key: 'advice', kind: 'choice', options: ['dontneed', 'free'] },
  device: { label: 'device', key: 'device', kind: 'text', hint: 'e.g. dmirror0' },
  type: { label: 'type', key: 'type', kind: 'choice', options: ['private', 'public', 'coherent'] },
  fault: { label: 'fault', key: 'fault', kind: 'choice', options: ['device-error', 'oom', 'none'] },
  values: { label: 'values', key: 'values', kind: 'values', hint: 'one per page, or one for all' },
};

const RANGE: readonly FieldName[] = ['pid', 'addr', 'npages'];
const DEV_RANGE: readonly FieldName[] = ['device', ...RANGE];

export const OP_FIELDS: Readonly<Record<OpName, readonly FieldName[]>> = {
  spawn: ['pid'],
  mmap: [...RANGE, 'prot', 'flags'],
  munmap: RANGE,
  mprotect: [...RANGE, 'prot'],
  madvise: [...RANGE, 'advice'],
  fork: ['pid', 'child'],
  exit: ['pid'],
  read: RANGE,
  write: [...RANGE, 'values'],
  gup: [...RANGE, 'gupFlags'],
  unpin: RANGE,
  device_add: ['device', 'type'],
  device_remove: ['device'],
  dmirror_read: DEV_RANGE,
  dmirror_write: [...DEV_RANGE, 'values'],
  dmirror_migrate_to_dev: DEV_RANGE,
  dmirror_migrate_to_sys: DEV_RANGE,
  dmirror_snapshot: DEV_RANGE,
  inject: ['device', 'fault'],
  memory_failure: RANGE,
  dmirror_exclusive: DEV_RANGE,
  dmirror_check_exclusive: DEV_RANGE,
  dmirror_release: ['device'],
};

export const OP_LIST = Object.keys(OP_FIELDS) as OpName[];

export const isOpName = (op: unknown): op is OpName =>
  typeof op === 'string' && Object.hasOwn(OP_FIELDS, op);

/** What a new field starts as when a step changes op or is inserted. */
export const DEFAULTS: Readonly<Record<string, unknown>> = {
  pid: 1,
  child: 2,
  addr: '0x10000000',
  npages: 1,
  prot: 'rw',
  flags: ['private', 'anonymous'],
  advice: 'dontneed',
  device: 'dmirror0',
  type: 'private',
  fault: 'device-error',
  value: 0,
};
