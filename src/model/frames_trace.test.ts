import { describe, expect, it } from 'vitest';
import { getBuiltin } from '../scenarios/library/all';
import type { ScenarioStepInput } from './run';
import { checkpointScenario, runScenario } from './vmlinux';
import { withStepLabels } from './frames_trace';

const doc = getBuiltin('fork-cow-device-private');
if (!doc) throw new Error('no built-in fork-cow-device-private');
/** The same document with every step's labels rewritten: its note, and an id on every other one. */
const relabelled: readonly ScenarioStepInput[] = doc.steps.map((s, i) => ({
  ...s,
  note: `note ${i}`,
  ...(i % 2 === 0 ? { id: `s${i}` } : {}),
}));
const plain = <T extends object | undefined>(f: T) => (f ? { ...f } : f);

describe('withStepLabels (a document edited only in its labels runs the same)', () => {
  it('gives the frames and records a run of the relabelled document gives', () => {
    const full = runScenario({ ...doc, steps: relabelled });
    const t = withStepLabels(checkpointScenario(doc), relabelled);
    expect(t.length).toBe(full.length);
    full.forEach((f, i) => {
      expect(plain(t.frame(i))).toEqual(plain(f));
      expect(t.records[i]).toMatchObject({ index: i, op: f.op, note: f.note, id: f.id });
    });
    expect(t.frame(full.length)).toBeUndefined();
  });

  it('hands out one frame per frame (views compare frames by identity), and never stacks', () => {
    const base = checkpointScenario(doc);
    const once = withStepLabels(base, relabelled);
    expect(once.frame(3)).toBe(once.frame(3));
    const twice = withStepLabels(once, doc.steps);
    // Labelled back: the base's own labels, read from the base, not through `once`.
    expect(plain(twice.frame(3))).toEqual(plain(base.frame(3)));
    expect(twice.records.map((r) => r.note)).toEqual(base.records.map((r) => r.note));
    expect(twice.matchCalls((fn) => fn === 'copy_one_pte')).toEqual(
      base.matchCalls((fn) => fn === 'copy_one_pte'),
    );
  });

  it('refuses steps that do not match the frames', () => {
    expect(() => withStepLabels(checkpointScenario(doc), doc.steps.slice(1))).toThrow(RangeError);
  });
});
