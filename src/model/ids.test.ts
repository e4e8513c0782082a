import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { A, last, run, setup, toDev } from '../test/modelKit';
import { addrToVpn, asPid, asVpn, pteKey } from './ids';

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
