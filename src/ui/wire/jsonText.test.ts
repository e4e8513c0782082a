import { describe, expect, it } from 'vitest';
import { builtinScenarios } from '../../scenarios/library/all';
import { parseScenarioValue } from '../../scenarios';
import { longScenario } from '../../test/longScenario';
import fc from 'fast-check';
import { fromJsonText, fromWireDoc, toJsonText } from './jsonText';
import { toJsonParts } from './jsonParts';

describe('JsonText (documents sent to workers as JSON)', () => {
  it('gives back every built-in and a long generated scenario exactly (they are JSON data)', () => {
    const long = parseScenarioValue(longScenario(2_000, { pages: 64, title: 'long' }));
    if (!long.ok) throw new Error(long.error);
    const docs = [...builtinScenarios, long.scenario];
    for (const doc of docs) expect(fromJsonText(toJsonText(doc))).toStrictEqual(doc);
  });
});

describe('JsonText of one object sent twice', () => {
  it('is made once, and a new object gets its own', () => {
    const a = { steps: [{ op: 'spawn', pid: 1 }] };
    const t = toJsonText(a);
    expect(toJsonText(a)).toBe(t);
    expect(toJsonText({ ...a })).not.toBe(t);
    expect(toJsonText({ ...a })).toEqual(t);
    expect(fromJsonText(toJsonText(7))).toBe(7);
  });
});

describe('fromWireDoc (a document a worker sent in parts)', () => {
  it('reads it back and keeps the parts as its text, without a stringify', async () => {
    const value = { steps: Array.from({ length: 9 }, (_, k) => ({ op: 'spawn', pid: k })), t: 'π' };
    const parts = toJsonParts(value, 2);
    const v = await fromWireDoc<typeof value>(parts);
    expect(v).toEqual(value);
    expect(toJsonText(v)).toEqual({ parts });
    expect(fromJsonText(toJsonText(v))).toEqual(value);
  });

  it('gives workers what JSON.parse gives, from a text or from parts (fast-check, size medium)', () => {
    fc.assert(
      fc.property(
        fc.record({
          steps: fc.array(fc.jsonValue(), { size: 'medium' }),
          title: fc.string({ unit: 'binary', size: 'medium' }),
        }),
        (value) => {
          const whole = JSON.stringify(value);
          expect(JSON.stringify(fromJsonText({ json: whole }))).toBe(whole);
          expect(JSON.stringify(fromJsonText({ parts: toJsonParts(value, 3) }))).toBe(whole);
        },
      ),
    );
  });
});
