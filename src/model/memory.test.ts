import { describe, expect, it } from 'vitest';
import { A, PG, fns, last, pageAt, pteAt, run } from '../test/modelKit';
import type { Op } from './ops';
import { processOf } from './query';

const proc: Op[] = [
  { op: 'spawn', pid: 1 },
  { op: 'mmap', pid: 1, addr: A, npages: 4, prot: 'rw', flags: ['private', 'anonymous'] },
];

describe('do_anonymous_page', () => {
  it('maps the shared zero page read-only on a read', () => {
    const f = last(run([...proc, { op: 'read', pid: 1, addr: A, npages: 1 }]));
    expect(f.result).toEqual({ ret: 0, values: [0] });
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present', zero: true, write: false });
    expect(processOf(f.state, 1)?.rss.anon).toBe(0);
  });

  it('allocates, charges and maps a writable page on a write', () => {
    const f = last(run([...proc, { op: 'write', pid: 1, addr: A, npages: 1, values: [5] }]));
    expect(pageAt(f.state, 1, A)).toMatchObject({
      refcount: 1,
      mapcount: 1,
      lru: true,
      memcg: true,
      value: 5,
    });
    expect(processOf(f.state, 1)?.rss.anon).toBe(1);
  });

  it('replaces the zero page on a later write (wp_page_copy from the zero page)', () => {
    const f = last(
      run([
        ...proc,
        { op: 'read', pid: 1, addr: A, npages: 1 },
        { op: 'write', pid: 1, addr: A, npages: 1, values: [9] },
      ]),
    );
    expect(fns(f)).toContain('wp_page_copy');
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present', zero: false, write: true });
    expect(f.violations).toEqual([]);
  });

  it('fails with VM_FAULT_OOM when System RAM runs out', () => {
    const f = last(
      run(
        [
          { op: 'spawn', pid: 1 },
          { op: 'mmap', pid: 1, addr: A, npages: 20, prot: 'rw', flags: ['private', 'anonymous'] },
          { op: 'write', pid: 1, addr: A, npages: 20, values: Array<number>(20).fill(1) },
        ],
        { ramPages: 16 },
      ),
    );
    // 16 frames: pfn 0 and the zero page (pfn 0xf) are reserved, 14 are handed out.
    expect(f.result).toMatchObject({ oom: true, addr: '0x1000e000' });
  });
});

describe('bad accesses', () => {
  it('SIGSEGVs an access outside every VMA and kills the task', () => {
    const f = last(run([...proc, { op: 'read', pid: 1, addr: A + 8 * PG, npages: 1 }]));
    expect(f.result).toMatchObject({ signal: 'SIGSEGV' });
    expect(processOf(f.state, 1)).toMatchObject({ alive: false, signals: ['SIGSEGV'] });
  });

  it('SIGSEGVs a store to a read-only VMA', () => {
    const f = last(
      run([
        ...proc,
        { op: 'mprotect', pid: 1, addr: A, npages: 4, prot: 'r' },
        { op: 'write', pid: 1, addr: A, npages: 1, values: [1] },
      ]),
    );
    expect(f.result).toMatchObject({ signal: 'SIGSEGV' });
  });

  it('answers ops on a dead process with -ESRCH', () => {
    const f = last(
      run([...proc, { op: 'exit', pid: 1 }, { op: 'read', pid: 1, addr: A, npages: 1 }]),
    );
    expect(f.result).toEqual({ ret: -3 });
  });
});

describe('shared anonymous memory (shmem)', () => {
  it('is shared with a child after fork: no COW, the child refaults from the page cache', () => {
    const f = last(
      run([
        { op: 'spawn', pid: 1 },
        { op: 'mmap', pid: 1, addr: A, npages: 1, prot: 'rw', flags: ['shared', 'anonymous'] },
        { op: 'write', pid: 1, addr: A, npages: 1, values: [1] },
        { op: 'fork', pid: 1, child: 2 },
        { op: 'write', pid: 2, addr: A, npages: 1, values: [42] },
        { op: 'read', pid: 1, addr: A, npages: 1 },
      ]),
    );
    expect(f.result).toEqual({ ret: 0, values: [42] });
    expect(pageAt(f.state, 1, A)).toMatchObject({ refcount: 3, mapcount: 2 });
    expect(processOf(f.state, 2)?.rss.shmem).toBe(1);
    expect(f.violations).toEqual([]);
  });
});
