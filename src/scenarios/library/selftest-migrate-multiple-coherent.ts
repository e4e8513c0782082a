import { defineBuiltin } from './define';
import type { BuiltinDocument } from './define';
import { probeCoherentDriver, testProcess } from './steps';
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
      note: `${n}hmm_buffer_alloc() maps four fresh private anonymous pages.`,
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
        `${n}migrate_vma_setup(SELECT_SYSTEM) moves them into coherent device memory, reusing ` +
        'pages freed in the previous round (dmirror_devmem_alloc_page() pops the free list). ' +
        'ret 0, cpages 4.',
    },
    {
      op: 'dmirror_migrate_to_sys',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        `${n}the coherent variant migrates back explicitly, since the CPU would never fault: ` +
        'dmirror_migrate_to_system() → migrate_vma_setup(SELECT_DEVICE_COHERENT, owner) collects ' +
        'the four device pages, copies them to RAM, and migrate_vma_finalize() frees the device ' +
        'pages (page_free). ret 0, cpages 4.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N,
      note: `${n}the CPU reads system memory: 0, 1, 2, 3.`,
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

/** hmm-tests.c TEST_F(hmm, migrate_multiple), hmm_device_coherent: 3 rounds of 4 pages. */
export const selftestMigrateMultipleCoherent = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-migrate-multiple-coherent',
  title: 'Selftest migrate_multiple (coherent): to the device and back, round after round',
  summary:
    'Port of hmm-tests.c migrate_multiple under the hmm_device_coherent fixture variant, 3 ' +
    'rounds of 4 pages instead of 10 of 1024. Each round maps a buffer, writes i, migrates it to ' +
    'coherent device memory (ret 0, cpages 4) and — because the CPU reaches coherent memory ' +
    'without faulting — migrates it back with HMM_DMIRROR_MIGRATE_TO_SYS (ret 0, cpages 4) ' +
    'before the CPU checks the data. v4.14 has no DEVICE_COHERENT (-ENOTTY).',
  era: 'v4.14',
  steps: [probeCoherentDriver(), testProcess(), ...round(0), ...round(1), ...round(2)],
});
