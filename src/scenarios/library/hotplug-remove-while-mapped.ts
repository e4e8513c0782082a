import { defineBuiltin } from './define';
import { mapBuffer } from './steps';
import { at } from './layout';

/** hmm_devmem_remove() while a process still maps the device's pages: v4.14 does not check. */
export const hotplugRemoveWhileMapped = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'hotplug-remove-while-mapped',
  title: 'Unplug device memory that is still mapped (hmm_devmem_remove, I-17)',
  summary:
    'Two DEVICE_PRIVATE devices are hotplugged top-down, one section-aligned 256 MiB slot below ' +
    'the other. A process migrates two pages to the second device, then that device is removed. ' +
    'v4.14’s hmm_devmem_remove() only waits for holders of devmem->ref, which no mapped page ' +
    'holds, so it removes struct pages that live PTEs still point to: the model reports I-17. ' +
    'Later kernels wait for every page (v5.3) or evict them first (migrate_device_range, v6.1).',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note:
        'hmm_devmem_add() rounds the size up to PA_SECTION_SIZE (128 MiB) and searches down from ' +
        '2^46: the first slot, [0x3ffff0000000, 0x3fffffffffff], is REGION_DISJOINT in ' +
        'region_intersects(), so __request_region() claims it. hmm_devmem_pages_create() ' +
        'inserts its 2 section keys in hmm_devmem_radix, add_pages() creates struct pages ' +
        '(no linear mapping) and move_pfn_range_to_zone() puts them in ZONE_DEVICE at refcount 1.',
    },
    {
      op: 'device_add',
      device: 'dmirror1',
      type: 'private',
      note:
        'The same search for the second device finds the top slot taken (not DISJOINT) and steps ' +
        'down by the size: [0x3fffe0000000, 0x3fffefffffff]. Because the top is a power of two ' +
        'and the size a multiple of 128 MiB, every slot is section aligned and no two devices ' +
        'share a section (I-11).',
    },
    { op: 'spawn', pid: 1, note: 'A process with an empty mm (execve).' },
    mapBuffer(2, 'do_mmap() → mmap_region(): one private anonymous VMA of two pages.'),
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 2,
      values: [5, 6],
      note: 'do_anonymous_page() allocates two RAM pages holding 5 and 6.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror1',
      pid: 1,
      addr: at(0),
      npages: 2,
      note:
        'migrate_vma() moves both pages to dmirror1 (pfns 0x3fffe0000-1). ' +
        'remove_migration_pte() leaves two writable DEVICE_PRIVATE swap entries; each device ' +
        'page is at refcount 2, mapcount 1.',
    },
    {
      op: 'device_remove',
      device: 'dmirror1',
      id: 'remove',
      note:
        'hmm_devmem_remove(): hmm_devmem_ref_kill() kills devmem->ref and waits for it, but ' +
        'hmm_devmem_pages_create() never took a per-page reference (devm_memremap_pages() does), ' +
        'so nothing waits for the two mapped pages. hmm_devmem_release() then calls ' +
        '__remove_pages() and __release_region() frees the range: the PTEs of pid 1 now name ' +
        'struct pages that no longer exist. The model flags I-17. Later kernels block in ' +
        'memunmap_pages() until every page is put (v5.3) or evict first with ' +
        'migrate_device_range() (v6.1).',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 2,
      note:
        'The load faults: do_swap_page() → device_private_entry_fault() → hmm_devmem_fault() ' +
        'into a driver that is gone. In the real kernel page->pgmap points into freed memory ' +
        '(use-after-free); the model lets dmirror_devmem_fault() answer VM_FAULT_SIGBUS, and ' +
        'do_sigbus() kills the process. Its exit_mmap() → zap_pte_range() still puts the stale ' +
        'pages and calls the free callback of the removed device.',
    },
    {
      op: 'device_remove',
      device: 'dmirror0',
      note:
        'Removing dmirror0, none of whose pages is in use, is what hmm_devmem_remove() assumes: ' +
        '__remove_pages() and the region release happen with nothing left pointing at them.',
    },
  ],
});
