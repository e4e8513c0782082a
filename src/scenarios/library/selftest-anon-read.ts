import { defineBuiltin } from './define';
import { testProcess, mapBuffer } from './steps';
import { at, iota } from './layout';

const N = 6;

/** hmm-tests.c TEST_F(hmm, anon_read), 6 pages instead of 1024. */
export const selftestAnonRead = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-anon-read',
  title: 'Selftest anon_read: the device reads anonymous memory',
  summary:
    'Port of hmm-tests.c anon_read, scaled to 6 pages. Page 0 is never touched (pte_none), ' +
    'page 1 is read by the CPU (the zero page), pages 2-5 hold i. The device reads all six ' +
    'through hmm_vma_fault(): ret 0, cpages 6, faults 1, data 0, 0, 2, 3, 4, 5, as in later ' +
    'kernels.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note: 'The test driver probes: hmm_devmem_add() hotplugs its first 256 MiB chunk.',
    },
    testProcess(),
    mapBuffer(
      N,
      'mmap(PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS): six pages, all pte_none.',
    ),
    {
      op: 'write',
      pid: 1,
      addr: at(2),
      npages: N - 2,
      values: iota(N - 2, (i) => i + 2),
      note:
        'ptr[i] = i everywhere except the first two pages: do_anonymous_page() allocates pages ' +
        '2-5.',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(0),
      npages: N,
      prot: 'r',
      note:
        'mprotect(PROT_READ): change_pte_range() write-protects the present pages; the VMA ' +
        'loses VM_WRITE.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(1),
      npages: 1,
      note:
        'The CPU reads page 1: do_anonymous_page() maps the shared zero page read-only. It ' +
        'reads 0.',
    },
    {
      op: 'dmirror_read',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      id: 'read',
      note:
        'HMM_DMIRROR_READ: the device page table is empty, so dmirror_fault() → hmm_vma_fault() ' +
        'walks the range; page 0 is pte_none, and v4.14’s hmm_vma_walk_clear() then faults every ' +
        'page of the PMD’s part of the range: do_anonymous_page() maps the zero page at page 0, ' +
        'the others are already present. The walk restarts and every page is ' +
        'stored read-only in the mirror (xa_store). ret 0, cpages 6, faults 1, data 0 0 2 3 4 5 ' +
        '— as the selftest expects.',
    },
  ],
});
