import { describe, expect, it } from 'vitest';
import type { Frame } from '../model';
import { runScenario } from '../model';
import { builtinScenarios, getBuiltin } from '../scenarios/library/all';
import { chainText, kernelChain } from './chain';
import { opWords, outcomeWords, plainSummary } from './narrate';
import { generatedNote } from './generatedNote';

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
        if (r?.values && !r.livelock && !r.signal && !r.oom && !r.waits && (r.ret ?? 0) >= 0)
          expect(note).toContain(`[${r.values.join(', ')}]`);
        // A task asleep on a paused migration is said to sleep, and on what; its wake is told.
        if (r?.waits)
          expect(note).toContain(
            r.waits === 'mmap_sem' ? 'sleeps on mmap_sem' : 'sleeps in migration_entry_wait',
          );
        if (r?.waits) expect(plain).toContain('has to wait');
        for (const w of r?.woken ?? []) expect(note).toContain(`Then pid ${w.pid}'s ${w.op} wakes`);
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

describe('narration of a bulk access', () => {
  // The map bench's 65,536-page write: its values once made a 196,738-character paragraph.
  const values = new Array<number>(65_536).fill(7);
  it('summarises a bulk store and a bulk load instead of listing every value', () => {
    const op = { op: 'write', pid: 1, addr: 0x10000000, npages: 65_536, values } as const;
    expect(opWords(op as never)).toBe(
      'pid 1 stores 65,536 values (all 7) into 65,536 pages at 0x10000000',
    );
    expect(outcomeWords({ values })).toBe('the load returns 65,536 values (all 7)');
  });
  it('still lists the values of a small access in full', () => {
    expect(outcomeWords({ values: [10, 11] })).toBe('the load returns [10, 11]');
  });
});

describe('narration of a migration in flight', () => {
  // migrate_vma() (mm/migrate.c) stopped after migrate_vma_unmap(): a load meets the migration
  // entry (do_swap_page → migration_entry_wait) and the resume wakes it.
  it('tells the sleep on the migration entry and what the woken load read', () => {
    const trace = runScenario(getBuiltin('migration-entry-wait') as never);
    const sleeps = trace.findIndex((f) => f.id === 'sleeps');
    const resume = trace.findIndex((f) => f.id === 'resume');
    const note = generatedNote(trace[sleeps - 1] as Frame, trace[sleeps] as Frame);
    expect(note).toContain(
      'It sleeps in migration_entry_wait on the migration entry at 0x10000000.',
    );
    expect(note).not.toContain('The load returns');
    expect(generatedNote(trace[resume - 1] as Frame, trace[resume] as Frame)).toContain(
      "Then pid 1's read wakes from the migration entry at 0x10000000: the load returns [10].",
    );
  });

  it('says a paused migration stopped halfway, and that a device request waits, not the process', () => {
    const trace = runScenario(getBuiltin('migration-fail-restores') as never);
    const paused = trace.findIndex((f) => f.id === 'paused');
    const dev = trace.findIndex((f) => f.id === 'device-sleeps');
    expect(plainSummary(trace[paused - 1] as Frame, trace[paused] as Frame)).toMatch(
      /stops halfway/,
    );
    expect(plainSummary(trace[dev - 1] as Frame, trace[dev] as Frame)).toBe(
      "Device dmirror1's request has to wait: the page it touched is in the middle of a move.",
    );
  });

  it('does not call a resumed migration refused when only its read-back failed', () => {
    const trace = runScenario(getBuiltin('migration-entry-wait') as never);
    const resume = trace.findIndex((f) => f.id === 'resume');
    expect(trace[resume]?.result?.ret).toBeLessThan(0);
    expect(plainSummary(trace[resume - 1] as Frame, trace[resume] as Frame)).not.toMatch(/refused/);
  });
});

describe('plainSummary of mprotect', () => {
  it('names PROT_EXEC as run permission', () => {
    const trace = runScenario(getBuiltin('mprotect-exec-loses-write') as never);
    const i = trace.findIndex((f) => f.op?.op === 'mprotect' && f.op.prot === 'rwx');
    expect(i).toBeGreaterThan(0);
    expect(plainSummary(trace[i - 1] as Frame, trace[i] as Frame)).toContain(
      '(read, write and run)',
    );
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
