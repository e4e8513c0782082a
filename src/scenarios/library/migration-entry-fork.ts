import { defineBuiltin } from './define';
import { at } from './layout';
import { mapBuffer, migrateBuffer, probeTestDriver, testProcess } from './steps';

const A = at(0);

/** fork() during a paused migration: copy_one_pte copies migration entries; resume maps every copy. */
export const migrationEntryFork = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'migration-entry-fork',
  title: 'fork during a paused migration',
  summary:
    'A page shared by fork is being migrated to the device; the migration pauses after its ' +
    'unmap stage. The child forks again: copy_one_pte() copies the migration entry into the ' +
    'grandchild (no reference, RSS counted). The parent’s own fork must wait for the mmap_sem the ' +
    'migration holds. At resume the rmap walk of remove_migration_ptes maps the device page in ' +
    'all three mms.',
  era: 'v4.14',
  chapters: [
    { title: 'Set up: one page shared by fork', from: 1 },
    { title: 'The migration stops after the unmap stage', from: 6 },
    { title: 'fork copies a migration entry; the parent’s fork waits', from: 8 },
    { title: 'Resume: every copy is mapped', from: 10 },
  ],
  steps: [
    probeTestDriver('hmm_devmem_add() hotplugs a DEVICE_PRIVATE chunk for dmirror0.'),
    testProcess('The parent process starts with an empty mm (execve).'),
    mapBuffer(1, 'One page of private anonymous memory.'),
    {
      op: 'write',
      pid: 1,
      addr: A,
      npages: 1,
      values: [5],
      note: 'do_anonymous_page() gives the page a RAM frame holding 5.',
    },
    {
      op: 'fork',
      pid: 1,
      child: 2,
      note: 'The child shares the page read-only (COW): mapcount 2.',
    },
    {
      op: 'migrate_pause',
      device: 'dmirror0',
      note: 'dmirror0’s next migration will stop after its unmap stage.',
    },
    migrateBuffer(
      1,
      'Parent and child now hold read migration entries for the locked page; the migration ' +
        'pauses holding the parent’s mmap_sem for read.',
      'paused',
    ),
    {
      op: 'fork',
      pid: 2,
      child: 3,
      id: 'copy',
      note:
        'The child forks: copy_one_pte() meets a migration entry, counts it in the grandchild’s ' +
        'RSS (rss[mm_counter(page)]++) and copies it without a reference. A write entry in a COW ' +
        'mapping would become read in both (make_migration_entry_read); this one is read already.',
    },
    {
      op: 'fork',
      pid: 1,
      child: 4,
      note:
        'The parent’s fork: dup_mmap() takes the parent’s mmap_sem for write, which the paused ' +
        'ioctl holds for read. It sleeps ({waits: "mmap_sem"}).',
    },
    {
      op: 'migrate_resume',
      device: 'dmirror0',
      id: 'resume',
      note:
        'The page moves to the device. remove_migration_ptes walks the rmap and turns all three ' +
        'migration entries (parent, child, grandchild) into read-only device-private entries: ' +
        'mapcount 3. Then the parent’s fork runs and shares the device entry with pid 4.',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 3,
      addr: A,
      npages: 1,
      note: 'The grandchild’s PTE reads READ | DEV_PRIVATE_LOCAL (0x21): dmirror0’s page.',
    },
  ],
});
