import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Page, Pte } from '../../model';
import { runScenario, tableOf, tableRange } from '../../model';
import { getBuiltin } from '../../scenarios/library/all';
import { unexplainedRefs } from './describe';
import { pageStats, pteBundleKey, pteBundles } from './leafStats';

/** What the cached summaries must equal: a plain scan of the range. */
function scanBundles(entries: [number, Pte][], ramPages: number) {
  const m = new Map<string, { n: number; min: number; max: number }>();
  for (const [, p] of entries) {
    const k = pteBundleKey(p, ramPages);
    const b = m.get(k);
    if (b) {
      b.n += 1;
      b.min = Math.min(b.min, p.pfn);
      b.max = Math.max(b.max, p.pfn);
    } else m.set(k, { n: 1, min: p.pfn, max: p.pfn });
  }
  return m;
}

const plain = (m: Map<string, { n: number; min: number; max: number }>) =>
  Object.fromEntries([...m].map(([k, b]) => [k, { n: b.n, min: b.min, max: b.max }]));

describe('pteBundles (summaries cached per table node)', () => {
  it('equal a plain scan for random tables and ranges, whole nodes and partial ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(300_000), fc.nat(600_000), fc.boolean(), fc.boolean()), {
          maxLength: 300,
        }),
        fc.nat(300_000),
        fc.nat(300_000),
        (rows, a, b) => {
          const t = tableOf<Pte>(
            rows.map(([vpn, pfn, write, priv]) => [
              vpn,
              priv
                ? ({ kind: 'device-private', pfn, write } as Pte)
                : ({ kind: 'present', pfn, write, zero: false } as Pte),
            ]),
          );
          const [from, to] = a <= b ? [a, b + 1] : [b, a + 1];
          const got = pteBundles(t, from, to, 262_144);
          // Asked twice: the second answer comes from the cache and must not have been mutated.
          const again = pteBundles(t, from, to, 262_144);
          const want = scanBundles(tableRange(t, from, to), 262_144);
          expect(plain(got)).toEqual(plain(want));
          expect(plain(again)).toEqual(plain(want));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('pageStats along a trace (frames share unchanged nodes)', () => {
  it('counts the stored pages and the leaks of every frame, as a scan does', () => {
    for (const id of ['fork-cow-device-private', 'device-public-cow-hole']) {
      const s = getBuiltin(id);
      if (!s) throw new Error(id);
      for (const f of runScenario(s)) {
        const all = tableRange(f.state.pages, 0, Number.MAX_SAFE_INTEGER).map(([, p]) => p);
        const got = pageStats(f.state.pages, 0, Number.MAX_SAFE_INTEGER, unexplainedRefs);
        expect(got.n).toBe(all.length);
        expect(got.leaks.map((p: Page) => p.pfn)).toEqual(
          all.filter((p) => unexplainedRefs(p) > 0).map((p) => p.pfn),
        );
      }
    }
  });
});
