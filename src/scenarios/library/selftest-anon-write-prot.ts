import { defineBuiltin } from './define';
import { probeTestDriver, testProcess } from './steps';
import { at, iota } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, anon_write_prot), 4 pages. */
export const selftestAnonWriteProt = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-anon-write-prot',
  title: 'Selftest anon_write_prot: no device write to read-only memory',
  summary:
    'Port of hmm-tests.c anon_write_prot, scaled to 4 pages. In a PROT_READ mapping the device ' +
    'can read the zero page but a write fails with -EPERM; after mprotect(PROT_READ | ' +
    'PROT_WRITE) the write succeeds and replaces the zero page by COW. v4.14’s hmm_vma_fault() ' +
    'has no permission check, so the test driver returns -EPERM itself.',
  era: 'v4.14',
  steps: [
    probeTestDriver(),
    testProcess(),
    {
      op: 'mmap',
      pid: 1,
      addr: at(0),
      npages: N,
      prot: 'r',
      flags: ['private', 'anonymous'],
      note: 'mmap(PROT_READ): a read-only private anonymous VMA.',
    },
    {
      op: 'dmirror_read',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 1,
      note:
        'HMM_DMIRROR_READ of one page: hmm_vma_fault() faults it, do_anonymous_page() maps the ' +
        'zero page. ret 0, cpages 1, faults 1, data 0.',
    },
    {
      op: 'dmirror_write',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      values: iota(N),
      id: 'eperm',
      note:
        'HMM_DMIRROR_WRITE: the mirror entry is read-only, so dmirror_fault() is asked for a ' +
        'write and refuses: the VMA has no VM_WRITE. ret -EPERM, nothing written.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        'The CPU sees zeros everywhere: page 0 is the zero page, pages 1-3 fault in the zero ' +
        'page now (do_anonymous_page()).',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(0),
      npages: N,
      prot: 'rw',
      note:
        'mprotect(PROT_READ | PROT_WRITE): the VMA gets VM_WRITE; the zero-page PTEs stay ' +
        'read-only, and the mmu notifier clears the device’s entry for page 0.',
    },
    {
      op: 'dmirror_write',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      values: iota(N),
      note:
        'HMM_DMIRROR_WRITE again: hmm_vma_fault(write) meets read-only zero-page PTEs, and ' +
        'handle_mm_fault() → do_wp_page() → wp_page_copy() gives each page a fresh writable ' +
        'copy. ret 0, cpages 4, faults 1.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N,
      note: 'The CPU reads what the device wrote: 0, 1, 2, 3.',
    },
  ],
});
