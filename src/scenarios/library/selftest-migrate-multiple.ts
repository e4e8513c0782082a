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
      note: `${n}hmm_buffer_alloc() maps four fresh private anonymous pages (mmap_region()).`,
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: N,
      values: iota(N),
      note: `${n}ptr[i] = i: do_anonymous_page() allocates the pages.`,
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        `${n}migrate_vma() moves them to the device, reusing device pages freed in the ` +
        'previous round (dmirror_devmem_alloc_page() pops the recycled list). ret 0, cpages 4.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        `${n}the CPU reads each page: do_swap_page() → dmirror_devmem_fault() migrates it ` +
        'home and page_free returns the device page. Data 0, 1, 2, 3.',
    },
    {
      op: 'munmap',
      pid: 1,
      addr: at(0),
      npages: N,
      note: `${n}hmm_buffer_free() unmaps the buffer: zap_pte_range() frees the RAM pages.`,
    },
  ];
}

/** hmm-tests.c TEST_F(hmm, migrate_multiple): 3 rounds of 4 pages instead of 10 of 1024. */
export const selftestMigrateMultiple = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-migrate-multiple',
  title: 'Selftest migrate_multiple: migrate and fault back, round after round',
  summary:
    'Port of hmm-tests.c migrate_multiple, scaled to 3 rounds of 4 pages. Each round maps a ' +
    'buffer, writes i, migrates it to the device (ret 0, cpages 4) and reads it on the CPU, ' +
    'which faults every page home. Device pages cycle through the driver’s free list. Same ' +
    'results as the private variant in later kernels (v4.14 has no coherent variant).',
  era: 'v4.14',
  steps: [probeTestDriver(), testProcess(), ...round(0), ...round(1), ...round(2)],
});
