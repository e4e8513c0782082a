import { defineBuiltin } from './define';
import { mapBuffer, migrateBuffer } from './steps';
import { at } from './layout';

/** MADV_DONTNEED frees device-private pages; MADV_FREE skips them. */
export const madviseDevicePages = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'madvise-device-pages',
  title: 'MADV_FREE and MADV_DONTNEED on pages in device memory',
  summary:
    'madvise_free_pte_range() skips every non_swap_entry, including device-private entries: ' +
    'lazily freeable memory on the device is simply kept. MADV_DONTNEED goes through ' +
    'zap_pte_range(), which drops the device pages at once and gives them back to the driver. ' +
    'Afterwards the first pair still faults back with its data; the second reads zeros.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note: 'hmm_devmem_add() hotplugs 256 MiB of DEVICE_PRIVATE memory.',
    },
    { op: 'spawn', pid: 1, note: 'A process with an empty mm (execve).' },
    mapBuffer(4, 'A four-page private anonymous VMA.'),
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 4,
      values: [1, 2, 3, 4],
      note: 'do_anonymous_page() allocates four RAM pages holding 1..4.',
    },
    migrateBuffer(
      4,
      'migrate_vma() moves all four pages to the device: four device-private entries.',
    ),
    {
      op: 'madvise',
      pid: 1,
      addr: at(0),
      npages: 2,
      advice: 'free',
      id: 'madv-free',
      note:
        'MADV_FREE on pages 0-1: madvise_free_pte_range() fires the mmu notifier (the device ' +
        'drops its two entries) but skips both PTEs: non_swap_entry() is true for device-private ' +
        'entries. The pages stay on the device with their data.',
    },
    {
      op: 'madvise',
      pid: 1,
      addr: at(2),
      npages: 2,
      advice: 'dontneed',
      id: 'madv-dontneed',
      note:
        'MADV_DONTNEED on pages 2-3: madvise_dontneed() → zap_pte_range() clears each ' +
        'device-private entry, page_remove_rmap(), put_page(): refcount 2 → 1, so ' +
        'hmm_devmem_free() runs at once and dmirror_devmem_free() puts the pages back on the free ' +
        'list.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 4,
      note:
        'Pages 0-1 fault through do_swap_page() and the driver migrates them home: 1 and 2. ' +
        'Pages 2-3 are pte_none: do_anonymous_page() maps the zero page, and they read 0.',
    },
  ],
});
