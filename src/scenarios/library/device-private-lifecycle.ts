import { defineBuiltin } from './define';
import { mapBuffer } from './steps';
import { at } from './layout';

/** One device-private page from the free list to a process and back, twice. */
export const devicePrivateLifecycle = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'device-private-lifecycle',
  title: 'Life cycle of a DEVICE_PRIVATE page: free list → swap PTE → fault → page_free',
  summary:
    'A page migrates to unaddressable device memory and the CPU PTE becomes a special swap ' +
    'entry. A CPU load faults through do_swap_page() into the driver’s fault callback, which ' +
    'migrates the page back; the device page’s refcount drops to 1, page_free() runs and the ' +
    'page returns to the driver’s free list, from which the next migration takes it again.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note:
        'hmm_devmem_add() hotplugs 256 MiB of DEVICE_PRIVATE memory; move_pfn_range_to_zone() ' +
        'leaves every struct page idle at refcount 1, and the driver puts them all on its free ' +
        'list.',
    },
    { op: 'spawn', pid: 1, note: 'A process with an empty mm (execve).' },
    mapBuffer(2, 'mmap_region(): a private anonymous VMA of two pages, all PTEs none.'),
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 2,
      values: [41, 42],
      note: 'do_anonymous_page() gives each page a RAM frame; they hold 41 and 42.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 2,
      id: 'to-device',
      note:
        'migrate_vma(): migrate_vma_collect() replaces each PTE by a migration entry, the ' +
        'driver’s alloc_and_copy() takes pages off its free list with dmirror_devmem_alloc_page() ' +
        '(get_page: 1 → 2, lock_page) and copies, migrate_vma_pages() → migrate_page() moves ' +
        'page->mapping, and migrate_vma_finalize() → remove_migration_pte() writes ' +
        'make_device_private_entry(): a non-present SWP_DEVICE_WRITE swap PTE. Each device page ' +
        'ends at refcount 2 (idle 1 + the mapping), mapcount 1; the RAM pages go back to the ' +
        'buddy allocator.',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 2,
      note:
        'hmm_vma_get_pfns() reads the special swap entries as HMM_PFN_DEVICE_UNADDRESSABLE with ' +
        'HMM_PFN_WRITE: DEV_PRIVATE_LOCAL | WRITE (0x22) for both pages.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 1,
      id: 'fault',
      note:
        'The CPU cannot load from device memory: handle_mm_fault() → do_swap_page() sees a ' +
        'device-private entry → device_private_entry_fault() → page->pgmap->page_fault = ' +
        'hmm_devmem_fault() → dmirror_devmem_fault(). The driver runs migrate_vma() over this one ' +
        'page: alloc_page_vma() for a RAM page, xa_erase() of its own mirror entry, ' +
        'copy_highpage(), migrate_page(), remove_migration_pte() → a present PTE. ' +
        'migrate_vma_finalize()’s put takes the device page from 2 to 1: ' +
        'put_zone_device_private_or_public_page() clears page->mapping, mem_cgroup_uncharge(), ' +
        'and calls page_free = hmm_devmem_free() → dmirror_devmem_free(): back on the free list. ' +
        'The load returns 41.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 1,
      note:
        'Migrating page 0 again: dmirror_devmem_alloc_page() pops the page freed a step ago from ' +
        'the recycled free list (pfn 0x3ffff0000 again). The page came home read-only, so the ' +
        'new device-private entry is read-only too. E1 cleared page->mapping when it was ' +
        'freed, so page_add_anon_rmap() sets up the new mapping correctly (the 2019 bug ' +
        '"mm/hmm: fix ZONE_DEVICE anon page mapping reuse" came from losing that clear).',
    },
    {
      op: 'exit',
      pid: 1,
      note:
        'exit_mmap() → zap_pte_range(): each device-private entry is cleared with ' +
        'page_remove_rmap() and put_page(), which brings the page to refcount 1 and runs ' +
        'hmm_devmem_free() synchronously. Both device pages are on the free list again; ' +
        'hmm_release() drops the device’s mirror of this mm.',
    },
  ],
});
