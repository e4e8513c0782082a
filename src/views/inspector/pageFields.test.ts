import { describe, expect, it } from 'vitest';
import { page } from '../../test/fixtures';
import { changedFields, pageFields } from './pageFields';

describe('pageFields', () => {
  it('shows struct page in kernel terms', () => {
    const f = pageFields(page(0x3ffff0000, { locked: true }), false);
    const by = Object.fromEntries(f.map((x) => [x.key, x.value]));
    expect(by).toMatchObject({
      pfn: '0x3ffff0000',
      memory: 'ZONE_DEVICE device-private',
      device: 'dmirror0',
      refcount: '2',
      flags: 'PG_locked',
      mapping: 'anon_vma (PAGE_MAPPING_ANON)',
    });
  });
  it('marks the fields a step changed', () => {
    const a = pageFields(page(16, { refcount: 1 }), false);
    const b = pageFields(page(16, { refcount: 2, mapcount: 2 }), false);
    expect([...changedFields(b, a)]).toEqual(['refcount', 'mapcount']);
    expect(changedFields(b, null).size).toBe(0);
  });
});
