import { defineBuiltin } from './define';
import { mapBuffer } from './steps';
import { at } from './layout';

/** Tearing down mappings of device pages: munmap of part of a VMA, then exit. */
export const munmapExitDevicePages = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'munmap-exit-device-pages',
  title: 'munmap() and exit() release pages in device memory',
  summary:
    'zap_pte_range() treats a device-private entry like a mapped page: page_remove_rmap(), ' +
    'MM_ANONPAGES−−, put_page(), and the driver’s free callback runs synchronously when the ' +
    'refcount reaches 1. munmap() of half the buffer splits the VMA; exit() releases the rest. ' +
    'With no page left in use, removing the device is safe.',
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
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: 4,
      note:
        'migrate_vma() moves all four to the device. MM_ANONPAGES is still 4: device-private ' +
        'entries count as anonymous pages.',
    },
    {
      op: 'munmap',
      pid: 1,
      addr: at(0),
      npages: 2,
      id: 'munmap',
      note:
        'do_munmap() splits the VMA and unmap_region() → zap_pte_range() clears pages 0-1: the ' +
        'mmu notifier drops the device’s entries, page_remove_rmap() and put_page() take each ' +
        'device page to refcount 1 and hmm_devmem_free() returns it to the driver at once (no ' +
        'mmu_gather batching for private pages).',
    },
    {
      op: 'dmirror_read',
      device: 'dmirror0',
      pid: 1,
      addr: at(2),
      npages: 2,
      note:
        'The device still has pages 2-3 in its page table: dmirror_do_read() reads 3 and 4 ' +
        'without a fault.',
    },
    {
      op: 'exit',
      pid: 1,
      id: 'exit',
      note:
        'do_exit() → exit_mmap() → zap_pte_range() frees pages 2-3 the same way, and ' +
        'hmm_release() (the mmu notifier’s release) drops the device’s mirror of this mm.',
    },
    {
      op: 'device_remove',
      device: 'dmirror0',
      note:
        'No device page is referenced any more, so hmm_devmem_remove() is safe: ' +
        'hmm_devmem_ref_kill(), __remove_pages(), release of the region. Compare ' +
        'hotplug-remove-while-mapped.',
    },
  ],
});
