import { defineBuiltin } from './define';
import { at } from './layout';
import { mapBuffer, migrateBuffer, probeTestDriver, testProcess } from './steps';

const A = at(0);

/** A paused migration fails: finalize restores the old pages and wakes a CPU and a device sleeper. */
export const migrationFailRestores = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'migration-fail-restores',
  title: 'A failed migration restores the old pages and wakes the sleepers',
  summary:
    'A migration to the device pauses after its unmap stage. A CPU load and a second device’s ' +
    'read (hmm_vma_fault: migration_entry_wait, -EAGAIN) both sleep on its migration entries. ' +
    'Then the driver’s copy fails: every dst[] entry stays 0, migrate_vma_pages migrates ' +
    'nothing and migrate_vma_finalize puts the old pages back. Both sleepers wake and read them.',
  era: 'v4.14',
  chapters: [
    { title: 'Set up', from: 1 },
    { title: 'The migration stops; two sleepers', from: 6 },
    { title: 'The copy fails: the old pages come back', from: 11 },
  ],
  steps: [
    probeTestDriver('dmirror0 probes: the device that will migrate the pages.'),
    probeTestDriver(
      'dmirror1 probes: a second device that reads the same memory through HMM.',
      'dmirror1',
    ),
    testProcess('A process starts with an empty mm (execve).'),
    mapBuffer(2, 'Two pages of private anonymous memory.'),
    {
      op: 'write',
      pid: 1,
      addr: A,
      npages: 2,
      values: [7, 8],
      note: 'Two RAM pages holding 7 and 8.',
    },
    {
      op: 'migrate_pause',
      device: 'dmirror0',
      note: 'dmirror0’s next migration will stop after its unmap stage.',
    },
    migrateBuffer(
      2,
      'Both PTEs become migration entries; the pages are locked; the migration pauses.',
      'paused',
    ),
    {
      op: 'read',
      pid: 1,
      addr: A,
      npages: 1,
      note: 'The CPU load sleeps in migration_entry_wait on the first page.',
    },
    {
      op: 'dmirror_read',
      device: 'dmirror1',
      pid: 1,
      addr: at(1),
      npages: 1,
      id: 'device-sleeps',
      note:
        'dmirror1 has no entry, so it faults through hmm_vma_fault(). hmm_vma_walk_pmd meets the ' +
        'migration entry with fault set: migration_entry_wait(), then -EAGAIN to restart the ' +
        'walk. Its thread sleeps too — not a CPU fault: handle_mm_fault never runs.',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: A,
      npages: 2,
      note: 'Without faulting, the walk reports migration entries as not valid: NONE (0x00).',
    },
    {
      op: 'migrate_fail',
      device: 'dmirror0',
      id: 'fail',
      note:
        'The driver’s alloc_and_copy allocates nothing: dst[] stays 0. migrate_vma_pages clears ' +
        'MIGRATE, migrate_vma_finalize calls remove_migration_ptes(page, page): the old writable ' +
        'PTEs come back, the pages are unlocked and go back on the LRU. The ioctl’s read-back ' +
        'finds nothing on the device (-ENOENT). Then both sleepers wake: the load reads 7, ' +
        'dmirror1’s walk restarts and reads 8.',
    },
    {
      op: 'read',
      pid: 1,
      addr: A,
      npages: 2,
      note: 'Nothing moved: both values are still in RAM.',
    },
  ],
});
