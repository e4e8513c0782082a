import { describe, expect, it } from 'vitest';
import { builtinScenarios } from '../../scenarios/library/all';
import { parseScenarioValue } from '../../scenarios';
import { longScenario } from '../../test/longScenario';
import fc from 'fast-check';
import { decodeUtf8, encodeUtf8, fromJsonText, knowJsonText, toJsonText } from './jsonText';

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

describe('knowJsonText', () => {
  it('makes the bytes an object was parsed from its text, without a stringify', () => {
    const bytes = encodeUtf8('{"steps": [ 1, 2 ], "title": "π ✓ \\ud800"}');
    const v = knowJsonText(JSON.parse(decodeUtf8(bytes)) as object, bytes);
    expect(toJsonText(v)).toEqual({ bytes });
    expect(fromJsonText(toJsonText(v))).toEqual({ steps: [1, 2], title: 'π ✓ \ud800' });
  });

  it('keeps any string whole through UTF-8, lone surrogates included (escaped by stringify)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', size: 'medium' }), (s) => {
        const bytes = encodeUtf8(JSON.stringify({ s }));
        expect(fromJsonText({ bytes })).toEqual({ s });
        expect(fromJsonText(toJsonText({ s }))).toEqual({ s });
      }),
    );
  });
});
