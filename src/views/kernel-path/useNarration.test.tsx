// @vitest-environment happy-dom
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../model';
import { parseScenarioValue } from '../../scenarios';
import { generatedNote } from '../../lesson/generatedNote';
import type { Frame } from '../../store/model';
import { BULK_TOUCHES, loadGenerator, useNarration } from './useNarration';

const at = (f: readonly Frame[], i: number): Frame => {
  const x = f[i];
  if (!x) throw new Error(`no frame ${i}`);
  return x;
};
const touches = (f: Frame) => f.touched.ptes.length + f.touched.pfns.length;

describe('useNarration', () => {
  // spawn, mmap and write `pages` pages: the write is the step asked about.
  const writeOf = (pages: number): Frame[] => {
    const parsed = parseScenarioValue({
      schema: 'hmm-scenario/1',
      era: 'v4.14',
      title: 'A write',
      machine: { ramPages: 8192, physBits: 46 },
      steps: [
        { op: 'spawn', pid: 1 },
        {
          op: 'mmap',
          pid: 1,
          addr: '0x10000000',
          npages: pages,
          prot: 'rw',
          flags: ['private', 'anonymous'],
        },
        { op: 'write', pid: 1, addr: '0x10000000', npages: pages, value: 7 },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.error);
    return runScenario(parsed.scenario);
  };

  it('loads the generator the first time a step without a note is shown, then narrates it', async () => {
    const f = writeOf(4);
    const [prev, frame] = [at(f, 2), at(f, 3)];
    const { result } = renderHook(() => useNarration(frame, prev, ''));
    expect(result.current.text).toBeNull();
    await waitFor(() => {
      expect(result.current.text).toBe(generatedNote(prev, frame));
    });
  });

  it('narrates an ordinary step in the step’s own render', async () => {
    await loadGenerator();
    const f = writeOf(4);
    const [prev, frame] = [at(f, 2), at(f, 3)];
    expect(touches(frame)).toBeLessThanOrEqual(BULK_TOUCHES);
    const { result } = renderHook(() => useNarration(frame, prev, ''));
    expect(result.current).toEqual({ text: generatedNote(prev, frame), generated: true });
  });

  it('narrates a bulk step one render late, with the same words, and at once when it comes back', async () => {
    const f = writeOf(BULK_TOUCHES / 2 + 1);
    const [prev, frame] = [at(f, 2), at(f, 3)];
    expect(touches(frame)).toBeGreaterThan(BULK_TOUCHES);
    const texts: (string | null)[] = [];
    const { result, rerender } = renderHook(
      ({ fr, pv }: { fr: Frame; pv: Frame }) => {
        const n = useNarration(fr, pv, '');
        if (fr === frame) texts.push(n.text);
        return n;
      },
      { initialProps: { fr: at(f, 1), pv: at(f, 0) } },
    );
    rerender({ fr: frame, pv: prev });
    const words = generatedNote(prev, frame);
    // The render that shows the step has no words yet; the deferred one brings them.
    expect(texts[0]).toBeNull();
    await waitFor(() => {
      expect(result.current.text).toBe(words);
    });
    expect(words).toMatch(/2,049 PTEs from 0x10000000 of pid 1 go from none/);
    // Back and forth: a bulk step already narrated is narrated in the step's own render.
    rerender({ fr: at(f, 1), pv: at(f, 0) });
    rerender({ fr: frame, pv: prev });
    expect(result.current.text).toBe(words);
  });
});
