import { defineBuiltin } from './define';

/** The example of scenario-contract.md §2, narrated. */
export const migrateAndFaultBack = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'migrate-and-fault-back',
  title: 'Migrate to device memory, fault back on CPU access',
  summary:
    'Four anonymous pages move to DEVICE_PRIVATE memory with migrate_vma; a CPU load of one of ' +
    'them faults through do_swap_page into the driver, which migrates exactly that page back.',
  era: 'v4.14',
  machine: { ramPages: 4096, physBits: 46 },
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      id: 'hotplug',
      note:
        'Driver probe. hmm_devmem_add() searches the physical address space top-down for a free ' +
        '256 MiB slot (region_intersects() must say REGION_DISJOINT), claims it with ' +
        'devm_request_mem_region() as IORES_DESC_DEVICE_PRIVATE_MEMORY, and ' +
        'hmm_devmem_pages_create() calls add_pages() (struct pages, no linear mapping) and ' +
        'move_pfn_range_to_zone(ZONE_DEVICE). Every device page starts idle at refcount 1.',
    },
    {
      op: 'spawn',
      pid: 1,
      note: 'A new process with an empty mm (mm_alloc): no VMAs and no page tables yet.',
    },
    {
      op: 'mmap',
      pid: 1,
      addr: '0x10000000',
      npages: 4,
      prot: 'rw',
      flags: ['private', 'anonymous'],
      note:
        'mmap(MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS): do_mmap() → mmap_region() creates one VMA ' +
        'with VM_READ | VM_WRITE. Nothing is allocated yet: all four PTEs are none.',
    },
    {
      op: 'write',
      pid: 1,
      addr: '0x10000000',
      npages: 4,
      values: [10, 11, 12, 13],
      note:
        'Four CPU stores. Each one faults first: handle_mm_fault() → handle_pte_fault() → ' +
        'do_anonymous_page() allocates a zeroed page, page_add_new_anon_rmap() and a writable ' +
        'PTE. Each RAM page now has refcount 1 and mapcount 1.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: '0x10000000',
      npages: 4,
      id: 'migrate',
      note:
        'HMM_DMIRROR_MIGRATE_TO_DEV → migrate_vma(). migrate_vma_collect() swaps each PTE for a ' +
        'migration entry, migrate_vma_prepare() isolates the pages from the LRU, the driver’s ' +
        'alloc_and_copy() takes free device pages (get_page + lock_page) and copies, ' +
        'migrate_vma_pages() moves page->mapping, finalize_and_map() fills the device mirror, and ' +
        'migrate_vma_finalize() → remove_migration_ptes() installs DEVICE_PRIVATE swap entries. ' +
        'The RAM pages return to the buddy allocator; each device page ends at refcount 2 ' +
        '(idle 1 + one mapping), mapcount 1.',
    },
    {
      op: 'read',
      pid: 1,
      addr: '0x10000000',
      npages: 1,
      id: 'fault-back',
      note:
        'A CPU load the CPU cannot serve: do_swap_page() finds a device-private entry → ' +
        'device_private_entry_fault() → the devmem fault callback, where the driver runs ' +
        'migrate_vma() over exactly this page back to a new RAM page. The migration entry made ' +
        'from a swap PTE is read-only in v4.14, so the page comes back mapped read-only. The ' +
        'load returns 10; the device page drops to refcount 1 and hmm_devmem_free() returns it ' +
        'to the driver. The other three pages stay on the device.',
    },
  ],
});
