import { describe, expect, it } from 'vitest';
import { runScenario } from '../model';
import { getBuiltin } from '../scenarios/library/all';
import { MAX_NOTE_FOR } from '../scenarios/schema';
import { checkNote, resultLine } from './staleNote';

describe('resultLine: one stable line per result', () => {
  it('names values, signals, livelocks and return codes', () => {
    expect(resultLine({ ret: 0, values: [10] })).toBe('ret 0, values [10]');
    expect(resultLine({ livelock: true, addr: '0x10000000' })).toBe('livelock, at 0x10000000');
    expect(resultLine({ signal: 'SIGBUS', values: [] })).toBe('SIGBUS, values []');
    expect(resultLine({ oom: true })).toBe('out of memory');
    expect(resultLine({ ret: -14, cpages: 0, faults: 1 })).toBe('ret -14, cpages 0, faults 1');
    expect(resultLine(null)).toBe('nothing');
  });

  it('names a sleep on a paused migration, the pause, and what each woken task did', () => {
    expect(resultLine({ waits: 'migration_entry', addr: '0x10000000', values: [] })).toBe(
      'sleeps on migration_entry, at 0x10000000, values []',
    );
    expect(resultLine({ waits: 'mmap_sem' })).toBe('sleeps on mmap_sem');
    expect(resultLine({ paused: 'after_unmap', cpages: 2 })).toBe('paused after_unmap, cpages 2');
    const woke = (values: number[]) => ({
      ret: -2,
      woken: [
        { op: 'read' as const, pid: 1, on: 'migration_entry' as const, result: { ret: 0, values } },
      ],
    });
    expect(resultLine(woke([10]))).toBe('ret -2, woke pid 1 read (ret 0, values [10])');
    expect(resultLine(woke([10]))).not.toBe(resultLine(woke([11])));
  });

  it('many woken tasks still fit the noteFor limit, and a change among them still shows', () => {
    const many = (last: number) => ({
      ret: 0,
      woken: Array.from({ length: 40 }, (_, i) => ({
        op: 'read' as const,
        pid: i + 1,
        on: 'migration_entry' as const,
        result: { ret: 0, values: [i === 39 ? last : i] },
      })),
    });
    expect(resultLine(many(1)).length).toBeLessThan(MAX_NOTE_FOR);
    expect(resultLine(many(1))).not.toBe(resultLine(many(2)));
  });

  it('a change deep inside a long list still changes the line', () => {
    const a = Array.from({ length: 64 }, (_, i) => i);
    const b = a.map((x) => (x === 60 ? 99 : x));
    expect(resultLine({ values: a })).not.toBe(resultLine({ values: b }));
    expect(resultLine({ values: a }).length).toBeLessThan(120);
  });
});

describe('checkNote', () => {
  it('no note: generated narration; a note without a record: nothing to compare', () => {
    expect(checkNote({}, { ret: 0 })).toEqual({ kind: 'generated' });
    expect(checkNote({ note: 'x' }, { ret: 0 })).toEqual({ kind: 'unrecorded' });
  });

  it('the default scenario’s read: current for its own result, stale once it livelocks', () => {
    const doc = getBuiltin('migrate-and-fault-back');
    if (doc === undefined) throw new Error('built-in missing');
    const frames = runScenario(doc);
    const read = frames[frames.length - 1];
    if (read === undefined) throw new Error('no frames');
    const noteFor = resultLine(read.result);
    expect(noteFor).toContain('values [10]');
    expect(checkNote({ note: 'The load returns 10', noteFor }, read.result)).toEqual({
      kind: 'current',
    });
    expect(checkNote({ note: 'The load returns 10', noteFor }, { livelock: true })).toEqual({
      kind: 'stale',
      was: noteFor,
      now: 'livelock',
    });
  });
});
