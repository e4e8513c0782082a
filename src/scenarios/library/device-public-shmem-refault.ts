import { defineBuiltin } from './define';
import { at } from './layout';

/**
 * Shared anonymous memory (shmem) migrated to DEVICE_PUBLIC, zapped, then faulted back: the page
 * cache hands out the public page and alloc_set_pte() maps it with a plain mk_pte() entry
 * (mm/memory.c v4.14), which breaks invariant I-5. The model is not wrong here: v4.14 is.
 */
export const devicePublicShmemRefault = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'device-public-shmem-refault',
  title: 'A DEVICE_PUBLIC page comes back through the page cache as a plain PTE (v4.14 bug, I-5)',
  summary:
    'v4.14’s migrate_vma_pages() refuses mapped (page cache) pages only for DEVICE_PRIVATE, so a ' +
    'shared anonymous page can move to DEVICE_PUBLIC memory: migrate_page() puts the public page ' +
    'into the shmem page cache and remove_migration_pte() maps it devmap. MADV_DONTNEED zaps the ' +
    'PTE; the next read goes do_read_fault() → shmem finds the public page → alloc_set_pte() ' +
    'builds an ordinary mk_pte() entry. The public page is now mapped by a present PTE that is ' +
    'not devmap/special, which I-5 forbids: vm_normal_page() returns it, so LRU paths (mark_page_' +
    'accessed, mlock, NUMA balancing) can reach a ZONE_DEVICE page.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'public',
      note: 'The platform describes coherent memory; hmm_devmem_add_resource() adds its pages.',
    },
    { op: 'spawn', pid: 1, note: 'A process with an empty mm.' },
    {
      op: 'mmap',
      pid: 1,
      addr: at(0),
      npages: 1,
      prot: 'rw',
      flags: ['shared', 'anonymous'],
      note: 'MAP_SHARED | MAP_ANONYMOUS: the page lives in a shmem object’s page cache.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 1,
      values: [5],
      note: 'do_shared_fault(): shmem allocates the page-cache page and maps it writable.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 1,
      note:
        'migrate_vma() to DEVICE_PUBLIC: the page has a mapping, which v4.14 only refuses for ' +
        'private device memory; migrate_page() moves the page-cache slot to the public page and ' +
        'remove_migration_pte() maps it devmap.',
    },
    {
      op: 'madvise',
      pid: 1,
      addr: at(0),
      npages: 1,
      advice: 'dontneed',
      note: 'MADV_DONTNEED zaps the PTE; the public page stays in the page cache.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 1,
      id: 'refault',
      note:
        'do_read_fault(): shmem returns the public page from the page cache and alloc_set_pte() ' +
        'maps it with mk_pte(): a plain present PTE, not devmap — I-5 breaks, as in v4.14.',
    },
  ],
});
