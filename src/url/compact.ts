/**
 * The compact form of a scenario inside a share link (link format v=1). Encoded before
 * compression, because the shape of the data matters about as much as the compressor (U9).
 * Columns (all values of one field, in step order) compress better than rows: a 200-step
 * lecture scenario takes ~1,500 link characters as columns against ~1,900 as row tuples.
 *
 *   [1, ops, columns, addrs, devices, notes, ids, title, summary, id, era, ramPages, physBits,
 *    chapters, noteFors, focuses]
 *
 * - ops: one op code per step (the op's index in OPS).
 * - columns[f]: the values of FIELDS[f] for every step whose op has that field, in step order.
 *   An op's fields are read in the order OPS lists them.
 * - addresses are indexes into `addrs`, the sorted distinct page numbers, delta-coded; devices
 *   are indexes into `devices`; enums are indexes; flag sets in canonical order are bit sets.
 * - a write's values: one number if all are equal, [v] for the run v, v+1, ..., else the array.
 * - notes, ids, noteFors and focuses: flat [stepIndex, text, stepIndex, text, ...], indexes
 *   strictly increasing.
 * - chapters: flat [from, title, from, title, ...] in the document's order.
 * - chapters, noteFors and focuses were appended after the first release: a link without them
 *   (every older link) decodes exactly as before.
 * - absent trailing entries are dropped; null stands for "absent" elsewhere.
 * - defaults (era v4.14, 4096 RAM pages, 46 physical bits, schema hmm-scenario/1) belong to link
 *   format v=1 and never change, whatever later builds choose as their own defaults.
 *
 * Every table here is append-only for v=1: an index, once in a link, keeps its meaning forever.
 */
import { FIELD_DEFS, OP_NAMES, OP_TABLE, type FieldName } from '../model/opTable';
import type { Scenario } from '../scenarios';

export const COMPACT_FORMAT = 1;
export const V1_SCHEMA = 'hmm-scenario/1';
export const V1_ERA = 'v4.14';
export const V1_RAM_PAGES = 4096;
export const V1_PHYS_BITS = 46;
export const PAGE = 4096;

// The tables below come from the model's op table (src/model/opTable.ts), whose field order, op
// codes and option lists are append-only for this reason. golden.test.ts holds them to the links.

/** Column order: the op table's field order. `gupFlags` is gup's `flags`, kept apart from mmap's. */
export const FIELDS: readonly FieldName[] = Object.keys(FIELD_DEFS) as FieldName[];
export type Field = FieldName;

/** [op, fields]: the op code is the index. */
export const OPS: readonly (readonly [string, readonly Field[]])[] = OP_NAMES.map(
  (name) => [name, OP_TABLE[name].fields] as const,
).sort((a, b) => OP_TABLE[a[0]].code - OP_TABLE[b[0]].code);

const optionsOf = (kind: 'choice' | 'flags'): Partial<Record<Field, readonly string[]>> =>
  Object.fromEntries(
    FIELDS.flatMap((f) => {
      const def: { readonly kind: string; readonly options?: readonly string[] } = FIELD_DEFS[f];
      return def.kind === kind && def.options ? [[f, def.options]] : [];
    }),
  );

/** Enum fields: value ↔ index. Strings not in a table travel as themselves. */
export const ENUMS: Partial<Record<Field, readonly string[]>> = optionsOf('choice');
/** Flag sets: bit i is entry i. */
export const FLAG_SETS: Partial<Record<Field, readonly string[]>> = optionsOf('flags');

/** The scenario field a column holds. */
export const keyOf = (field: Field): string => FIELD_DEFS[field].key;

export type Json = null | number | string | Json[];

/** Empty lists become null, and trailing nulls are dropped. */
export function trimNulls(xs: readonly Json[]): Json[] {
  const out = xs.map((x) => (Array.isArray(x) && x.length === 0 ? null : x));
  while (out.length > 0 && out[out.length - 1] === null) out.pop();
  return out;
}

function encodeFlags(names: readonly string[], table: readonly string[]): Json {
  let bits = 0;
  let last = -1;
  for (const name of names) {
    const i = table.indexOf(name);
    if (i <= last) return [...names];
    bits |= 1 << i;
    last = i;
  }
  return bits;
}

function encodeValues(values: readonly number[]): Json {
  const [first] = values;
  if (first === undefined) return [];
  if (values.every((x) => x === first)) return first;
  if (values.length > 1 && values.every((x, i) => x === first + i)) return [first];
  return [...values];
}

function encodeField(field: Field, raw: unknown, devices: string[]): Json {
  const enumTable = ENUMS[field];
  const flagTable = FLAG_SETS[field];
  if (field === 'device') {
    const at = devices.indexOf(raw as string);
    return at >= 0 ? at : devices.push(raw as string) - 1;
  }
  if (field === 'values') return encodeValues(raw as number[]);
  if (flagTable) return encodeFlags(raw as string[], flagTable);
  if (enumTable) {
    const at = enumTable.indexOf(raw as string);
    return at >= 0 ? at : (raw as string);
  }
  return raw as number;
}

/** The compact form of a validated scenario. Throws on an op the tables do not know. */
export function compactScenario(scenario: Scenario): Json[] {
  const ops: number[] = [];
  const columns: Json[][] = FIELDS.map(() => []);
  const devices: string[] = [];
  const notes: Json[] = [];
  const ids: Json[] = [];
  const noteFors: Json[] = [];
  const focuses: Json[] = [];
  const pages = new Set<number>();
  for (const step of scenario.steps) if ('addr' in step) pages.add(step.addr / PAGE);
  const addrs = [...pages].sort((a, b) => a - b);
  const addrIndex = new Map(addrs.map((p, i) => [p, i]));
  scenario.steps.forEach((step, index) => {
    const code = OPS.findIndex(([name]) => name === step.op);
    const spec = OPS[code];
    if (spec === undefined) throw new Error(`op "${step.op}" has no code`);
    ops.push(code);
    const fields = step as unknown as Readonly<Record<string, unknown>>;
    for (const field of spec[1]) {
      const raw = fields[keyOf(field)];
      const value =
        field === 'addr'
          ? (addrIndex.get((raw as number) / PAGE) ?? -1)
          : encodeField(field, raw, devices);
      columns[FIELDS.indexOf(field)]?.push(value);
    }
    if (step.note !== undefined) notes.push(index, step.note);
    if (step.id !== undefined) ids.push(index, step.id);
    if (step.noteFor !== undefined) noteFors.push(index, step.noteFor);
    if (step.focus !== undefined) focuses.push(index, step.focus);
  });
  const m = scenario.machine;
  const era: string = scenario.era;
  return trimNulls([
    COMPACT_FORMAT,
    ops,
    trimNulls(columns),
    addrs.map((p, i) => p - (addrs[i - 1] ?? 0)),
    devices,
    notes,
    ids,
    scenario.title ?? null,
    scenario.summary ?? null,
    scenario.id ?? null,
    era === V1_ERA ? null : era,
    m.ramPages === V1_RAM_PAGES ? null : m.ramPages,
    m.physBits === V1_PHYS_BITS ? null : m.physBits,
    (scenario.chapters ?? []).flatMap((c) => [c.from, c.title]),
    noteFors,
    focuses,
  ]);
}
