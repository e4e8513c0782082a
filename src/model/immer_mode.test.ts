import { describe, expect, it } from 'vitest';
import { createKernel } from './boot';
import { step } from './vmlinux';
import { tableGet } from './table';
import { processOf } from './query';

describe('test-mode freeze (immer auto-freeze stays on in unit tests)', () => {
  it('a finished step state throws when mutated, deep in its tables', () => {
    let s = createKernel({ ramPages: 1024 });
    s = step(s, { op: 'spawn', pid: 1 }).state;
    s = step(s, {
      op: 'mmap',
      pid: 1,
      addr: 0x10000000,
      npages: 2,
      prot: 'rw',
      flags: ['private', 'anonymous'],
    }).state;
    s = step(s, { op: 'write', pid: 1, addr: 0x10000000, npages: 1, values: [7] }).state;
    const pte = tableGet(processOf(s, 1)?.ptes, 0x10000);
    expect(pte).toBeDefined();
    expect(() => {
      (s.counters as { cpu_faults: number }).cpu_faults = 99;
    }).toThrow(TypeError);
    expect(() => {
      (pte as { write: boolean }).write = false;
    }).toThrow(TypeError);
    expect(() => {
      (processOf(s, 1)?.ptes.root as unknown[]).push(1);
    }).toThrow(TypeError);
  });
});
