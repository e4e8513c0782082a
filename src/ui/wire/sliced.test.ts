import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INLINE_CHARS, postSliced, receiveSliced, SLICE_CHARS } from './sliced';

/** A port pair in one test: what is posted arrives cloned, in order, at a receiveSliced handler. */
function channel() {
  const posted: unknown[] = [];
  const got: unknown[] = [];
  const listener = receiveSliced((m: unknown) => got.push(m));
  const target = {
    postMessage(m: unknown) {
      posted.push(m);
      listener({ data: structuredClone(m) } as MessageEvent);
    },
  };
  return { target, posted, got };
}

describe('postSliced / receiveSliced (long strings cross a worker boundary a slice a task)', () => {
  it('posts a message without long strings as it is, in the same task', () => {
    const c = channel();
    const m = { id: 1, text: 'short', list: [{ a: 'b' }] };
    void postSliced(c.target, m);
    expect(c.posted).toEqual([m]);
    expect(c.got).toEqual([m]);
  });

  it('sends long strings ahead in slices, a task apart, and the handler gets them whole', async () => {
    const c = channel();
    const long = 'x'.repeat(SLICE_CHARS * 2 + 5);
    const m = { id: 2, docs: [{ json: long }, { json: 'y' }], text: long.toUpperCase() };
    let tasks = 0;
    await postSliced(c.target, m, () => {
      tasks += 1;
      return Promise.resolve();
    });
    // 3 pieces of each long string, then the message, each in a task of its own.
    expect(c.posted).toHaveLength(7);
    expect(tasks).toBe(6);
    for (const p of c.posted) expect(JSON.stringify(p).length).toBeLessThan(SLICE_CHARS + 100);
    expect(c.got).toEqual([m]);
  });

  it('gathers many middling strings into slices too: no message holds them all', async () => {
    const c = channel();
    const parts = Array.from({ length: 40 }, (_, k) => String(k).repeat(INLINE_CHARS * 8));
    const m = { parts, head: 'h' };
    await postSliced(c.target, m, () => Promise.resolve());
    expect(c.posted.length).toBeGreaterThan(5);
    for (const p of c.posted) expect(JSON.stringify(p).length).toBeLessThan(SLICE_CHARS * 1.2);
    expect(c.got).toEqual([m]);
  });

  it('keeps every string exact, surrogate pairs cut by a slice included (fast-check, size medium)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'binary', size: 'medium' }), { size: 'medium' }),
        fc.integer({ min: 0, max: 3 }),
        async (small, k) => {
          // A long string made of the small ones, cut at SLICE_CHARS wherever that falls.
          const unit = small.join('') || '😀';
          const long = unit.repeat(Math.ceil((SLICE_CHARS * (k + 1) + 1) / unit.length));
          const c = channel();
          const m = { small, long, nested: [{ long }] };
          await postSliced(c.target, m, () => Promise.resolve());
          expect(c.got).toEqual([m]);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('puts long strings back wherever they were, the root included, and leaves the sent message as it was (fast-check, size medium)', async () => {
    const long = fc.integer({ min: 1, max: 3 }).map((k) => 'L'.repeat(INLINE_CHARS * k + k));
    const { tree } = fc.letrec((t) => ({
      tree: fc.oneof(
        { depthSize: 'medium', withCrossShrink: true },
        fc.string(),
        long,
        fc.integer(),
        fc.array(t('tree'), { maxLength: 4 }),
        fc.dictionary(fc.string(), t('tree'), { maxKeys: 4 }),
      ),
    }));
    await fc.assert(
      fc.asyncProperty(tree, async (m) => {
        const before = structuredClone(m);
        const c = channel();
        await postSliced(c.target, m, () => Promise.resolve());
        expect(c.got).toEqual([before]);
        expect(m).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });
});
