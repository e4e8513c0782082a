/**
 * The `hmm-scenario/1` format (scenario-contract.md §2), defined once. The schema validates the
 * untrusted document and normalizes it to the model's `Op` union: addresses become numbers and
 * `value` becomes `values` (one per page). Every message is written for a human reading one line.
 */
import * as v from 'valibot';
import type { Op, OpName } from '../model/ops';
import { ERAS, PAGE_SIZE, type Era, type MachineConfig } from '../model/types';
import { DEFAULT_MACHINE } from '../model/boot';
import { describeValue } from './describe';

export const SCENARIO_SCHEMA = 'hmm-scenario/1';
/** TASK_SIZE on x86-64 with 4-level paging: user addresses lie below 2^47. */
export const USER_ADDR_LIMIT = 2 ** 47;
export const MAX_NPAGES = 65536;
export const MAX_STEPS = 10_000;
export const MAX_PID = 1_000_000;
export const MAX_NOTE = 2000;
export const MAX_TITLE = 200;
export const DEFAULT_ERA: Era = 'v4.14';
/** One default machine for the model and the format (src/model/boot.ts). */
export { DEFAULT_MACHINE };

export type ScenarioStep = Op & { note?: string; id?: string };

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

const Prot = pick(['none', 'r', 'rw']);
const MapFlags = list(['private', 'shared', 'anonymous']);
const GupFlags = list(['write', 'longterm']);

/** strict_object issues: an unknown key, a missing key, or not an object at all. */
function objectMessage(issue: v.StrictObjectIssue): string {
  if (issue.expected === 'never') return 'unknown field';
  if (issue.expected === 'Object') return `must be an object, got ${describeValue(issue.input)}`;
  return 'missing';
}

const extras = { note: v.exactOptional(text(MAX_NOTE)), id: v.exactOptional(label) };
const range = { pid: Pid, addr: Addr, npages: NPages };
const devRange = { device: Device, ...range };
const data = {
  value: v.exactOptional(Value),
  values: v.exactOptional(
    v.pipe(
      v.array(Value, must('must be an array of integers')),
      v.maxLength(MAX_NPAGES, () => `must have at most ${MAX_NPAGES} entries`),
    ),
  ),
};

const op = <const T extends OpName>(name: T) => v.literal(name);
const obj = <const E extends v.ObjectEntries>(entries: E) =>
  v.strictObject({ ...entries, ...extras }, objectMessage);

const StepVariant = v.variant(
  'op',
  [
    obj({ op: op('spawn'), pid: Pid }),
    obj({ op: op('mmap'), ...range, prot: Prot, flags: MapFlags }),
    obj({ op: op('munmap'), ...range }),
    obj({ op: op('mprotect'), ...range, prot: Prot }),
    obj({ op: op('madvise'), ...range, advice: pick(['dontneed', 'free']) }),
    obj({ op: op('fork'), pid: Pid, child: Pid }),
    obj({ op: op('exit'), pid: Pid }),
    obj({ op: op('read'), ...range }),
    obj({ op: op('write'), ...range, ...data }),
    obj({ op: op('gup'), ...range, flags: v.optional(GupFlags, () => []) }),
    obj({ op: op('unpin'), ...range }),
    obj({ op: op('device_add'), device: Device, type: pick(['private', 'public', 'coherent']) }),
    obj({ op: op('device_remove'), device: Device }),
    obj({ op: op('dmirror_read'), ...devRange }),
    obj({ op: op('dmirror_write'), ...devRange, ...data }),
    obj({ op: op('dmirror_migrate_to_dev'), ...devRange }),
    obj({ op: op('dmirror_migrate_to_sys'), ...devRange }),
    obj({ op: op('dmirror_snapshot'), ...devRange }),
    obj({ op: op('inject'), device: Device, fault: pick(['device-error', 'oom', 'none']) }),
    obj({ op: op('memory_failure'), ...range }),
    obj({ op: op('dmirror_exclusive'), ...devRange }),
    obj({ op: op('dmirror_check_exclusive'), ...devRange }),
    obj({ op: op('dmirror_release'), device: Device }),
  ],
  (issue) =>
    issue.path === undefined
      ? `must be an object, got ${describeValue(issue.input)}`
      : issue.input === undefined
        ? 'missing'
        : `unknown op ${describeValue(issue.input)}`,
);

type RawStep = v.InferOutput<typeof StepVariant>;

/** Every op name the format knows, for error messages. */
export const OP_NAMES: ReadonlySet<string> = new Set(
  StepVariant.options.map((o) => o.entries.op.literal),
);

const pathTo = (input: Record<string, unknown>, key: string): [v.ObjectPathItem] => [
  { type: 'object', origin: 'value', input, key, value: input[key] },
];

/** `value` or `values` (exactly one; `values` has one entry per page) becomes `values`. */
const Step = v.pipe(
  StepVariant,
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const step: RawStep = dataset.value;
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

const Machine = v.strictObject(
  {
    ramPages: v.optional(int(16, 1_048_576), DEFAULT_MACHINE.ramPages),
    physBits: v.optional(int(36, 52), DEFAULT_MACHINE.physBits),
  },
  objectMessage,
);

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

/** What an author writes (addresses as hex or numbers, `value` or `values`). */
export type ScenarioDocument = v.InferInput<typeof ScenarioSchema>;

// Type-level checks: the schema covers every op of the model, and its output is the model's Op.
type Assignable<T extends U, U> = T;
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type StepOutputIsOp = Assignable<v.InferOutput<typeof Step>, ScenarioStep>;
export type SchemaCoversEveryOp = Assignable<Exactly<RawStep['op'], OpName>, true>;
export type ScenarioOutputIsScenario = Assignable<v.InferOutput<typeof ScenarioSchema>, Scenario>;
