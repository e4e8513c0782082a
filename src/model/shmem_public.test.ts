/**
 * Invariant I-5 in v4.14 (issue 10): shared anonymous memory (shmem) migrated to DEVICE_PUBLIC,
 * zapped, then read again comes back through the page cache as a plain present PTE. The model is
 * not wrong here: v4.14 is (docs/kernel-notes.md, built-in device-public-shmem-refault).
 */
import { describe, expect, it } from 'vitest';
import type { Op } from './ops';
import { A, fns, last, pageAt, pteAt, run } from '../test/modelKit';

const steps: Op[] = [
  { op: 'device_add', device: 'dmirror0', type: 'public' },
  { op: 'spawn', pid: 1 },
  { op: 'mmap', pid: 1, addr: A, npages: 1, prot: 'rw', flags: ['shared', 'anonymous'] },
  { op: 'write', pid: 1, addr: A, npages: 1, values: [5] },
  { op: 'dmirror_migrate_to_dev', device: 'dmirror0', pid: 1, addr: A, npages: 1 },
];

describe('DEVICE_PUBLIC shmem page refaulted after MADV_DONTNEED (v4.14)', () => {
  it('migrate_vma_pages refuses a mapped page only for DEVICE_PRIVATE: the shmem page moves, mapped devmap', () => {
    const f = last(run(steps));
    expect(f.result).toMatchObject({ ret: 0 });
    // migrate_vma_pages(): `if (is_zone_device_page(newpage)) { if (is_device_private_page(newpage))
    // { if (mapping) { MIGRATE_PFN_MIGRATE cleared } } }` — nothing for a public page with a mapping.
    expect(fns(f)).toContain('migrate_vma_pages');
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'devmap' });
    expect(pageAt(f.state, 1, A)).toMatchObject({ memory: 'device-public' });
    expect(f.violations).toEqual([]);
  });

  it('do_read_fault → alloc_set_pte maps the page-cache public page with mk_pte(): I-5 breaks, as in v4.14', () => {
    const frames = run([
      ...steps,
      { op: 'madvise', pid: 1, addr: A, npages: 1, advice: 'dontneed' },
      { op: 'read', pid: 1, addr: A, npages: 1 },
    ]);
    const zap = frames[frames.length - 2];
    expect(zap && pteAt(zap.state, 1, A)).toBeUndefined();
    const f = last(frames);
    // The value comes back from the public page (it is CPU-addressable): no migration to RAM.
    expect(f.result).toMatchObject({ values: [5] });
    expect(fns(f)).toContain('do_read_fault');
    expect(fns(f)).toContain('alloc_set_pte');
    expect(fns(f)).not.toContain('migrate_vma');
    // A plain present PTE, not pte_mkdevmap(): vm_normal_page() would return a ZONE_DEVICE page.
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present' });
    expect(pageAt(f.state, 1, A)).toMatchObject({ memory: 'device-public' });
    expect(f.violations.map((v) => v.id)).toContain('I-5');
  });
});
