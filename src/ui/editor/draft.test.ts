import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { savedAtLabel } from './draft';

const at = (y: number, m: number, d: number, h: number, min: number): number =>
  new Date(y, m, d, h, min).getTime();

describe('savedAtLabel', () => {
  it('says only the time for a draft saved today, the day and month before that', () => {
    const now = at(2026, 11, 1, 23, 40);
    expect(savedAtLabel(at(2026, 11, 1, 9, 5), now)).toBe('09:05');
    expect(savedAtLabel(at(2026, 11, 1, 0, 0), now)).toBe('00:00');
    expect(savedAtLabel(at(2026, 10, 30, 23, 59), now)).toBe('30 Nov 23:59');
    expect(savedAtLabel(at(2026, 2, 3, 10, 32), now)).toBe('3 Mar 10:32');
    expect(savedAtLabel(at(2025, 8, 14, 12, 1), now)).toBe('14 Sep 12:01');
  });

  it('prints the time as en-GB Intl.DateTimeFormat does, at any moment (fast-check, size medium)', () => {
    const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
    const moment = fc.integer({ min: 0, max: 4_102_444_800_000 });
    fc.assert(
      fc.property(fc.array(moment, { size: 'medium', maxLength: 40 }), (ms) => {
        for (const t of ms) expect(savedAtLabel(t, t)).toBe(time.format(new Date(t)));
      }),
      { numRuns: 100 },
    );
  });
});
