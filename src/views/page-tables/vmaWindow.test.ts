import { describe, expect, it } from 'vitest';
import { asVpn, type Vma } from '../../model';
import { clampOffset, followOffset, vmaFlags, windowSize } from './vmaWindow';

const vma: Vma = {
  start: asVpn(1000),
  end: asVpn(1000 + 1000),
  prot: 'rw',
  shared: false,
  anonymous: true,
  file: null,
  pgoff: 0,
  anonVma: false,
};

describe('windowSize', () => {
  it('splits the mark budget over the VMAs, within bounds', () => {
    expect(windowSize(1)).toBe(64);
    expect(windowSize(10)).toBe(38);
    expect(windowSize(1000)).toBe(16);
  });
});

describe('clampOffset / followOffset', () => {
  it('keeps windows aligned and inside the VMA', () => {
    expect(clampOffset(vma, 130, 64)).toBe(128);
    expect(clampOffset(vma, 5000, 64)).toBe(960);
    expect(clampOffset(vma, -3, 64)).toBe(0);
  });
  it('moves the window only when the page is outside it', () => {
    expect(followOffset(vma, 0, 64, 1010)).toBe(0);
    expect(followOffset(vma, 0, 64, 1000 + 200)).toBe(192);
    expect(followOffset(vma, 64, 64, 5)).toBe(64);
  });
});

describe('vmaFlags', () => {
  it('reads like /proc/pid/maps', () => {
    expect(vmaFlags(vma)).toEqual({
      perms: 'rw-p',
      words: ['private', 'anonymous', 'COW', 'no anon_vma'],
    });
    expect(vmaFlags({ ...vma, prot: 'r', shared: true }).perms).toBe('r--s');
  });
});
