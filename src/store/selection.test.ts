import { describe, expect, it } from 'vitest';
import { asDeviceId, asPfn, asPid, asVpn, pteKey } from '../model';
import { DEV, DEV_FIRST, smallTrace, VMA_START } from '../test/fixtures';
import { linkedTo, sameSelection } from './selection';

const state = smallTrace()[2]?.state;

describe('linkedTo', () => {
  it('links a PTE to its page, its device and every PTE mapping that page', () => {
    const l = linkedTo(state, { kind: 'pte', pid: asPid(1), vpn: asVpn(VMA_START) });
    expect(l.pfn).toBe(DEV_FIRST);
    expect(l.device).toBe(DEV);
    expect([...l.ptes]).toEqual([pteKey(asPid(1), asVpn(VMA_START))]);
  });
  it('links a page back to the PTEs of its rmap', () => {
    const l = linkedTo(state, { kind: 'page', pfn: asPfn(DEV_FIRST) });
    expect([...l.ptes]).toEqual([pteKey(asPid(1), asVpn(VMA_START))]);
  });
  it('links an empty PTE to nothing but itself', () => {
    const l = linkedTo(state, { kind: 'pte', pid: asPid(1), vpn: asVpn(VMA_START + 1) });
    expect(l.pfn).toBeNull();
    expect(l.ptes.size).toBe(1);
  });
  it('links nothing without a selection', () => {
    expect(linkedTo(state, null).pfn).toBeNull();
    expect(linkedTo(state, { kind: 'device', device: asDeviceId('x') }).device).toBe('x');
  });
});

describe('sameSelection', () => {
  it('compares by identity of what is named', () => {
    expect(sameSelection({ kind: 'page', pfn: asPfn(1) }, { kind: 'page', pfn: asPfn(1) })).toBe(
      true,
    );
    expect(sameSelection({ kind: 'page', pfn: asPfn(1) }, null)).toBe(false);
    expect(sameSelection(null, null)).toBe(true);
  });
});
