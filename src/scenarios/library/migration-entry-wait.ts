import { defineBuiltin } from './define';
import { at } from './layout';
import { mapBuffer, migrateBuffer, probeTestDriver, testProcess } from './steps';

const A = at(0);

/** A CPU load meets a migration entry of a paused migration, sleeps, and retries at resume. */
export const migrationEntryWait = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'migration-entry-wait',
  title: 'A load sleeps on a migration entry (migration in flight)',
  summary:
    'A migration to the device is paused after migrate_vma_unmap: both PTEs are migration ' +
    'entries and the pages are locked. A CPU load meets one, do_swap_page calls ' +
    'migration_entry_wait and the task sleeps. In v4.14 the sleeper holds a page reference, so ' +
    'migrate_page_move_mapping refuses that page: at resume it stays in RAM and the retried load ' +
    'reads it, while the other page moves.',
  era: 'v4.14',
  chapters: [
    { title: 'Set up: two pages of RAM', from: 1 },
    { title: 'The migration stops after the unmap stage', from: 5 },
    { title: 'A load sleeps on a migration entry', from: 8 },
    { title: 'Resume: the sleeper wakes and retries', from: 9 },
  ],
  steps: [
    probeTestDriver('hmm_devmem_add() hotplugs a DEVICE_PRIVATE chunk for dmirror0.'),
    testProcess('A process starts with an empty mm (execve).'),
    mapBuffer(2, 'Two pages of private anonymous memory.'),
    {
      op: 'write',
      pid: 1,
      addr: A,
      npages: 2,
      values: [10, 11],
      note: 'do_anonymous_page() gives each page a RAM frame; they hold 10 and 11.',
    },
    {
      op: 'migrate_pause',
      device: 'dmirror0',
      note:
        'The model’s breakpoint: dmirror0’s next migration will stop after its unmap stage, ' +
        'before the driver copies anything.',
    },
    migrateBuffer(
      2,
      'migrate_vma() collects, locks and isolates both pages and replaces the PTEs with ' +
        'migration entries, then stops: {paused: "after_unmap", cpages: 2}. The ioctl holds the ' +
        'mm’s mmap_sem for read and both pages locked.',
      'paused',
    ),
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: A,
      npages: 2,
      note:
        'hmm_vma_get_pfns() without faulting: hmm_vma_walk_pmd skips a migration entry ' +
        '(pfns[i] = 0), so both pages read NONE (0x00).',
    },
    {
      op: 'read',
      pid: 1,
      addr: A,
      npages: 1,
      id: 'sleeps',
      note:
        'The load traps; do_swap_page() finds a migration entry and calls migration_entry_wait(). ' +
        'The page is locked, so the task sleeps: {waits: "migration_entry"}. v4.14’s ' +
        '__migration_entry_wait holds a page reference while it sleeps (refcount 2).',
    },
    {
      op: 'migrate_resume',
      device: 'dmirror0',
      id: 'resume',
      note:
        'The driver copies both pages, but migrate_page_move_mapping sees page_count 2 ≠ 1 on ' +
        'the page the load sleeps on: -EAGAIN, not migrated. migrate_vma_finalize puts it back ' +
        'behind its PTE and unlocks it; the other page becomes device private. The ioctl’s ' +
        'read-back finds the first page missing (-ENOENT). Then the sleeper wakes: `woken` shows ' +
        'its retried load reading 10 from the old page.',
    },
    {
      op: 'read',
      pid: 1,
      addr: A,
      npages: 2,
      note:
        'Both values are intact: 10 from RAM, and 11 after a device-private fault brings the ' +
        'second page home.',
    },
  ],
});
