import { describe, expect, it } from 'vitest';
import { errorStep, parseValues, stepSummary } from './fieldValue';
import { OP_FIELDS, OP_LIST } from './opFields';
import { OP_NAMES } from '../../scenarios/schema';
import { parseScenarioValue } from '../../scenarios';
import {
  insertStep,
  moveStep,
  parseWorking,
  removeStep,
  replaceStep,
  setField,
  stepsOf,
  stepWithOp,
} from './stepOps';

const doc = {
  schema: 'hmm-scenario/1',
  steps: [
    { op: 'spawn', pid: 1 },
    { op: 'exit', pid: 1 },
    { op: 'spawn', pid: 2 },
  ],
};
const ops = (d: Record<string, unknown>) =>
  stepsOf(d).map((s) => `${(s as { op: string }).op}${String((s as { pid: number }).pid)}`);

describe('step edits', () => {
  it('insert, remove and move without touching the input', () => {
    const frozen = Object.freeze({ ...doc, steps: Object.freeze([...doc.steps]) });
    expect(ops(insertStep(frozen, 1, { op: 'read', pid: 9 }))).toEqual([
      'spawn1',
      'read9',
      'exit1',
      'spawn2',
    ]);
    expect(ops(insertStep(frozen, 99, { op: 'read', pid: 9 }))).toEqual([
      'spawn1',
      'exit1',
      'spawn2',
      'read9',
    ]);
    expect(ops(removeStep(frozen, 0))).toEqual(['exit1', 'spawn2']);
    expect(ops(moveStep(frozen, 2, 0))).toEqual(['spawn2', 'spawn1', 'exit1']);
    expect(ops(moveStep(frozen, 0, 9))).toEqual(['exit1', 'spawn2', 'spawn1']);
    expect(moveStep(frozen, 5, 0)).toBe(frozen);
    expect(ops(replaceStep(frozen, 1, { op: 'exit', pid: 3 }))).toEqual([
      'spawn1',
      'exit3',
      'spawn2',
    ]);
    expect(ops(frozen)).toEqual(['spawn1', 'exit1', 'spawn2']);
  });
  it('a new op keeps the fields both ops take, the note and the id', () => {
    const from = { op: 'read', pid: 3, addr: '0x2000', npages: 2, note: 'n', id: 'x' };
    expect(stepWithOp('mmap', from)).toEqual({
      op: 'mmap',
      pid: 3,
      addr: '0x2000',
      npages: 2,
      prot: 'rw',
      flags: ['private', 'anonymous'],
      note: 'n',
      id: 'x',
    });
    expect(stepWithOp('write', from)).toMatchObject({ value: 0 });
    expect(stepWithOp('gup', from)).toMatchObject({ flags: [] });
    expect(stepWithOp('device_add', from)).toEqual({
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note: 'n',
      id: 'x',
    });
  });
  it('the form covers every op of the format', () => {
    expect(new Set(OP_LIST)).toEqual(OP_NAMES);
    for (const op of OP_LIST) expect(OP_FIELDS[op].length).toBeGreaterThan(0);
  });
  it('a migration in flight is written with the form: pause, resume and fail take the device', () => {
    const migrate = {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror1',
      pid: 1,
      addr: '0x10000000',
      npages: 4,
    };
    for (const op of ['migrate_pause', 'migrate_resume', 'migrate_fail'] as const) {
      expect(OP_FIELDS[op]).toEqual(['device']);
      expect(stepWithOp(op, migrate)).toEqual({ op, device: 'dmirror1' });
    }
    const scenario = {
      schema: 'hmm-scenario/1',
      era: 'v4.14',
      steps: [
        { op: 'device_add', device: 'dmirror1', type: 'private' },
        { op: 'spawn', pid: 1 },
        {
          op: 'mmap',
          pid: 1,
          addr: '0x10000000',
          npages: 4,
          prot: 'rw',
          flags: ['private', 'anonymous'],
        },
        { op: 'write', pid: 1, addr: '0x10000000', npages: 4, value: 1 },
        stepWithOp('migrate_pause', migrate),
        migrate,
        stepWithOp('migrate_resume', migrate),
      ],
    };
    expect(parseScenarioValue(scenario)).toMatchObject({ ok: true });
  });
  it('setField sets and removes', () => {
    expect(setField({ a: 1, b: 2 }, 'a', undefined)).toEqual({ b: 2 });
    expect(setField({ a: 1 }, 'c', 3)).toEqual({ a: 1, c: 3 });
  });
  it('parseWorking says what is wrong', () => {
    expect(parseWorking('{').ok).toBe(false);
    expect(parseWorking('[]')).toMatchObject({
      ok: false,
      error: 'the document must be a JSON object',
    });
    expect(parseWorking('{"steps":3}')).toMatchObject({ ok: false });
    expect(parseWorking('{"schema":"x"}')).toEqual({ ok: true, doc: { schema: 'x', steps: [] } });
  });
});

describe('field values', () => {
  it('reads a write’s data as value or values, keeping bad tokens as text', () => {
    expect(parseValues('7')).toEqual({ value: 7 });
    expect(parseValues('1, 2 3')).toEqual({ values: [1, 2, 3] });
    expect(parseValues('1, x')).toEqual({ values: [1, 'x'] });
  });
  it('finds the step an error names', () => {
    expect(errorStep('step 4 (mmap, steps[3]): field "addr": must be page aligned')).toBe(3);
    expect(errorStep('field "era": unknown era')).toBeNull();
  });
  it('summarises possibly invalid steps', () => {
    expect(stepSummary({ op: 'mmap', pid: 1, addr: 0x1000, npages: 2, prot: 'rw' })).toBe(
      'pid 1 0x1000 ×2 rw',
    );
    expect(stepSummary({ op: 'x', pid: { a: 1 } })).toBe('pid {"a":1}');
  });
});
