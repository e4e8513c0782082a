/**
 * The `hmm-scenario/1` format (scenario-contract.md §2), defined once. The schema validates the
 * untrusted document and normalizes it to the model's `Op` union: addresses become numbers and
 * `value` becomes `values` (one per page). Every message is written for a human reading one line.
 */
import * as v from 'valibot';
import {
  ADVICES,
  DEVICE_KINDS,
  FAULT_KINDS,
  GUP_FLAGS,
  MAP_FLAGS,
  OP_NAMES as OPS,
  opFields,
  PROTS,
  type FieldKey,
  type FieldName,
  type FieldValue,
  type OpName,
} from '../model/opTable';
import type { Op } from '../model/ops';
import { ERAS, PAGE_SIZE, type Era, type MachineConfig } from '../model/types';
import { DEFAULT_MACHINE } from '../model/boot';
import { describeValue } from './describe';
import { FOCUS_PANELS, MAX_FOCUS, parseFocus } from './focus';
import { STEP_LABELS, type StepLabel } from './labels';

export const SCENARIO_SCHEMA = 'hmm-scenario/1';
import {
  MAX_NOTE,
  MAX_NOTE_FOR,
  MAX_NPAGES,
  MAX_PID,
  MAX_STEPS,
  MAX_TITLE,
  USER_ADDR_LIMIT,
} from './limits';
export { MAX_NOTE, MAX_NOTE_FOR, MAX_NPAGES, MAX_PID, MAX_STEPS, MAX_TITLE, USER_ADDR_LIMIT };
export const DEFAULT_ERA: Era = 'v4.14';
/** One default machine for the model and the format (src/model/boot.ts). */
export { DEFAULT_MACHINE };

export type ScenarioStep = Op & {
  note?: string;
  id?: string;
  /** The result the note was written for (src/lesson/staleNote.ts resultLine), set by the editor. */
  noteFor?: string;
  /** What the lesson brings forward at this step: a panel or a map object (src/scenarios/focus.ts). */
  focus?: string;
};

/** A named range of steps: from step `from` (1-based, as the transport counts) to the next chapter. */
export interface Chapter {
  title: string;
  from: number;
}

export interface Scenario {
  schema: typeof SCENARIO_SCHEMA;
  title?: string;
  summary?: string;
  /** A lesson's chapters, in step order. */
  chapters?: Chapter[];
  id?: string;
  era: Era;
  machine: MachineConfig;
  steps: ScenarioStep[];
}

/** A message function: "<text>, got <the offending input>". */
const must =
  (text: string) =>
  (issue: v.BaseIssue<unknown>): string =>
    `${text}, got ${describeValue(issue.input)}`;

const int = (min: number, max: number) =>
  v.pipe(
    v.number(must('must be an integer')),
    v.integer(must('must be an integer')),
    v.minValue(min, must(`must be at least ${min}`)),
    v.maxValue(max, must(`must be at most ${max}`)),
  );

const text = (max: number) =>
  v.pipe(
    v.string(must('must be a string')),
    v.maxLength(max, (i) => `must be at most ${max} characters, got ${i.received}`),
  );

const LABEL = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const label = v.pipe(
  v.string(must('must be a string')),
  v.regex(LABEL, must('must be 1-64 letters, digits, "_", ".", ":" or "-", starting alnum')),
);

const Pid = int(1, MAX_PID);
const NPages = int(1, MAX_NPAGES);
const Value = v.pipe(
  v.number(must('must be an integer')),
  v.safeInteger(must('must be an integer of at most 2^53-1 in magnitude')),
);

const DEVICE_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;
const Device = v.pipe(
  v.string(must('must be a string')),
  v.regex(DEVICE_NAME, must('must be a device name like "dmirror0" (at most 32 characters)')),
  v.check((s) => !Object.hasOwn(Object.prototype, s), must('is a reserved name')),
);

const HEX = /^0x[0-9a-f]+$/i;
/** A byte address: hex string or integer, page aligned, inside user space. */
const Addr = v.pipe(
  v.union([v.string(), v.number()], must('must be a hex string like "0x10000000" or an integer')),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const raw = dataset.value;
    const fail = (why: string) => {
      addIssue({ message: must(why) });
      return NEVER;
    };
    if (typeof raw === 'string' && !HEX.test(raw))
      return fail('must be a hex string like "0x1000"');
    const n = typeof raw === 'string' ? Number.parseInt(raw.slice(2), 16) : raw;
    if (!Number.isSafeInteger(n) || n < 0) return fail('must be a non-negative integer');
    if (n % PAGE_SIZE !== 0) return fail(`must be page aligned (${PAGE_SIZE})`);
    if (n >= USER_ADDR_LIMIT) return fail('must be below 2^47 (the end of user space)');
    return n;
  }),
);

const pick = <const T extends string>(options: readonly T[]) =>
  v.picklist(options, must(`must be one of ${options.map((o) => `"${o}"`).join(', ')}`));
const list = <const T extends string>(options: readonly T[]) =>
  v.pipe(
    v.array(pick(options), must('must be an array')),
    v.maxLength(options.length, () => `must have at most ${options.length} entries`),
  );

const once = <T extends string>() =>
  v.check<T[], string>((a) => new Set(a).size === a.length, 'must not repeat a flag');
// mmap(2): exactly one of MAP_PRIVATE and MAP_SHARED (the kernel says EINVAL to both).
const MapFlags = v.pipe(
  list(MAP_FLAGS),
  once(),
  v.check(
    (a) => !(a.includes('private') && a.includes('shared')),
    'cannot be both "private" and "shared"',
  ),
);
const GupFlags = v.pipe(list(GUP_FLAGS), once());

/**
 * valibot's object schemas take an array for an object (typeof [] is 'object'): refuse it first,
 * so `machine: []` or a step `["mmap"]` says what it is rather than naming a field inside it.
 */
const notArray = v.custom<unknown>(
  (x) => !Array.isArray(x),
  (i) => `must be an object, got ${describeValue(i.input)}`,
);

/** strict_object issues: an unknown key, a missing key, or not an object at all. */
function objectMessage(issue: v.StrictObjectIssue): string {
  if (issue.expected === 'never') return 'unknown field';
  if (issue.expected === 'Object') return `must be an object, got ${describeValue(issue.input)}`;
  return 'missing';
}

const FocusText = v.pipe(
  text(MAX_FOCUS),
  v.check(
    (s) => parseFocus(s) !== null,
    must(
      `must name a panel (${FOCUS_PANELS.map((p) => `"${p}"`).join(', ')}) or a map object ("pte 1 0x10000000", "page 0x3ffff0000", "device dmirror0")`,
    ),
  ),
);

const extras = {
  note: v.exactOptional(text(MAX_NOTE)),
  id: v.exactOptional(label),
  noteFor: v.exactOptional(text(MAX_NOTE_FOR)),
  focus: v.exactOptional(FocusText),
};
export { STEP_LABELS };
/** A write's data: `value` (one for all pages) or `values` (one per page); Step checks which. */
const data = {
  value: v.exactOptional(Value),
  values: v.exactOptional(
    v.pipe(
      v.array(Value, must('must be an array of integers')),
      v.maxLength(MAX_NPAGES, () => `must have at most ${MAX_NPAGES} entries`),
    ),
  ),
};

/** The schema entries of each field of the op table (src/model/opTable.ts). */
const FIELD_ENTRIES = {
  pid: { pid: Pid },
  addr: { addr: Addr },
  npages: { npages: NPages },
  prot: { prot: pick(PROTS) },
  flags: { flags: MapFlags },
  advice: { advice: pick(ADVICES) },
  child: { child: Pid },
  values: data,
  gupFlags: { flags: v.optional(GupFlags, () => []) },
  device: { device: Device },
  type: { type: pick(DEVICE_KINDS) },
  fault: { fault: pick(FAULT_KINDS) },
} satisfies { readonly [F in FieldName]: v.ObjectEntries };

/** One op's strict object: `op`, its fields in table order, then `note` and `id`. */
const opSchema = (name: OpName) => {
  const entries: v.ObjectEntries = { op: v.literal(name) };
  for (const field of opFields(name)) Object.assign(entries, FIELD_ENTRIES[field]);
  return v.strictObject({ ...entries, op: v.literal(name), ...extras }, objectMessage);
};

const OP_SCHEMAS = OPS.map(opSchema);

const StepVariant = v.variant('op', OP_SCHEMAS, (issue) =>
  issue.path === undefined
    ? `must be an object, got ${describeValue(issue.input)}`
    : issue.input === undefined
      ? 'missing'
      : `unknown op ${describeValue(issue.input)}`,
);

type OpSchema = (typeof OP_SCHEMAS)[number];
const BY_OP: ReadonlyMap<string, OpSchema> = new Map(
  OPS.map((name, i) => [name, OP_SCHEMAS[i] as OpSchema]),
);

/**
 * A step checked against its own op's object at once. valibot's variant tries the ops in turn,
 * running each one's literal on `op` and recording an issue for every miss: with 40 ops that was
 * two thirds of reading a 50,000-step link (a CPU profile of ingestFragmentSync: its option scan
 * and the garbage it made). A step whose `op` names no op goes to the variant, for its messages;
 * one that does gets the very schema the variant would have run, so its issues are the same.
 */
const StepByOp = v.lazy((input: unknown): OpSchema | typeof StepVariant => {
  const op = typeof input === 'object' && input !== null ? (input as { op?: unknown }).op : null;
  return (typeof op === 'string' ? BY_OP.get(op) : undefined) ?? StepVariant;
});

/** A write as the schema reads it: `value` or `values`, not yet normalized. */
type RawWrite<S> = S extends { readonly values: readonly number[] }
  ? Omit<S, 'values'> & { value?: number; values?: number[] }
  : S;
type RawStep = { [N in OpName]: RawWrite<Extract<ScenarioStep, { op: N }>> }[OpName];

/** Every op name the format knows, for error messages. */
export const OP_NAMES: ReadonlySet<string> = new Set(OPS);

const pathTo = (input: Record<string, unknown>, key: string): [v.ObjectPathItem] => [
  { type: 'object', origin: 'value', input, key, value: input[key] },
];

/** `value` or `values` (exactly one; `values` has one entry per page) becomes `values`. */
const Step = v.pipe(
  notArray,
  StepByOp,
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    // The variant's entries are built from the op table, so its inferred type is loose; the table
    // is also where Op comes from, so the two agree by construction.
    const step = dataset.value as RawStep;
    if (step.op !== 'write' && step.op !== 'dmirror_write') return step;
    const { value, values, ...rest } = step;
    const fail = (key: string, message: string) => {
      addIssue({ message, path: pathTo(step, key) });
      return NEVER;
    };
    if (value !== undefined && values !== undefined)
      return fail('value', 'give either "value" or "values", not both');
    if (values !== undefined && values.length !== step.npages)
      return fail('values', `must have npages (${step.npages}) entries, got ${values.length}`);
    if (values !== undefined) return { ...rest, values };
    if (value === undefined) return fail('values', 'missing (give "value" or "values")');
    return { ...rest, values: new Array<number>(step.npages).fill(value) };
  }),
);

const Steps = v.pipe(
  v.array(v.unknown(), must('must be an array')),
  v.maxLength(MAX_STEPS, (i) => `must have at most ${MAX_STEPS} steps, got ${i.received}`),
  v.array(Step),
);

const MachineObject = v.strictObject(
  {
    ramPages: v.optional(int(16, 1_048_576), DEFAULT_MACHINE.ramPages),
    physBits: v.optional(int(36, 52), DEFAULT_MACHINE.physBits),
  },
  objectMessage,
);
const Machine = v.pipe(notArray, MachineObject);

const ChapterSchema = v.strictObject(
  { title: text(MAX_TITLE), from: int(1, MAX_STEPS) },
  objectMessage,
);

export const ScenarioSchema = v.strictObject(
  {
    schema: v.literal(SCENARIO_SCHEMA, must(`must be "${SCENARIO_SCHEMA}"`)),
    id: v.exactOptional(label),
    title: v.exactOptional(text(MAX_TITLE)),
    summary: v.exactOptional(text(MAX_NOTE)),
    chapters: v.exactOptional(v.pipe(v.array(ChapterSchema), v.maxLength(MAX_STEPS))),
    era: v.optional(
      v.picklist(ERAS, (i) => `unknown era ${describeValue(i.input)} (known: ${ERAS.join(', ')})`),
      DEFAULT_ERA,
    ),
    machine: v.optional(Machine, () => ({})),
    steps: Steps,
  },
  objectMessage,
);

/** One step as an author writes it: an address as hex or a number, `value` or `values`. */
type DocumentStepOf<S> = {
  -readonly [K in keyof S as K extends 'values' ? never : K]: K extends 'addr'
    ? string | number
    : S[K];
} & (S extends { readonly values: readonly number[] }
  ? { value?: number; values?: number[] }
  : unknown) &
  (S extends { readonly op: 'gup' } ? { flags?: FieldValue<'gupFlags'> } : unknown);
type DocumentStep = {
  [N in OpName]: DocumentStepOf<
    Omit<Extract<ScenarioStep, { op: N }>, N extends 'gup' ? 'flags' : never>
  >;
}[OpName];

/** What an author writes (addresses as hex or numbers, `value` or `values`). */
export type ScenarioDocument = Omit<v.InferInput<typeof ScenarioSchema>, 'steps'> & {
  steps: DocumentStep[];
};

// Type-level checks: the schema covers every op of the model, and its output is the model's Op.
type Assignable<T extends U, U> = T;
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type StepOutputIsOp = Assignable<v.InferOutput<typeof Step>, ScenarioStep>;
export type SchemaCoversEveryOp = Assignable<Exactly<RawStep['op'], OpName>, true>;
type Entries = typeof FIELD_ENTRIES;
type OutputOf<S> = S extends v.GenericSchema<infer _I, infer O> ? O : never;
type EntryOutputs = {
  [F in Exclude<FieldName, 'values'>]: {
    [K in keyof Entries[F]]: OutputOf<Entries[F][K]>;
  };
};
type TableFields = { [F in Exclude<FieldName, 'values'>]: { [K in FieldKey<F>]: FieldValue<F> } };
/** Each field's schema yields the type the op table gives it (and so the model's Op). */
export type FieldEntriesMatchTable = Assignable<EntryOutputs, TableFields>;
export type ScenarioOutputIsScenario = Assignable<v.InferOutput<typeof ScenarioSchema>, Scenario>;
/** The schema's step extras are exactly the step labels (labels.ts). */
export type ExtrasAreStepLabels = Assignable<Exactly<keyof typeof extras, StepLabel>, true>;
