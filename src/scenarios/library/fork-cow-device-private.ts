import { defineBuiltin } from './define';

const A = '0x10000000';

/** fork() over device-private entries, and the v4.14 rmap bug that makes the child livelock. */
export const forkCowDevicePrivate = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'fork-cow-device-private',
  title: 'fork() with pages in device memory (COW of DEVICE_PRIVATE entries)',
  summary:
    'copy_one_pte() shares device-private entries read-only between parent and child. In v4.14 ' +
    'a CPU fault on such a shared page cannot migrate it back (page_vma_mapped_walk skips ' +
    'device-private PTEs), so the fault repeats; once the child exits, the parent recovers.',
  era: 'v4.14',
  chapters: [
    { title: 'Set up: two pages move to the device', from: 1 },
    { title: 'fork() shares the device pages read-only', from: 6 },
    { title: 'The child’s load livelocks', from: 8 },
    { title: 'The child exits and the parent recovers', from: 9 },
  ],
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note: 'hmm_devmem_add() hotplugs a 256 MiB DEVICE_PRIVATE chunk at the top of physical memory.',
    },
    { op: 'spawn', pid: 1, note: 'The parent process, empty mm.' },
    {
      op: 'mmap',
      pid: 1,
      addr: A,
      npages: 2,
      prot: 'rw',
      flags: ['private', 'anonymous'],
      note: 'A private anonymous VMA: VM_MAYWRITE without VM_SHARED, so is_cow_mapping() is true.',
    },
    {
      op: 'write',
      pid: 1,
      addr: A,
      npages: 2,
      values: [1, 2],
      note: 'do_anonymous_page() allocates two RAM pages; they hold 1 and 2.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: A,
      npages: 2,
      note:
        'migrate_vma() moves both pages to the device. The parent now has two writable ' +
        'DEVICE_PRIVATE entries; each device page has refcount 2 and mapcount 1.',
    },
    {
      op: 'fork',
      pid: 1,
      child: 2,
      id: 'fork',
      note:
        'copy_one_pte() meets is_device_private_entry(): in a COW mapping a writable entry is ' +
        'made read-only in the child and, with set_pte_at() on the source, in the parent too. ' +
        'get_page() and page_dup_rmap(): each device page now has refcount 3 and mapcount 2, ' +
        'and the child’s MM_ANONPAGES counts them.',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 2,
      addr: A,
      npages: 2,
      note:
        'Seen through the device, the child already maps dmirror0’s pages, read-only, although ' +
        'it never touched the device.',
    },
    {
      op: 'read',
      pid: 2,
      addr: A,
      npages: 1,
      id: 'livelock',
      note:
        'The child loads page 0: do_swap_page() → device_private_entry_fault() → the driver ' +
        'runs migrate_vma(). Collect turns the child’s entry into a migration entry, but the ' +
        'page is still mapped by the parent and try_to_unmap() cannot find that mapping: in ' +
        'v4.14 map_pte() skips non-present PTEs (fixed in 2018 by Ralph Campbell’s "mm/rmap: ' +
        'map_pte() was not handling private ZONE_DEVICE page properly", Cc stable). Migration ' +
        'is refused, the entry is restored and the fault repeats without progress.',
    },
    {
      op: 'exit',
      pid: 2,
      note:
        'The child exits: zap_pte_range() clears its device-private entries with ' +
        'page_remove_rmap() and put_page(). Each device page is back to refcount 2, mapcount 1.',
    },
    {
      op: 'write',
      pid: 1,
      addr: A,
      npages: 1,
      value: 100,
      id: 'recover',
      note:
        'Now the parent is the only mapper, so the fault migrates page 0 back. The entry was ' +
        'read-only, so the new RAM page is mapped read-only and the store faults again: ' +
        'do_wp_page() sees a single anonymous mapping and reuses the page writable. Page 0 ' +
        'holds 100.',
    },
    {
      op: 'read',
      pid: 1,
      addr: A,
      npages: 2,
      note:
        'Page 0 is present and reads 100; page 1 faults back from the device and reads 2. The ' +
        'device pages have returned to the driver’s free list (page_free).',
    },
  ],
});
