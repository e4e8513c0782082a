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
        // A step that sleeps on a paused migration is asked about, and the answer is the sleep.
        if (frame.result?.waits) {
          expect(q.kind).toBe('outcome');
          expect(right?.label).toContain(
            frame.result.waits === 'mmap_sem' ? 'mmap_sem' : 'migration_entry_wait',
          );
        }
        const w = frame.result?.woken?.[0];
        if (w) expect(q.kind).toBe('woken');
        if (w?.result.values && !w.result.signal)
          expect(right?.label).toBe(`It returns [${w.result.values.join(', ')}]`);
        if (w?.result.signal) expect(right?.label).toContain(w.result.signal);
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

  // migrate_vma() paused after migrate_vma_unmap() (mm/migrate.c): the questions of the four
  // migration-in-flight built-ins, with the model's answers.
  const asked = (id: string, stepId: string) => {
    const trace = runScenario(getBuiltin(id) as never);
    const q = questionFor(
      trace,
      trace.findIndex((f) => f.id === stepId),
    );
    return { q, right: q?.choices.find((c) => c.id === q.answer)?.label };
  };

  it('asks what a load that meets a migration entry does: it sleeps (migration_entry_wait)', () => {
    const { q, right } = asked('migration-entry-wait', 'sleeps');
    expect(q?.prompt).toContain('Pid 1 loads one page at 0x10000000');
    expect(right).toBe('It sleeps on the migration entry (migration_entry_wait)');
  });

  it("asks what the woken load reads: v4.14's sleeper reference kept its page in RAM (10)", () => {
    const { q, right } = asked('migration-entry-wait', 'resume');
    expect(q?.kind).toBe('woken');
    expect(right).toBe('It returns [10]');
  });

  it("asks what a fork during the pause does: dup_mmap's down_write sleeps on mmap_sem", () => {
    const trace = runScenario(getBuiltin('migration-entry-fork') as never);
    const q = questionFor(trace, 9);
    expect(trace[9]?.op?.op).toBe('fork');
    expect(q?.choices.find((c) => c.id === q.answer)?.label).toBe(
      'It sleeps on mmap_sem, which the paused migration holds',
    );
  });

  it('asks what the woken load sees after munmap took its VMA away: SIGSEGV', () => {
    expect(asked('migration-entry-munmap', 'resume').right).toBe('The process gets SIGSEGV');
  });

  it('asks what a failed migration gives the sleeper: the old page, 7', () => {
    const { q, right } = asked('migration-fail-restores', 'fail');
    expect(q?.prompt).toContain('fails and is undone');
    expect(right).toBe('It returns [7]');
  });

  it('asks how many PTEs migrate_pause changes: none, it only arms the device', () => {
    const trace = runScenario(getBuiltin('migration-entry-wait') as never);
    const i = trace.findIndex((f) => f.op?.op === 'migrate_pause');
    const q = questionFor(trace, i);
    expect(q?.kind).toBe('ptecount');
    expect(q?.choices.find((c) => c.id === q.answer)?.label).toBe('0');
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
