import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Page, Pte } from '../../model';
import { processOf, runScenario, tableOf, tableRange } from '../../model';
import { parseScenarioValue } from '../../scenarios';
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

describe('pteBundles without the rows drawn on their own (skip)', () => {
  it('equal a plain scan of the range without the skipped keys, some of them unmapped', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.nat(70_000), fc.nat(600_000)), {
          selector: ([vpn]) => vpn,
          maxLength: 300,
          size: 'medium',
        }),
        fc.nat(70_000),
        fc.nat(70_000),
        fc.uniqueArray(fc.nat(70_000), { maxLength: 40, size: 'medium' }),
        (rows, a, b, extra) => {
          const t = tableOf<Pte>(
            rows.map(([vpn, pfn]) => [
              vpn,
              { kind: 'present', pfn, write: true, zero: false } as Pte,
            ]),
          );
          const [from, to] = a <= b ? [a, b + 1] : [b, a + 1];
          // Mapped keys (what a run breaks out: changes, the selection) and any others.
          const skip = [...new Set([...rows.slice(0, 20).map(([v]) => v), ...extra])].sort(
            (x, y) => x - y,
          );
          const left = new Set(skip);
          const want = scanBundles(
            tableRange(t, from, to).filter(([vpn]) => !left.has(vpn)),
            262_144,
          );
          expect(plain(pteBundles(t, from, to, 262_144, skip))).toEqual(plain(want));
          // The whole range's cached answer is not changed by a query that skips.
          expect(plain(pteBundles(t, from, to, 262_144))).toEqual(
            plain(scanBundles(tableRange(t, from, to), 262_144)),
          );
        },
      ),
      { numRuns: 200 },
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

describe('pteBundles along a trace (parts of nodes cached by identity)', () => {
  it('equal a plain scan at every frame for ranges that cut nodes at every level', () => {
    const base = 0x10000000;
    const at = (page: number) => `0x${(base + page * 4096).toString(16)}`;
    const steps: unknown[] = [
      { op: 'device_add', device: 'dmirror0', type: 'private' },
      { op: 'spawn', pid: 1 },
      {
        op: 'mmap',
        pid: 1,
        addr: at(0),
        npages: 9000,
        prot: 'rw',
        flags: ['private', 'anonymous'],
      },
      { op: 'write', pid: 1, addr: at(0), npages: 9000, value: 1 },
    ];
    for (let i = 0; i < 12; i++) {
      const page = (i * 2311) % 8990;
      steps.push(
        i % 2 === 0
          ? { op: 'dmirror_migrate_to_dev', device: 'dmirror0', pid: 1, addr: at(page), npages: 5 }
          : { op: 'read', pid: 1, addr: at((page + 4600) % 8990), npages: 1 },
      );
    }
    const parsed = parseScenarioValue(
      { schema: 'hmm-scenario/1', era: 'v4.14', machine: { ramPages: 16384 }, steps },
      { unbounded: true },
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const frames = runScenario(parsed.scenario);
    const vpn0 = base / 4096;
    let checked = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(9100), fc.nat(9100)), { minLength: 1, maxLength: 6 }),
        (cuts) => {
          // The same ranges at every frame, in order: unchanged nodes answer from the cache.
          for (const f of frames) {
            const ptes = processOf(f.state, 1)?.ptes;
            if (!ptes) continue;
            checked += 1;
            for (const [a, b] of cuts) {
              const [from, to] = a <= b ? [vpn0 + a, vpn0 + b + 1] : [vpn0 + b, vpn0 + a + 1];
              const want = scanBundles(tableRange(ptes, from, to), 16384);
              expect(plain(pteBundles(ptes, from, to, 16384))).toEqual(plain(want));
            }
          }
        },
      ),
      { numRuns: 25 },
    );
    expect(checked).toBeGreaterThan(25 * 12);
  });
});
