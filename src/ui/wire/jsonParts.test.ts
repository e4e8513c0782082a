import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromJsonParts, PART_ITEMS, toJsonParts } from './jsonParts';

const noYield = () => Promise.resolve();

describe('jsonParts (a long document crosses to the page in parts parsed a task at a time; fast-check, size medium)', () => {
  it('splits only a long steps array, keeping the keys in their order', async () => {
    const steps = Array.from({ length: 10 }, (_, k) => ({ op: 'spawn', pid: k }));
    const value = { schema: 's', steps, title: 't' };
    const p = toJsonParts(value, 4);
    expect(p.parts).toHaveLength(3);
    expect(JSON.parse(p.head)).toEqual({ schema: 's', steps: [], title: 't' });
    const back = await fromJsonParts(p, noYield);
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
    expect(toJsonParts({ steps: steps.slice(0, 4) }, 4).parts).toEqual([]);
    expect(toJsonParts([1, 2], 1)).toEqual({ head: '[1,2]', parts: [] });
    expect(PART_ITEMS).toBeGreaterThan(1000);
  });

  it('parses each part in a task of its own', async () => {
    const steps = Array.from({ length: 9 }, (_, k) => k);
    let yields = 0;
    await fromJsonParts(toJsonParts({ steps }, 2), () => {
      yields += 1;
      return Promise.resolve();
    });
    expect(yields).toBe(5);
  });

  it('gives back what JSON.parse of the whole text gives, for any JSON value', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ depthSize: 'medium' }),
          fc.record({
            steps: fc.array(fc.jsonValue(), { size: 'medium' }),
            title: fc.string({ unit: 'binary', size: 'medium' }),
          }),
          fc.dictionary(fc.string(), fc.jsonValue(), { size: 'medium' }),
        ),
        fc.integer({ min: 1, max: 5 }),
        async (value, n) => {
          const whole = JSON.stringify(value);
          const back = await fromJsonParts(toJsonParts(value, n), noYield);
          expect(JSON.stringify(back)).toBe(whole);
        },
      ),
    );
  });
});
