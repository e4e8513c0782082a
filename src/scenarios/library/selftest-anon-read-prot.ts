import { defineBuiltin } from './define';
import { probeTestDriver, testProcess, mapBuffer, fillBuffer } from './steps';
import { at } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, anon_read_prot), 4 pages. */
export const selftestAnonReadProt = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-anon-read-prot',
  title: 'Selftest anon_read_prot: the device cannot read PROT_NONE memory',
  summary:
    'Port of hmm-tests.c anon_read_prot, scaled to 4 pages. After mprotect(PROT_NONE) the ' +
    'device read fails with -EFAULT and fills nothing; after mprotect(PROT_READ) the CPU still ' +
    'sees i. v4.14’s hmm_vma_fault() checks no VMA permission, so the test driver does ' +
    '(later kernels moved the check into hmm_range_fault()); the results are the same.',
  era: 'v4.14',
  steps: [
    probeTestDriver(),
    testProcess(),
    mapBuffer(N),
    fillBuffer(N, 'ptr[i] = i: do_anonymous_page() allocates the four pages.'),
    {
      op: 'mprotect',
      pid: 1,
      addr: at(0),
      npages: N,
      prot: 'none',
      note:
        'mprotect(PROT_NONE): change_pte_range() makes the PTEs PROT_NONE and the VMA loses ' +
        'VM_READ. (The selftest pre-fills its user-side mirror buffer with -i.)',
    },
    {
      op: 'dmirror_read',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      id: 'efault',
      note:
        'HMM_DMIRROR_READ: dmirror_fault() finds a VMA without VM_READ and fails with -EFAULT ' +
        'before calling hmm_vma_fault(). Nothing is read: the selftest’s buffer keeps -i.',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(0),
      npages: N,
      prot: 'r',
      note: 'mprotect(PROT_READ): the PTEs become readable again (change_pte_range()).',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N,
      note: 'The CPU reads 0, 1, 2, 3 without faulting: the data was never touched.',
    },
  ],
});
