import { describe, expect, it } from 'vitest';
import { runScenario } from '../../model';
import { getBuiltin } from '../../scenarios/library/all';
import { resultsFor, stampNotes } from './noteCheck';
import { replaceStep, setField, stepsOf, type Json } from './stepOps';

const doc = getBuiltin('migrate-and-fault-back');
if (doc === undefined) throw new Error('built-in missing');
const trace = runScenario(doc);
const json = JSON.parse(JSON.stringify(doc)) as Json;

describe('noteCheck', () => {
  it('results line up with the document only when the trace on screen is of it', () => {
    expect(resultsFor(json, trace)).toHaveLength(stepsOf(json).length);
    const shorter = { ...json, steps: stepsOf(json).slice(1) };
    expect(resultsFor(shorter, trace)).toBeUndefined();
  });

  it('stamps every hand-written note with the result on screen, and only once', () => {
    const stamped = stampNotes(json, resultsFor(json, trace));
    const last = stepsOf(stamped).at(-1) as Json;
    expect(last.noteFor).toBe('ret 0, values [10]');
    expect(stampNotes(stamped, resultsFor(stamped, trace))).toBe(stamped);
    expect(stampNotes(json, undefined)).toBe(json);
  });

  it('after a form edit of one step, its result is checked again (the others are remembered)', () => {
    const before = resultsFor(json, trace);
    const first = stepsOf(json)[0] as Json;
    const noted = replaceStep(json, 0, setField(first, 'note', 'typed'));
    expect(resultsFor(noted, trace)).toEqual(before);
    // The same step with another op no longer matches the trace on screen.
    const other = replaceStep(noted, 0, { ...first, op: first.op === 'spawn' ? 'exit' : 'spawn' });
    expect(resultsFor(other, trace)).toBeUndefined();
    expect(resultsFor(noted, trace)).toEqual(before);
  });
});
