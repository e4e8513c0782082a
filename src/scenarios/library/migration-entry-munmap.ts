import { defineBuiltin } from './define';
import { at } from './layout';
import { mapBuffer, migrateBuffer, probeTestDriver, testProcess } from './steps';

const A = at(0);

/** Unmapping pages whose migration is paused: zap_pte_range on migration entries. */
export const migrationEntryMunmap = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'migration-entry-munmap',
  title: 'munmap and MADV_DONTNEED during a paused migration',
  summary:
    'After fork, parent and child map the same two pages. The parent’s migration to the device ' +
    'pauses after the unmap stage: both mms hold migration entries. The child’s munmap and the ' +
    'parent’s MADV_DONTNEED zap them (zap_pte_range counts RSS down; the entries hold no ' +
    'reference); the parent’s munmap must wait for the mmap_sem the migration holds. At resume ' +
    'remove_migration_ptes finds nothing to restore and the new device pages are freed at once.',
  era: 'v4.14',
  chapters: [
    { title: 'Set up: two pages shared by fork', from: 1 },
    { title: 'The migration stops after the unmap stage', from: 6 },
    { title: 'Both mms drop their entries; munmap waits', from: 8 },
    { title: 'Resume: nothing left to map', from: 12 },
  ],
  steps: [
    probeTestDriver('hmm_devmem_add() hotplugs a DEVICE_PRIVATE chunk for dmirror0.'),
    testProcess('The parent process starts with an empty mm (execve).'),
    mapBuffer(2, 'Two pages of private anonymous memory.'),
    {
      op: 'write',
      pid: 1,
      addr: A,
      npages: 2,
      values: [1, 2],
      note: 'Two RAM pages holding 1 and 2.',
    },
    {
      op: 'fork',
      pid: 1,
      child: 2,
      note: 'copy_one_pte() shares both pages read-only with the child: mapcount 2 each.',
    },
    {
      op: 'migrate_pause',
      device: 'dmirror0',
      note: 'dmirror0’s next migration will stop after its unmap stage.',
    },
    migrateBuffer(
      2,
      'migrate_vma_collect replaces the parent’s PTEs with migration entries; ' +
        'migrate_vma_unmap’s try_to_unmap does the same in the child. Read-only PTEs give read ' +
        'migration entries. The migration pauses holding the parent’s mmap_sem for read.',
      'paused',
    ),
    {
      op: 'read',
      pid: 2,
      addr: A,
      npages: 1,
      note:
        'The child’s load meets its migration entry and sleeps in migration_entry_wait (its ' +
        'page reference will keep this page from moving).',
    },
    {
      op: 'munmap',
      pid: 2,
      addr: A,
      npages: 2,
      note:
        'The child’s mmap_sem is free, so munmap runs: zap_pte_range() clears both migration ' +
        'entries and counts MM_ANONPAGES down (rss[mm_counter(page)]--); a migration entry ' +
        'holds no page reference, so nothing is put.',
    },
    {
      op: 'madvise',
      pid: 1,
      addr: A,
      npages: 2,
      advice: 'dontneed',
      note:
        'MADV_DONTNEED takes the parent’s mmap_sem only for read, so it runs beside the ' +
        'migration and zaps the parent’s migration entries too. No PTE maps the pages any more.',
    },
    {
      op: 'munmap',
      pid: 1,
      addr: A,
      npages: 2,
      note:
        'munmap needs the parent’s mmap_sem for write, which the paused ioctl holds for read: ' +
        'it sleeps ({waits: "mmap_sem"}).',
    },
    {
      op: 'migrate_resume',
      device: 'dmirror0',
      id: 'resume',
      note:
        'The copy and migrate_vma_pages run (the first page stays: the child’s sleeping load ' +
        'holds a reference). migrate_vma_finalize: remove_migration_ptes finds no entry to ' +
        'restore, so the old pages go back to the buddy allocator and the new device pages to ' +
        'the driver (its table keeps a stale entry for the one that moved). Then the sleepers ' +
        'run: the child’s load finds no VMA (SIGSEGV), the parent’s munmap unmaps the VMA.',
    },
  ],
});
