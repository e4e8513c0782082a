import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedLists } from './packed';

const lists = fc.array(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }), {
  size: 'medium',
});

describe('PackedLists (a trace keeps a list per step in one typed array)', () => {
  it('hands over the lists from any point to another side exactly, in one copy (fast-check, size medium)', () => {
    fc.assert(
      fc.property(lists, fc.nat(), (all, cut) => {
        const from = cut % (all.length + 1);
        const sender = new PackedLists(new Uint16Array(4));
        for (const l of all) sender.push(l);
        // The receiver holds the lists before `from`, and grows from a tiny array.
        const receiver = new PackedLists(new Uint16Array(1));
        for (const l of all.slice(0, from)) receiver.push(l);
        receiver.add(sender.since(from));
        expect(receiver.length).toBe(all.length);
        all.forEach((l, i) => {
          expect(Array.from(receiver.get(i))).toEqual(l);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a chunk with fewer values than its counts', () => {
    const p = new PackedLists(new Float64Array(8));
    expect(() => {
      p.add({ counts: [2, 1], values: [1, 2] });
    }).toThrow(RangeError);
    // Values past the counted ones are not lists.
    p.add({ counts: [1, 1], values: [7, 8, 9] });
    expect([p.length, Array.from(p.get(1))]).toEqual([2, [8]]);
  });
});
