import { describe, expect, it } from 'vitest';
import { gridBlocks } from './exportGrid';

describe('gridBlocks: the whole frame grid of an export', () => {
  it('merges touching ranges, keeps a device chunk apart, and fits each block to 128 rows', () => {
    const blocks = gridBlocks([
      { start: 0, end: 1, base: 'reserved' },
      { start: 1, end: 4095, base: 'ram' },
      { start: 4095, end: 4096, base: 'reserved' },
      { start: 0x3ffff0000, end: 0x3ffff0000 + 65536, base: 'device' },
    ]);
    expect(blocks.map((b) => [b.start, b.end, b.k, b.rows])).toEqual([
      [0, 4096, 1, 32],
      [0x3ffff0000, 0x3ffff0000 + 65536, 4, 128],
    ]);
    expect(blocks[0]?.label).toBe('RAM: pfn 0x0–0xfff (4096 pages) · 1 cell = 1 page');
    expect(blocks[1]?.label).toContain('device memory: pfn 0x3ffff0000–0x3ffffffff (65536 pages)');
    // Every page has a cell: cells × pages per cell cover the block.
    for (const b of blocks) expect(b.rows * 128 * b.k).toBeGreaterThanOrEqual(b.end - b.start);
  });
});
