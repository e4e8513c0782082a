import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { A, last, run, setup, toDev } from '../test/modelKit';
import { VALUES_LISTED, addrToVpn, asPid, asVpn, pteKey, thousands, valueList } from './ids';

describe('pteKey', () => {
  it('gives equal PTEs equal keys and different PTEs different keys', () => {
    const id = fc.tuple(fc.nat({ max: 1 << 22 }), fc.nat({ max: 2 ** 36 }));
    fc.assert(
      fc.property(id, id, ([p1, v1], [p2, v2]) => {
        const same = p1 === p2 && v1 === v2;
        expect(pteKey(asPid(p1), asVpn(v1)) === pteKey(asPid(p2), asVpn(v2))).toBe(same);
      }),
    );
  });
});

describe('Touched.ptes (step)', () => {
  it('lists each PTE the step wrote once, as branded pid and vpn, in the order first written', () => {
    // migrate_vma writes each PTE twice (migration entry, then the device-private entry).
    const f = last(run([...setup(2), toDev(2)]));
    expect(f.touched.ptes).toEqual([
      { pid: 1, vpn: addrToVpn(A) },
      { pid: 1, vpn: addrToVpn(A) + 1 },
    ]);
  });
});

describe('thousands', () => {
  it('prints any whole count as toLocaleString("en-US") does (fast-check, size medium)', () => {
    const count = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(fc.array(count, { size: 'medium', maxLength: 50 }), (ns) => {
        for (const n of ns) expect(thousands(n)).toBe(n.toLocaleString('en-US'));
      }),
      { numRuns: 200 },
    );
  });

  it('groups at every length, rounds a fraction to three digits, and keeps the sign', () => {
    expect([0, 7, 999, 1000, 65_536, 262_144, 1_048_576, 12_345_678_901].map(thousands)).toEqual([
      '0',
      '7',
      '999',
      '1,000',
      '65,536',
      '262,144',
      '1,048,576',
      '12,345,678,901',
    ]);
    expect(thousands(1234.5)).toBe('1,234.5');
    expect(thousands(0.25)).toBe('0.25');
    expect(thousands(2 / 3)).toBe('0.667');
    expect(thousands(-65_536)).toBe('-65,536');
    for (const n of [1234.5, 0.25, 2 / 3, 1e21, Infinity, NaN])
      expect(thousands(n)).toBe(n.toLocaleString('en-US'));
  });
});

describe('valueList', () => {
  it('lists a few values in full, and summarises a bulk access in a line of bounded length', () => {
    expect(valueList([7])).toBe('[7]');
    expect(valueList([1, 2, 3])).toBe('[1, 2, 3]');
    expect(valueList(Array.from({ length: VALUES_LISTED }, (_, i) => i))).toBe(
      '[0, 1, 2, 3, 4, 5, 6, 7]',
    );
    expect(valueList(new Array<number>(65_536).fill(7))).toBe('65,536 values (all 7)');
    expect(valueList(Array.from({ length: 65_536 }, (_, i) => i + 1))).toBe(
      '65,536 values [1, 2, 3, 4, …, 65536]',
    );
  });

  it('names every value of a short list and never grows past a few values (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e9, max: 1e9 }), { maxLength: 300, size: 'medium' }),
        (vs) => {
          const text = valueList(vs);
          if (vs.length <= VALUES_LISTED) expect(text).toBe(`[${vs.join(', ')}]`);
          else {
            expect(text.startsWith(`${thousands(vs.length)} values`)).toBe(true);
            expect(text.length).toBeLessThan(100);
          }
        },
      ),
    );
  });
});
