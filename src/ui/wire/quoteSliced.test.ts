import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { objectJsonSliced, quoteSliced } from './quoteSliced';

/** Characters that escape, pairs, and lone halves of pairs: where a slice's cut can go wrong. */
const unit = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom('"', '\\', '\n', '\t', '\u0000', '\u2028', 'a'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);
const text = fc.string({ unit, size: 'medium' });

describe('quoteSliced (JSON.stringify of a long string, a slice a task)', () => {
  it('is JSON.stringify exactly, whatever the slice and wherever it cuts (fast-check, size medium)', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 9 }), async (s, slice) => {
        let yields = 0;
        const out = await quoteSliced(s, () => (yields++, Promise.resolve()), slice);
        expect(out).toBe(JSON.stringify(s));
        // One task per slice after the first: a pair never makes a slice of its own.
        if (s.length <= slice) expect(yields).toBe(0);
        else expect(yields).toBeGreaterThanOrEqual(Math.ceil(s.length / (slice + 1)) - 1);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a surrogate pair whole at a cut (a lone half would be written as an escape, \\ud83d)', async () => {
    const s = 'ab\u{1F600}cd';
    expect(await quoteSliced(s, () => Promise.resolve(), 3)).toBe(JSON.stringify(s));
    expect(await quoteSliced(s, () => Promise.resolve(), 3)).not.toContain('\\ud');
  });
});

describe('objectJsonSliced', () => {
  it('is JSON.stringify of a plain object exactly, keys in order, undefined left out (fast-check)', async () => {
    const value = fc.dictionary(
      fc.string(),
      fc.oneof(
        text,
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
      ),
      { size: 'medium' },
    );
    await fc.assert(
      fc.asyncProperty(value, fc.integer({ min: 1, max: 9 }), async (v, slice) => {
        expect(await objectJsonSliced(v, () => Promise.resolve(), slice)).toBe(JSON.stringify(v));
      }),
      { numRuns: 200 },
    );
  });
});
