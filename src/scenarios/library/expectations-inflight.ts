/**
 * Expected results of the migration-in-flight built-ins (v4.14), step by step: what the paused
 * migration returns, who sleeps on it, and what each sleeper does when it wakes (`woken`).
 */
import { Errno } from '../../model/ops';
import type { StepResult, WokenResult } from '../../model/ops';
import type { ScenarioExpectation, StepExpectation } from './expect';
import { ok, cpu, cmd } from './expect';

const { ENOENT } = Errno;

/** A migration stopped by migrate_pause after its unmap stage, with cpages pages in flight. */
const paused = (cpages: number): StepExpectation => ({
  result: { paused: 'after_unmap', cpages },
});
/** An op asleep on a migration entry (at addr) or on mmap_sem. */
const sleeps = (
  on: 'migration_entry' | 'mmap_sem',
  more: Partial<StepResult> = {},
): StepExpectation => ({ result: { waits: on, ...more } });
/** The step that finishes the migration: the ioctl's result, then who woke and what they did. */
const resumes = (ret: number, cpages: number, woken: WokenResult[]): StepExpectation => ({
  result: { ret, cpages, faults: 0, woken },
});

const A = '0x10000000';

export const inflightExpectations: Readonly<Record<string, ScenarioExpectation>> = {
  'migration-entry-wait': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      ok,
      paused(2),
      cmd(0, 2, 0, { bytes: [0, 0] }),
      sleeps('migration_entry', { addr: A, values: [] }),
      resumes(-ENOENT, 0, [
        { op: 'read', pid: 1, on: 'migration_entry', addr: A, result: { ret: 0, values: [10] } },
      ]),
      cpu([10, 11]),
    ],
  },
  'migration-entry-munmap': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      ok,
      ok,
      paused(2),
      sleeps('migration_entry', { addr: A, values: [] }),
      ok,
      ok,
      sleeps('mmap_sem'),
      resumes(-ENOENT, 0, [
        {
          op: 'read',
          pid: 2,
          on: 'migration_entry',
          addr: A,
          result: { signal: 'SIGSEGV', addr: A, values: [] },
        },
        { op: 'munmap', pid: 1, on: 'mmap_sem', result: { ret: 0 } },
      ]),
    ],
  },
  'migration-entry-fork': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      ok,
      ok,
      paused(1),
      ok,
      sleeps('mmap_sem'),
      resumes(0, 1, [{ op: 'fork', pid: 1, on: 'mmap_sem', result: { ret: 0 } }]),
      cmd(0, 1, 0, { bytes: [0x21] }),
    ],
  },
  'migration-fail-restores': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      ok,
      ok,
      paused(2),
      sleeps('migration_entry', { addr: A, values: [] }),
      sleeps('migration_entry', { addr: '0x10001000', cpages: 0, faults: 0, values: [] }),
      cmd(0, 2, 0, { bytes: [0, 0] }),
      resumes(-ENOENT, 0, [
        { op: 'read', pid: 1, on: 'migration_entry', addr: A, result: { ret: 0, values: [7] } },
        {
          op: 'dmirror_read',
          pid: 1,
          on: 'migration_entry',
          addr: '0x10001000',
          result: { ret: 0, cpages: 1, faults: 1, values: [8] },
        },
      ]),
      cpu([7, 8]),
    ],
  },
};
