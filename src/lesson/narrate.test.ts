import { describe, expect, it } from 'vitest';
import type { Frame } from '../model';
import { runScenario } from '../model';
import { builtinScenarios, getBuiltin } from '../scenarios/library/all';
import { chainText, kernelChain } from './chain';
import { generatedNote, plainSummary } from './narrate';

const JARGON = /\b(refcount|mapcount|PTE|pfn|migrate_vma|do_swap_page|rmap|VMA)\b/;

describe('generated narration and plain summaries on every built-in', () => {
  for (const s of builtinScenarios) {
    it(s.id, () => {
      const trace = runScenario(s);
      for (let i = 1; i < trace.length; i++) {
        const prev = trace[i - 1] as Frame;
        const frame = trace[i] as Frame;
        const note = generatedNote(prev, frame);
        const plain = plainSummary(prev, frame);
        expect(note).toMatch(/\.$/);
        expect(plain).toMatch(/\.$/);
        expect(plain, `${s.id} step ${i}: plain words`).not.toMatch(JARGON);
        // The generated note tells the outcome the model computed.
        const r = frame.result;
        if (r?.livelock) expect(note).toMatch(/livelock/);
        if (r?.signal) expect(note).toContain(r.signal);
        if (r?.values && !r.livelock && !r.signal && !r.oom && (r.ret ?? 0) >= 0)
          expect(note).toContain(`[${r.values.join(', ')}]`);
        if (r?.ret !== undefined && r.ret < 0 && !r.signal && !r.livelock && !r.oom)
          expect(note).toContain(String(r.ret));
        if (frame.events.length > 0) expect(note).toContain('The kernel runs');
      }
    });
  }
});

describe('generatedNote', () => {
  it('names the PTE change and the load result of the default fault-back step', () => {
    const trace = runScenario(getBuiltin('migrate-and-fault-back') as never);
    const note = generatedNote(trace[5] as Frame, trace[6] as Frame);
    expect(note).toContain(
      'The PTE at 0x10000000 of pid 1 goes from device-private swap entry, writable to present, read-only.',
    );
    expect(note).toContain('The load returns [10].');
    expect(plainSummary(trace[5] as Frame, trace[6] as Frame)).toMatch(/back to main memory/);
  });
});

describe('kernelChain', () => {
  it('gives the chain that matters of a device-private fault', () => {
    const trace = runScenario(getBuiltin('migrate-and-fault-back') as never);
    expect(chainText((trace[6] as Frame).events, 5)).toMatch(
      /^handle_mm_fault → do_swap_page → device_private_entry_fault → hmm_devmem_fault → dmirror_devmem_fault → … \(\d+ more\)$/,
    );
    const { links } = kernelChain((trace[6] as Frame).events);
    expect(links.find((l) => l.fn === 'dmirror_devmem_fault')?.driver).toBe(true);
    expect(links.map((l) => l.fn)).not.toContain('get_page');
    expect(links.map((l) => l.fn)).not.toContain('migrate_vma_collect');
  });

  it('is empty for a step that ran nothing', () => {
    expect(chainText([])).toBe('');
  });
});
