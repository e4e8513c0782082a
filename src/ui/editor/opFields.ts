/**
 * What the step form shows for each op: its fields in order, each with a kind that picks the input
 * (number, hex address, choice, flag set, device name, values). The ops, their fields, kinds and
 * option lists come from the model's op table (src/model/opTable.ts); this file adds only the words
 * a person reads, and the compiler asks for them when the table gains a field.
 */
import {
  isOpName,
  FIELD_DEFS,
  OP_NAMES,
  opFields,
  type FieldKind,
  type FieldName,
  type OpName,
} from '../../model';

export type { FieldName };
export { isOpName };

export interface FieldSpec {
  readonly label: string;
  /** The key in the step object (`gupFlags` is stored as `flags`). */
  readonly key: string;
  readonly kind: FieldKind;
  readonly options?: readonly string[];
  readonly hint?: string;
}

const WORDS: Readonly<Record<FieldName, { readonly label: string; readonly hint?: string }>> = {
  pid: { label: 'pid' },
  child: { label: 'child pid' },
  addr: { label: 'address', hint: 'hex, page aligned: 0x10000000' },
  npages: { label: 'pages' },
  prot: { label: 'protection' },
  flags: { label: 'flags' },
  gupFlags: { label: 'flags' },
  advice: { label: 'advice' },
  device: { label: 'device', hint: 'e.g. dmirror0' },
  type: { label: 'type' },
  fault: { label: 'fault' },
  values: { label: 'values', hint: 'one per page, or one for all' },
};

export const FIELDS = Object.fromEntries(
  (Object.keys(WORDS) as FieldName[]).map((name) => [
    name,
    { ...FIELD_DEFS[name], ...WORDS[name] },
  ]),
) as Readonly<Record<FieldName, FieldSpec>>;

export const OP_FIELDS: Readonly<Record<OpName, readonly FieldName[]>> = Object.fromEntries(
  OP_NAMES.map((op) => [op, opFields(op)]),
) as Readonly<Record<OpName, readonly FieldName[]>>;

export const OP_LIST: readonly OpName[] = OP_NAMES;

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
