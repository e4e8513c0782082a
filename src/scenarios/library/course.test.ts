import { describe, expect, it } from 'vitest';
import { COURSE, courseOf } from './course';
import { builtinScenarios } from './all';

describe('the course', () => {
  it('lists every built-in once, in the course order', () => {
    const sections = courseOf(builtinScenarios);
    const ids = sections.flatMap((s) => s.entries.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(builtinScenarios.map((s) => s.id).sort());
    expect(sections.map((s) => s.id).slice(0, 7)).toEqual([
      'start',
      'device-private',
      'fork',
      'hotplug',
      'public',
      'failures',
      'selftests',
    ]);
    expect(sections[0]?.entries[0]?.id).toBe('migrate-and-fault-back');
  });

  it('names only built-ins, each with a one-line "you will see"', () => {
    const known = new Set(builtinScenarios.map((s) => s.id));
    for (const g of COURSE)
      for (const i of g.items) {
        expect(known.has(i.id), i.id).toBe(true);
        expect(i.see.length).toBeLessThan(100);
      }
  });

  it('puts a built-in it does not list at the end rather than hiding it', () => {
    const extra = { ...builtinScenarios[0], id: 'v6-new-thing' } as (typeof builtinScenarios)[0];
    const sections = courseOf([...builtinScenarios, extra]);
    expect(sections.at(-1)?.entries.map((e) => e.id)).toEqual(['v6-new-thing']);
  });
});
