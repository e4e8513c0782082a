/**
 * The op vocabulary of the scenario format (scenario-contract.md §2), written once. Everything
 * else derives from this file:
 *
 * - the model's `Op` union (ops.ts: one object type per op, its fields typed from FIELD_DEFS below);
 * - the schema's literals, fields and picklists (src/scenarios/schema.ts);
 * - the editor's step form (src/ui/editor/opFields.ts: labels and hints only);
 * - the compact link format's op codes, columns and enum tables (src/url/compact.ts).
 *
 * Adding an op: one entry in OP_TABLE (its fields in order, and `code` = the next free link code), then
 * follow the compiler (the `exhaustive` default in step.ts names the switch that must answer it).
 * Adding an enum value: append it to its list below (never insert: the list index is what a share
 * link stores). Adding a field: append it to FIELD_DEFS (its position is the link's column).
 */

/**
 * mmap/mprotect protection: PROT_NONE, PROT_READ, PROT_READ|PROT_WRITE, and with PROT_EXEC (x86
 * has no execute-only pages: x implies r). Append only (link enum index).
 */
export const PROTS = ['none', 'r', 'rw', 'rx', 'rwx'] as const;
/** mmap flags. Append only (link bit index). */
export const MAP_FLAGS = ['private', 'shared', 'anonymous'] as const;
/** madvise advice. Append only. */
export const ADVICES = ['dontneed', 'free'] as const;
/** get_user_pages flags. Append only (link bit index). */
export const GUP_FLAGS = ['write', 'longterm', 'dump'] as const;
/** The MEMORY_DEVICE_* type a dmirror device is probed as. Append only. */
export const DEVICE_KINDS = ['private', 'public', 'coherent'] as const;
/** What `inject` makes the device's next operation do. Append only. */
export const FAULT_KINDS = ['device-error', 'oom', 'none'] as const;

/**
 * How a field's value is written:
 * - `int`: a non-negative integer (pid, page count);
 * - `addr`: a page-aligned user address (hex in a document, a number after validation);
 * - `choice`: one of `options`; `flags`: a subset of `options`, in their order;
 * - `device`: a device name; `values`: one integer per page (`value` for all in a document).
 */
export type FieldKind = 'int' | 'addr' | 'choice' | 'flags' | 'device' | 'values';

interface FieldDef {
  /** The key in a step object (`gupFlags` is stored as `flags`). */
  readonly key: string;
  readonly kind: FieldKind;
  readonly options?: readonly string[];
}

/** Every field an op can have. The order is the compact link's column order: append only. */
export const FIELD_DEFS = {
  pid: { key: 'pid', kind: 'int' },
  addr: { key: 'addr', kind: 'addr' },
  npages: { key: 'npages', kind: 'int' },
  prot: { key: 'prot', kind: 'choice', options: PROTS },
  flags: { key: 'flags', kind: 'flags', options: MAP_FLAGS },
  advice: { key: 'advice', kind: 'choice', options: ADVICES },
  child: { key: 'child', kind: 'int' },
  values: { key: 'values', kind: 'values' },
  gupFlags: { key: 'flags', kind: 'flags', options: GUP_FLAGS },
  device: { key: 'device', kind: 'device' },
  type: { key: 'type', kind: 'choice', options: DEVICE_KINDS },
  fault: { key: 'fault', kind: 'choice', options: FAULT_KINDS },
} as const satisfies Record<string, FieldDef>;

export type FieldName = keyof typeof FIELD_DEFS;

const RANGE = ['pid', 'addr', 'npages'] as const;
const DEV_RANGE = ['device', 'pid', 'addr', 'npages'] as const;

interface OpDef {
  /** The op's index in a share link (link format v=1). Never reused, never changed. */
  readonly code: number;
  /** Its fields, in the order a document, the form and the link list them. */
  readonly fields: readonly FieldName[];
}

/** Every op, in the order the editor offers them. */
export const OP_TABLE = {
  spawn: { code: 0, fields: ['pid'] },
  mmap: { code: 1, fields: [...RANGE, 'prot', 'flags'] },
  munmap: { code: 2, fields: RANGE },
  mprotect: { code: 3, fields: [...RANGE, 'prot'] },
  madvise: { code: 4, fields: [...RANGE, 'advice'] },
  fork: { code: 5, fields: ['pid', 'child'] },
  exit: { code: 6, fields: ['pid'] },
  read: { code: 7, fields: RANGE },
  write: { code: 8, fields: [...RANGE, 'values'] },
  gup: { code: 9, fields: [...RANGE, 'gupFlags'] },
  unpin: { code: 10, fields: RANGE },
  device_add: { code: 11, fields: ['device', 'type'] },
  device_remove: { code: 12, fields: ['device'] },
  dmirror_read: { code: 13, fields: DEV_RANGE },
  dmirror_write: { code: 14, fields: [...DEV_RANGE, 'values'] },
  dmirror_migrate_to_dev: { code: 15, fields: DEV_RANGE },
  dmirror_migrate_to_sys: { code: 16, fields: DEV_RANGE },
  dmirror_snapshot: { code: 17, fields: DEV_RANGE },
  inject: { code: 18, fields: ['device', 'fault'] },
  // An addition to the contract: the frames behind these pages report uncorrectable errors.
  memory_failure: { code: 22, fields: RANGE },
  // Ops of later eras: accepted, and answered with -ENOTTY in v4.14.
  dmirror_exclusive: { code: 19, fields: DEV_RANGE },
  dmirror_check_exclusive: { code: 20, fields: DEV_RANGE },
  dmirror_release: { code: 21, fields: ['device'] },
  // Migration in flight: the device's next ioctl migration stops after its unmap stage; other
  // steps then see its migration entries and locked pages until it resumes or fails.
  migrate_pause: { code: 23, fields: ['device'] },
  migrate_resume: { code: 24, fields: ['device'] },
  migrate_fail: { code: 25, fields: ['device'] },
} as const satisfies Record<string, OpDef>;

export type OpName = keyof typeof OP_TABLE;

/** Every op name, in table order. */
export const OP_NAMES = Object.keys(OP_TABLE) as OpName[];

/** Own-property check: `toString` is not an op. */
export const isOpName = (op: unknown): op is OpName =>
  typeof op === 'string' && Object.hasOwn(OP_TABLE, op);

/** The fields of an op, in order. */
export const opFields = (op: OpName): readonly FieldName[] => OP_TABLE[op].fields;

// ---- Types derived from the table ----

type Options<F extends FieldName> = (typeof FIELD_DEFS)[F] extends { readonly options: infer O }
  ? O extends readonly (infer S)[]
    ? S
    : never
  : never;

/** The type of a field's value after validation. */
export type FieldValue<F extends FieldName> = {
  readonly int: number;
  readonly addr: number;
  readonly choice: Options<F>;
  readonly flags: readonly Options<F>[];
  readonly device: string;
  readonly values: readonly number[];
}[(typeof FIELD_DEFS)[F]['kind']];

/** The key a field is stored under in a step object. */
export type FieldKey<F extends FieldName> = (typeof FIELD_DEFS)[F]['key'];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** One op's object: `{ op, ...its fields }`, every member readonly. */
export type OpOf<N extends OpName> = Simplify<
  { readonly op: N } & {
    readonly [F in (typeof OP_TABLE)[N]['fields'][number] as FieldKey<F>]: FieldValue<F>;
  }
>;
