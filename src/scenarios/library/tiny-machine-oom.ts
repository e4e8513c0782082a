import { defineBuiltin } from './define';
import { mapBuffer } from './steps';
import { at, iota } from './layout';

/** A machine with 16 pages of RAM: device memory frees RAM, and RAM runs out for the way back. */
export const tinyMachineOom = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'tiny-machine-oom',
  title: 'A 16-page machine runs out of RAM: device pages cannot come home',
  summary:
    'With 64 KiB of System RAM (14 usable pages: pfn 0 is the BIOS page, the last frame is the ' +
    'kernel image’s zero page), migrating pages to the ' +
    'device frees RAM that the process then fills. A store finds no page (VM_FAULT_OOM from ' +
    'do_anonymous_page()), and a load of a device page fails too: migrate_vma()’s ' +
    'alloc_and_copy() gets no page, nothing migrates, and the driver answers VM_FAULT_OOM. ' +
    'MADV_DONTNEED frees two pages and the load succeeds.',
  era: 'v4.14',
  machine: { ramPages: 16, physBits: 46 },
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note:
        'hmm_devmem_add() hotplugs 256 MiB of device memory, far more than the 64 KiB of RAM. ' +
        'Struct pages for a private range need no RAM page in this model.',
    },
    { op: 'spawn', pid: 1, note: 'A process with an empty mm (execve).' },
    mapBuffer(24, 'A 24-page private anonymous VMA: bigger than RAM.'),
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 8,
      values: iota(8, (i) => i + 1),
      note: 'do_anonymous_page() takes 8 of the 14 free RAM pages; they hold 1..8.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 8,
      note:
        'migrate_vma() moves the 8 pages to the device; putback_lru_page() drops the last ' +
        'reference to each RAM page and free_hot_cold_page() returns it: 14 pages free again.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(8),
      npages: 16,
      value: 100,
      id: 'store-oom',
      note:
        'Stores to pages 8..23: the first 14 get a page each; for page 22 ' +
        '__alloc_pages_nodemask() fails, do_anonymous_page() returns VM_FAULT_OOM and the fault ' +
        'handler calls pagefault_out_of_memory(). RAM is full.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 1,
      id: 'load-oom',
      note:
        'A load of page 0 faults into dmirror_devmem_fault(): migrate_vma() collects the page ' +
        '(read migration entry), but alloc_page_vma() fails in alloc_and_copy(), so dst stays 0 ' +
        'and migrate_vma_finalize() → remove_migration_pte() restores the device-private entry, ' +
        'now read-only: the collect dropped the write bit even though nothing moved. The driver ' +
        'returns VM_FAULT_OOM.',
    },
    {
      op: 'madvise',
      pid: 1,
      addr: at(8),
      npages: 2,
      advice: 'dontneed',
      note:
        'MADV_DONTNEED on pages 8-9: zap_pte_range() unmaps them, page_remove_rmap(), and ' +
        'free_hot_cold_page() returns two RAM pages to the buddy allocator.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 2,
      note:
        'Now alloc_page_vma() succeeds: pages 0 and 1 fault home through migrate_vma() and read ' +
        '1 and 2.',
    },
  ],
});
