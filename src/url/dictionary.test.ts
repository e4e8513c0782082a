import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestFragmentSync } from '../ingest';
import { parseScenarioValue } from '../scenarios';
import { builtinScenarios } from '../scenarios/library/all';
import {
  decodeRefs,
  dictionaryOf,
  encodeRefs,
  MAX_DICTIONARY_BYTES,
  MAX_REFS,
  tableRefs,
} from './dictionary';
import { LINK_TABLE_V2 } from './dictionary/v2';
import { encodeFragment } from './encode';
import { decodePayload, encodePayload, encodePayloadV2 } from './payload';
import { lectureScenario, notedScenario } from './sample';

describe('the text table of link format v=2', () => {
  it('is frozen: links name its entries by index', () => {
    // Never update this hash: a changed table reads every v=2 link wrong. A new table is v=3.
    expect(LINK_TABLE_V2).toHaveLength(450);
    expect(createHash('sha256').update(JSON.stringify(LINK_TABLE_V2)).digest('hex')).toBe(
      '0be0d0c227c845ac6a63eefd644330d58eb5a1814ef4d1002a99d8d9b344c3e0',
    );
    expect(new Set(LINK_TABLE_V2).size).toBe(LINK_TABLE_V2.length);
  });
});

describe('table references', () => {
  it('round-trip through the header, consecutive entries one byte each', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat({ max: LINK_TABLE_V2.length - 1 }), { maxLength: 40 }),
        (refs) => {
          const head = encodeRefs(refs);
          const tail = Uint8Array.of(7, 8, 9);
          const bytes = new Uint8Array([...head, ...tail]);
          const back = decodeRefs(bytes);
          if (!back.ok) throw new Error(back.problem);
          expect(back.dictionary).toEqual(dictionaryOf(refs));
          expect([...back.rest]).toEqual([7, 8, 9]);
        },
      ),
    );
    expect(encodeRefs([10, 11, 12, 13])).toEqual(Uint8Array.of(4, 20, 0, 0, 0));
  });
  it('refuse what a writer never makes', () => {
    const bad = (bytes: number[]) => decodeRefs(Uint8Array.from(bytes));
    expect(bad([])).toEqual({ ok: false, problem: 'truncated' });
    expect(bad([2, 0])).toEqual({ ok: false, problem: 'truncated' });
    expect(bad([1, 1])).toEqual({ ok: false, problem: 'corrupt' });
    expect(bad([1, 0xa0, 0x8d, 0x06])).toEqual({ ok: false, problem: 'corrupt' });
    expect(bad([0x80, 0x80, 0x80, 0x01])).toEqual({ ok: false, problem: 'corrupt' });
    const tooMany = encodeRefs(Array.from({ length: MAX_REFS + 1 }, () => 0)).subarray(0, 2);
    expect(decodeRefs(tooMany)).toEqual({ ok: false, problem: 'corrupt' });
    const all = LINK_TABLE_V2.map((_, i) => i);
    expect(dictionaryOf(all).length).toBeGreaterThan(MAX_DICTIONARY_BYTES);
    expect(decodeRefs(encodeRefs(all))).toEqual({ ok: false, problem: 'corrupt' });
  });
  it('list the entries a value repeats, in the order its JSON writes them, within the window', () => {
    const [a = '', b = '', c = ''] = LINK_TABLE_V2;
    expect(tableRefs([1, [b, 'not in the table'], { x: a, y: [b, c] }])).toEqual([1, 0, 2]);
    const refs = tableRefs(LINK_TABLE_V2);
    expect(dictionaryOf(refs).length).toBeLessThanOrEqual(MAX_DICTIONARY_BYTES);
    expect(refs.length).toBeGreaterThan(100);
  });
});

describe('v=2 payloads', () => {
  it('decode to exactly the value, and only as v=2', () => {
    const value = notedScenario(30, 4, builtinScenarios);
    const text = encodePayloadV2(value);
    if (text === null) throw new Error('no table text');
    const plain: unknown = JSON.parse(JSON.stringify(value));
    expect(decodePayload(text, 2)).toEqual({ ok: true, value: plain });
    expect(decodePayload(text, 1).ok).toBe(false);
    expect(decodePayload(encodePayload(value), 2).ok).toBe(false);
    expect(encodePayloadV2(lectureScenario(30, 1))).toBeNull();
  });
});

describe('link lengths with notes (issue 12)', () => {
  it('200 built-in steps with their notes fit 4,000 characters, and open to the same scenario', () => {
    for (const seed of [1, 2, 3]) {
      const s = notedScenario(200, seed, builtinScenarios);
      const canon = parseScenarioValue(s);
      if (!canon.ok) throw new Error(canon.error);
      expect(s.steps.filter((x) => x.note !== undefined).length).toBeGreaterThan(150);
      const r = encodeFragment({ source: { kind: 'custom', scenario: s }, step: 200 });
      if (!r.ok) throw new Error(r.error);
      expect(r.fragment).toMatch(/^#v=2&c=/);
      expect(r.fragment.length).toBeLessThanOrEqual(4_000);
      const back = ingestFragmentSync(r.fragment);
      if (!back.ok) throw new Error(back.error);
      expect(back.scenario).toEqual(canon.scenario);
      expect(back.step).toBe(200);
    }
  });
  it('a scenario without the table text keeps writing v=1, which older builds read', () => {
    const r = encodeFragment({ source: { kind: 'custom', scenario: lectureScenario(200, 1) } });
    expect(r.ok && r.fragment.startsWith('#v=1&c=')).toBe(true);
  });
});
