import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Page, Pte } from '../../model';
import { asPfn, asPid, asVpn, runScenario } from '../../model';
import { parseScenarioValue } from '../../scenarios';
import { builtinScenarios } from '../../scenarios/library/all';
import type { Frame } from '../../store/model';
import { benchDocument } from '../../ui/bench/benchScenario';
import type { Change } from './diff';
import { diffFrames } from './diff';
import { continues, summarize, toPart } from './summary';

const get = <T>(xs: readonly T[], i: number): T => {
  const x = xs[i];
  if (x === undefined) throw new Error(`nothing at ${i}`);
  return x;
};

const benchFrames = (): Frame[] => {
  const parsed = parseScenarioValue(benchDocument('small'), { unbounded: true });
  if (!parsed.ok) throw new Error(parsed.error);
  return runScenario(parsed.scenario);
};

describe('summarize: a run goes on without writing its words (continues)', () => {
  const traces = [...builtinScenarios.map((s) => runScenario(s)), benchFrames()];

  it('says two neighbours read alike only when their words are the same', () => {
    let judged = 0;
    for (const f of traces)
      for (let i = 1; i < f.length; i++) {
        const [s0, s1] = [get(f, i - 1).state, get(f, i).state];
        const changes = diffFrames(f[i - 1], get(f, i));
        for (let k = 1; k < changes.length; k++) {
          const [x, c] = [get(changes, k - 1), get(changes, k)];
          if (!continues(x, c, s1)) continue;
          judged += 1;
          const px = toPart(x, s0, s1);
          const pc = toPart(c, s0, s1);
          expect(pc?.text).toBe(px?.text);
          expect(pc?.group).toBe(px?.group);
          expect(pc?.key).toBe((px?.key ?? NaN) + 1);
        }
      }
    // The bench's bulk write, migrations and faults: thousands of neighbours go on a run.
    expect(judged).toBeGreaterThan(1000);
  });

  it('goes on through the RAM pages a migration freed, without their words', () => {
    const f = benchFrames();
    const i = f.findIndex(
      (x, k) => k > 0 && diffFrames(f[k - 1], x).some((c) => c.kind === 'page' && !c.after),
    );
    expect(i).toBeGreaterThan(0);
    const changes = diffFrames(f[i - 1], get(f, i));
    const freed = changes.filter((c) => c.kind === 'page' && c.before && !c.after);
    expect(freed.length).toBeGreaterThan(100);
    // Each freed page after the first is its neighbour's: one run, judged from fields alone.
    for (let k = 1; k < freed.length; k++)
      expect(continues(get(freed, k - 1), get(freed, k), get(f, i).state)).toBe(true);
  });

  it('sums a bulk write into one PTE run and one page run', () => {
    const f = benchFrames();
    const i = f.findIndex((x, k) => k > 0 && diffFrames(f[k - 1], x).length === 2048);
    expect(i).toBeGreaterThan(0);
    const line = summarize(diffFrames(f[i - 1], get(f, i)), get(f, i - 1).state, get(f, i).state);
    expect(line).toMatch(
      /^0x10000000 ×1024: none → present W · pfn 0x[0-9a-f]+–0x[0-9a-f]+ allocated$/,
    );
  });
});

const pte: fc.Arbitrary<Pte | null> = fc.option(
  fc
    .record({
      kind: fc.constantFrom('present', 'devmap', 'device-private', 'migration', 'hwpoison'),
      pfn: fc.integer({ min: 1, max: 3 }),
      write: fc.boolean(),
      zero: fc.boolean(),
    })
    .map(({ kind, pfn, write, zero }): Pte => {
      const p = asPfn(pfn);
      switch (kind) {
        case 'present':
          return { kind, pfn: p, write, dirty: false, young: false, zero };
        case 'devmap':
          return { kind, pfn: p, write, dirty: false };
        case 'hwpoison':
          return { kind, pfn: p };
        default:
          return { kind: kind as 'migration', pfn: p, write };
      }
    }),
);

const page = (pfn: number): fc.Arbitrary<Page | null> =>
  fc.option(
    fc
      .record({
        refcount: fc.integer({ min: 0, max: 2 }),
        mapcount: fc.integer({ min: 0, max: 2 }),
        value: fc.integer({ min: 0, max: 1 }),
        pins: fc.integer({ min: 0, max: 1 }),
        locked: fc.boolean(),
        hwpoison: fc.boolean(),
      })
      .map((r): Page => ({
        pfn: asPfn(pfn),
        memory: 'system',
        device: null,
        refcount: r.refcount,
        mapcount: r.mapcount,
        locked: r.locked,
        lru: false,
        mapping: null,
        value: r.value,
        memcg: false,
        pins: r.pins,
        allocated: false,
        rmap: [],
        ...(r.hwpoison ? { hwpoison: true as const } : {}),
      })),
  );

/** c's before or after: x's own, x's moved to the next frame, or any other. */
type Like = 'same' | 'next' | Pte | null;
const like: fc.Arbitrary<Like> = fc.oneof(fc.constantFrom<Like>('same', 'next'), pte);
const likePte = (x: Pte | null, l: Like): Pte | null =>
  l === 'same' ? x : l === 'next' ? (x ? { ...x, pfn: asPfn(x.pfn + 1) } : null) : l;

const ptePair: fc.Arbitrary<[Change, Change]> = fc
  .tuple(fc.constantFrom(1, 2), fc.constantFrom(1, 2), fc.constantFrom(0, 1), pte, pte, like, like)
  .map(([p0, p1, dv, b0, a0, b1, a1]) => [
    { kind: 'pte', pid: asPid(p0), vpn: asVpn(16), before: b0, after: a0 },
    {
      kind: 'pte',
      pid: asPid(p1),
      vpn: asVpn(16 + dv),
      before: likePte(b0, b1),
      after: likePte(a0, a1),
    },
  ]);

/** c's page: x's own fields (at c's pfn) or any other. */
const pagePair: fc.Arbitrary<[Change, Change]> = fc
  .tuple(fc.constantFrom(0, 1), page(4), page(4), fc.option(page(5)), fc.option(page(5)))
  .map(([dp, b0, a0, b1, a1]) => {
    const at = (x: Page | null, o: Page | null): Page | null =>
      o === null ? (x ? { ...x, pfn: asPfn(4 + dp) } : null) : o;
    return [
      { kind: 'page', pfn: asPfn(4), before: b0, after: a0 },
      { kind: 'page', pfn: asPfn(4 + dp), before: at(b0, b1), after: at(a0, a1) },
    ];
  });

describe('continues: a property over any two PTE or page changes', () => {
  const f = benchFrames();
  const [s0, s1] = [get(f, f.length - 2).state, get(f, f.length - 1).state];
  it('never says two changes read alike when their words differ', () => {
    fc.assert(
      fc.property(fc.oneof(ptePair, pagePair), ([x, c]) => {
        const px = toPart(x, s0, s1);
        // summarize asks only about a change that joined a run (its words are not empty).
        if (px === null || !continues(x, c, s1)) return;
        const pc = toPart(c, s0, s1);
        expect(pc?.text).toBe(px.text);
        expect(pc?.group).toBe(px.group);
        expect(pc?.key).toBe(px.key + 1);
      }),
      { numRuns: 5000 },
    );
  });
});
