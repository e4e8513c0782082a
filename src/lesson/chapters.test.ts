import { describe, expect, it } from 'vitest';
import { runScenario } from '../model';
import { getBuiltin } from '../scenarios/library/all';
import { parseScenarioValue } from '../scenarios/parse';
import { chapterIndexAt, chapterRanges } from './chapters';

describe('chapters', () => {
  it('turn starts into ranges, in order, dropping chapters past the end', () => {
    const r = chapterRanges(
      [
        { title: 'b', from: 4 },
        { title: 'a', from: 1 },
        { title: 'gone', from: 20 },
      ],
      7,
    );
    expect(r).toEqual([
      { title: 'a', from: 1, to: 3 },
      { title: 'b', from: 4, to: 6 },
    ]);
    expect(chapterIndexAt(r, 0)).toBe(-1);
    expect(chapterIndexAt(r, 3)).toBe(0);
    expect(chapterIndexAt(r, 6)).toBe(1);
  });

  it('the fork lesson has chapters covering every step, the livelock in its own', () => {
    const s = getBuiltin('fork-cow-device-private');
    if (!s) throw new Error('missing');
    const trace = runScenario(s);
    const r = chapterRanges(s.chapters, trace.length);
    expect(r.length).toBeGreaterThanOrEqual(3);
    expect(r[0]?.from).toBe(1);
    expect(r.at(-1)?.to).toBe(trace.length - 1);
    const livelock = trace.findIndex((f) => f.id === 'livelock');
    expect(r[chapterIndexAt(r, livelock)]?.title).toMatch(/livelock/i);
  });

  it('are part of the scenario schema, and checked there', () => {
    const doc = { schema: 'hmm-scenario/1', steps: [{ op: 'spawn', pid: 1 }] };
    expect(parseScenarioValue({ ...doc, chapters: [{ title: 'x', from: 1 }] }).ok).toBe(true);
    expect(parseScenarioValue({ ...doc, chapters: [{ title: 'x', from: 0 }] }).ok).toBe(false);
    expect(parseScenarioValue({ ...doc, chapters: [{ title: 'x' }] }).ok).toBe(false);
  });
});
