import { describe, expect, it } from 'vitest';
import { createKernel } from './boot';
import { step } from './vmlinux';
import { tableGet } from './table';
import { processOf } from './query';
import { asPid, asVpn } from './ids';

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
    // The struct page the write stored: the tables' values are frozen by the step (table.ts).
    const pg = pte && pte.kind === 'present' ? tableGet(s.pages, pte.pfn) : undefined;
    expect(pg).toBeDefined();
    expect(() => {
      (pg as { refcount: number }).refcount = 0;
    }).toThrow(TypeError);
    expect(() => {
      pg?.rmap.push({ pid: asPid(1), vpn: asVpn(0x10001) });
    }).toThrow(TypeError);
  });
});
