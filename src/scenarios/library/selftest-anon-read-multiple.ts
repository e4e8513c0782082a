import { defineBuiltin } from './define';
import { probeTestDriver, testProcess } from './steps';
import type { BuiltinDocument } from './define';
import { at, iota } from './layout';

const N = 4;
type Step = BuiltinDocument['steps'][number];

function round(c: number): Step[] {
  const n = `Round ${c + 1}: `;
  return [
    {
      op: 'mmap',
      pid: 1,
      addr: at(0),
      npages: N,
      prot: 'rw',
      flags: ['private', 'anonymous'],
      note: `${n}four fresh private anonymous pages (mmap_region()).`,
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: N,
      values: iota(N, (i) => i + c),
      note: `${n}ptr[i] = i + ${c}: do_anonymous_page() allocates the pages.`,
    },
    {
      op: 'dmirror_read',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        `${n}HMM_DMIRROR_READ: the previous buffer’s mirror entries were dropped by the mmu ` +
        'notifier at munmap, so dmirror_fault() → hmm_vma_fault() walks once and stores four ' +
        `read entries. ret 0, cpages 4, faults 1, data ${iota(N, (i) => i + c).join(', ')}.`,
    },
    {
      op: 'munmap',
      pid: 1,
      addr: at(0),
      npages: N,
      note: `${n}hmm_buffer_free(): zap_pte_range() frees the pages; the device entries go too.`,
    },
  ];
}

/** hmm-tests.c TEST_F(hmm, anon_read_multiple): 3 rounds of 4 pages instead of 10 of 1024. */
export const selftestAnonReadMultiple = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-anon-read-multiple',
  title: 'Selftest anon_read_multiple: the device reads new buffers again and again',
  summary:
    'Port of hmm-tests.c anon_read_multiple, scaled to 3 rounds of 4 pages. Each round maps a ' +
    'buffer at the same address, writes i + c and has the device read it: ret 0, cpages 4, ' +
    'faults 1 and the new data every time, because munmap() invalidated the device’s old ' +
    'entries. Same results as later kernels.',
  era: 'v4.14',
  steps: [probeTestDriver(), testProcess(), ...round(0), ...round(1), ...round(2)],
});
