import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks, Later } from './jsonStream';

const text = (v: unknown) => [...jsonChunks(v)].join('');

describe('jsonChunks', () => {
  it('prints exactly what JSON.stringify(v, null, 2) prints, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        expect(text(v)).toBe(JSON.stringify(v, null, 2));
      }),
      { numRuns: 300 },
    );
  });

  it('walks big values in small chunks: 200,000 PTEs never make one big string', () => {
    const ptes: Record<string, unknown> = {};
    for (let i = 0; i < 200_000; i++)
      ptes[`0x${(0x10000000 + i * 4096).toString(16)}`] = { kind: 'none' };
    const doc = { schema: 'hmm-result/1', final: { processes: { '1': { ptes, vmas: [] } } } };
    let longest = 0;
    let all = '';
    for (const c of jsonChunks(doc)) {
      longest = Math.max(longest, c.length);
      all += c;
    }
    expect(all).toBe(JSON.stringify(doc, null, 2));
    expect(longest).toBeLessThan(4096);
  });

  it('prints an iterator as an array, consuming it as it goes; drops undefined like JSON.stringify', () => {
    function* steps() {
      yield { index: 0, id: undefined, result: { ret: 0 } };
      yield { index: 1, result: { ret: -12 } };
    }
    const expected = JSON.stringify(
      {
        steps: [
          { index: 0, result: { ret: 0 } },
          { index: 1, result: { ret: -12 } },
        ],
        empty: [],
      },
      null,
      2,
    );
    function* none() {}
    expect(text({ steps: steps(), empty: none() })).toBe(expected);
  });

  it('computes a Later value when the printing reaches it, after the iterator before it ran', () => {
    let ran = 0;
    function* steps() {
      for (let i = 0; i < 100; i++) {
        ran += 1;
        yield { index: i };
      }
    }
    const chunks = jsonChunks({ steps: steps(), final: new Later(() => ({ ran })) });
    let all = '';
    for (const c of chunks) {
      // Nothing ran before its record was asked for.
      if (ran === 0) expect(all).toBe('');
      all += c;
    }
    const expected = {
      steps: Array.from({ length: 100 }, (_, i) => ({ index: i })),
      final: { ran: 100 },
    };
    expect(all).toBe(JSON.stringify(expected, null, 2));
  });
});
