import { describe, expect, it } from 'vitest';
import { processOf, runScenario, tableGet } from '../model';
import { builtinScenarios, getBuiltin } from '../scenarios/library/all';
import { pteWords } from './diff';
import { questionFor, questionsOf } from './predict';

describe('questionFor on every built-in', () => {
  for (const s of builtinScenarios) {
    it(`${s.id}: one well-formed question per step, answered by the model`, () => {
      const trace = runScenario(s);
      for (let i = 1; i < trace.length; i++) {
        const q = questionFor(trace, i);
        const frame = trace[i];
        if (!q || !frame) throw new Error(`step ${i} of ${s.id} has no question`);
        expect(q.step).toBe(i);
        expect(q.choices.length).toBeGreaterThanOrEqual(3);
        const labels = q.choices.map((c) => c.label);
        expect(new Set(labels).size).toBe(labels.length);
        const right = q.choices.find((c) => c.id === q.answer);
        expect(right, `${s.id} step ${i}: answer among the choices`).toBeDefined();
        expect(q.explanation.length).toBeGreaterThan(10);
        // The right answer is what the model did.
        if (q.kind === 'pte' && q.focus?.kind === 'pte') {
          const proc = processOf(frame.state, q.focus.pid);
          const pte = proc ? tableGet(proc.ptes, q.focus.vpn) : undefined;
          expect(right?.label).toBe(pteWords(pte));
        }
        if (q.kind === 'value') expect(right?.label).toBe(`[${frame.result?.values?.join(', ')}]`);
        if (q.kind === 'outcome' && frame.result?.livelock)
          expect(right?.label).toMatch(/livelock/);
        if (q.kind === 'outcome' && frame.result?.signal)
          expect(right?.label).toContain(frame.result.signal);
        // Deterministic: the same trace asks the same question.
        expect(questionFor(trace, i)).toEqual(q);
      }
    });
  }
});

describe('questionFor', () => {
  it('asks about the livelock of the fork lesson, with the right answer', () => {
    const trace = runScenario(getBuiltin('fork-cow-device-private') as never);
    const i = trace.findIndex((f) => f.id === 'livelock');
    const q = questionFor(trace, i);
    expect(q?.kind).toBe('outcome');
    expect(q?.choices.find((c) => c.id === q.answer)?.label).toMatch(/livelock/);
  });

  it('asks which core function calls the driver callback, and names hmm_devmem_fault', () => {
    const trace = runScenario(getBuiltin('fork-cow-device-private') as never);
    const i = trace.findIndex((f) => f.id === 'recover');
    const q = questionFor(trace, i);
    expect(q?.kind).toBe('callback');
    expect(q?.choices.find((c) => c.id === q.answer)?.label).toBe('hmm_devmem_fault');
  });

  it('asks nothing before the first step or past the end', () => {
    const trace = runScenario(getBuiltin('migrate-and-fault-back') as never);
    expect(questionFor(trace, 0)).toBeNull();
    expect(questionFor(trace, trace.length)).toBeNull();
    expect(questionsOf(trace)).toHaveLength(trace.length - 1);
  });

  it('works on a custom scenario: a fork after the migration makes the parent livelock', () => {
    const base = getBuiltin('migrate-and-fault-back');
    if (!base) throw new Error('missing');
    const steps = [...base.steps];
    steps.splice(5, 0, { op: 'fork', pid: 1, child: 2 });
    const trace = runScenario({ ...base, steps });
    const q = questionFor(trace, 7);
    expect(q?.kind).toBe('outcome');
    expect(q?.choices.find((c) => c.id === q.answer)?.label).toMatch(/livelock/);
  });
});
