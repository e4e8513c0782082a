/**
 * The inverse of compact.ts: a parsed JSON value from a link → a plain scenario document for the
 * schema. Input is hostile. Nothing here recurses, every index is bounds-checked, every column
 * must be used up exactly, and the output is built from fresh objects whose keys come from the
 * tables, never from the input; field values the link cannot vouch for are passed through for the
 * strict schema to judge.
 */
import {
  COMPACT_FORMAT,
  ENUMS,
  FIELDS,
  FLAG_SETS,
  keyOf,
  OPS,
  PAGE,
  V1_ERA,
  V1_PHYS_BITS,
  V1_RAM_PAGES,
  V1_SCHEMA,
  type Field,
} from './compact';

/** More steps than any scenario may have (the schema's own limit is lower). */
const MAX_STEPS = 100_000;
/** Top-level items of the compact form (compact.ts): appended to, never reordered. */
const ITEMS = 16;
/** Values a link may create from runs ([v] → v, v+1, ...), all steps together. */
const MAX_RUN_VALUES = 1 << 18;

export type ExpandResult =
  | { readonly ok: true; readonly doc: Record<string, unknown> }
  | { readonly ok: false; readonly problem: string };

type Doc = Record<string, unknown>;

/** The link's own structure is broken; `message` says where. */
class Damaged extends Error {}

const isIndex = (x: unknown, length: number): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < length;

/** null (absent) → [], an array → itself, anything else is damage. */
function list(x: unknown, what: string): readonly unknown[] {
  if (x === null || x === undefined) return [];
  if (!Array.isArray(x)) throw new Damaged(`no list of ${what}`);
  return x as unknown[];
}

/** Delta-coded sorted page numbers → byte addresses. */
function addressTable(raw: readonly unknown[]): number[] {
  let page = 0;
  return raw.map((d, i) => {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < (i === 0 ? 0 : 1))
      throw new Damaged('address table');
    page += d;
    if (!Number.isSafeInteger(page * PAGE)) throw new Damaged('address table');
    return page * PAGE;
  });
}

/** Step index → text, from flat [index, text, ...] with strictly increasing indexes. */
function labels(raw: readonly unknown[], steps: number, what: string): Map<number, unknown> {
  const out = new Map<number, unknown>();
  if (raw.length % 2 !== 0) throw new Damaged(what);
  let last = -1;
  for (let i = 0; i < raw.length; i += 2) {
    const at = raw[i];
    if (!isIndex(at, steps) || at <= last) throw new Damaged(what);
    out.set(at, raw[i + 1]);
    last = at;
  }
  return out;
}

/** Chapters from flat [from, title, ...]; the schema judges the values. */
function chapterList(raw: readonly unknown[]): Doc[] {
  if (raw.length % 2 !== 0 || raw.length / 2 > MAX_STEPS) throw new Damaged('chapters');
  const out: Doc[] = [];
  for (let i = 0; i < raw.length; i += 2) out.push({ title: raw[i + 1], from: raw[i] });
  return out;
}

interface Tables {
  readonly addrs: readonly number[];
  readonly devices: readonly unknown[];
  runValues: number;
}

function decodeField(field: Field, raw: unknown, t: Tables, into: Doc): void {
  if (raw === null) return;
  const enumTable = ENUMS[field];
  const flagTable = FLAG_SETS[field];
  const key = keyOf(field);
  if (field === 'addr') {
    if (!isIndex(raw, t.addrs.length)) throw new Damaged('address');
    into.addr = t.addrs[raw];
  } else if (field === 'device') {
    if (!isIndex(raw, t.devices.length)) throw new Damaged('device');
    into.device = t.devices.at(raw);
  } else if (field === 'values') {
    const n = into.npages;
    const [first] = Array.isArray(raw) ? (raw as unknown[]) : [];
    if (typeof raw === 'number') into.value = raw;
    else if (!Array.isArray(raw) || raw.length !== 1 || typeof first !== 'number')
      into.values = raw;
    else {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new Damaged('values');
      t.runValues += n;
      if (t.runValues > MAX_RUN_VALUES) throw new Damaged('too many values');
      into.values = Array.from({ length: n }, (_, i) => first + i);
    }
  } else if (flagTable && typeof raw === 'number') {
    if (!isIndex(raw, 1 << flagTable.length)) throw new Damaged(key);
    into[key] = flagTable.filter((_, i) => (raw & (1 << i)) !== 0);
  } else if (enumTable && typeof raw === 'number') {
    if (!isIndex(raw, enumTable.length)) throw new Damaged(key);
    into[key] = enumTable[raw];
  } else {
    into[key] = raw;
  }
}

function expandSteps(items: readonly unknown[]): Doc[] {
  const ops = list(items[1], 'ops');
  if (ops.length > MAX_STEPS) throw new Damaged('too many steps');
  const columns = list(items[2], 'columns');
  if (columns.length > FIELDS.length) throw new Damaged('too many columns');
  const cols = FIELDS.map((f, i) => list(columns[i], f));
  const cursors = FIELDS.map(() => 0);
  const t: Tables = {
    addrs: addressTable(list(items[3], 'addresses')),
    devices: list(items[4], 'devices'),
    runValues: 0,
  };
  const notes = labels(list(items[5], 'notes'), ops.length, 'notes');
  const ids = labels(list(items[6], 'ids'), ops.length, 'ids');
  const noteFors = labels(list(items[14], 'noteFors'), ops.length, 'noteFors');
  const focuses = labels(list(items[15], 'focuses'), ops.length, 'focuses');
  const steps = ops.map((code, index) => {
    // Messages count steps as the transport does (1 is the first step).
    const n = index + 1;
    const spec = isIndex(code, OPS.length) ? OPS[code] : undefined;
    if (spec === undefined) throw new Damaged(`step ${n}: unknown op`);
    const step: Doc = { op: spec[0] };
    for (const field of spec[1]) {
      const f = FIELDS.indexOf(field);
      const at = cursors[f] ?? 0;
      const col = cols[f] ?? [];
      if (at >= col.length) throw new Damaged(`step ${n}: ${keyOf(field)} missing`);
      cursors[f] = at + 1;
      try {
        decodeField(field, col[at], t, step);
      } catch (e) {
        throw e instanceof Damaged ? new Damaged(`step ${n}: ${e.message}`) : e;
      }
    }
    if (notes.has(index)) step.note = notes.get(index);
    if (ids.has(index)) step.id = ids.get(index);
    if (noteFors.has(index)) step.noteFor = noteFors.get(index);
    if (focuses.has(index)) step.focus = focuses.get(index);
    return step;
  });
  if (cols.some((col, f) => col.length !== cursors[f])) throw new Damaged('extra data');
  return steps;
}

/** A scenario document from the compact form, or what is wrong with the link's structure. */
export function expandCompact(value: unknown): ExpandResult {
  try {
    if (!Array.isArray(value)) return { ok: false, problem: 'not a compact scenario' };
    const items = value as unknown[];
    if (items[0] !== COMPACT_FORMAT) return { ok: false, problem: 'unknown compact format' };
    if (items.length > ITEMS) return { ok: false, problem: 'too many fields' };
    const [title = null, summary = null, id = null, era = null] = items.slice(7);
    const [ramPages = null, physBits = null] = items.slice(11);
    const doc: Doc = { schema: V1_SCHEMA };
    if (id !== null) doc.id = id;
    if (title !== null) doc.title = title;
    if (summary !== null) doc.summary = summary;
    doc.era = era ?? V1_ERA;
    doc.machine = { ramPages: ramPages ?? V1_RAM_PAGES, physBits: physBits ?? V1_PHYS_BITS };
    const chapters = chapterList(list(items[13], 'chapters'));
    if (chapters.length > 0) doc.chapters = chapters;
    doc.steps = expandSteps(items);
    return { ok: true, doc };
  } catch (e) {
    if (e instanceof Damaged) return { ok: false, problem: e.message };
    return { ok: false, problem: 'unreadable' };
  }
}
