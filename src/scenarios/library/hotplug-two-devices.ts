import { defineBuiltin } from './define';

const A = '0x10000000';
const C = '0x10002000';

/** Two hotplugged devices side by side: unaddressable (private) and CPU-addressable (public). */
export const hotplugTwoDevices = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'hotplug-two-devices',
  title: 'Two devices: DEVICE_PRIVATE next to DEVICE_PUBLIC',
  summary:
    'Two drivers hotplug device memory in turn, each in its own section-aligned slot below the ' +
    'last. Half a buffer moves to each: private pages become special swap entries that fault, ' +
    'public pages stay present (devmap) PTEs the CPU reads directly.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note:
        'hmm_devmem_add() takes the highest free 256 MiB slot below min(2^physBits, 2^46) and marks it ' +
        'IORES_DESC_DEVICE_PRIVATE_MEMORY; add_pages() creates struct pages without a linear ' +
        'mapping because the CPU cannot address this memory.',
    },
    {
      op: 'device_add',
      device: 'dmirror1',
      type: 'public',
      note:
        'The second device is cache-coherent DEVICE_PUBLIC memory. Its range must not overlap ' +
        'dmirror0’s (region_intersects() is not DISJOINT there) nor share a section with it ' +
        '(hmm_devmem_radix); it is tagged IORES_DESC_DEVICE_PUBLIC_MEMORY, and ' +
        'arch_add_memory() gives it a linear mapping: the CPU can load from it.',
    },
    { op: 'spawn', pid: 1, note: 'One process, empty mm.' },
    {
      op: 'mmap',
      pid: 1,
      addr: A,
      npages: 4,
      prot: 'rw',
      flags: ['private', 'anonymous'],
      note: 'A private anonymous VMA of four pages (mmap_region); no page allocated yet.',
    },
    {
      op: 'write',
      pid: 1,
      addr: A,
      npages: 4,
      values: [1, 2, 3, 4],
      note: 'do_anonymous_page() allocates four RAM pages; the stores fill them with 1..4.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: A,
      npages: 2,
      note:
        'Pages 0-1 move to dmirror0 with migrate_vma(). remove_migration_pte() sees a ' +
        'device-private new page and writes make_device_private_entry(): a non-present PTE.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror1',
      pid: 1,
      addr: C,
      npages: 2,
      note:
        'Pages 2-3 move to dmirror1. For DEVICE_PUBLIC memory remove_migration_pte() builds a ' +
        'present PTE with pte_mkdevmap(): the CPU maps device memory directly.',
    },
    {
      op: 'dmirror_snapshot',
      device: 'dmirror0',
      pid: 1,
      addr: A,
      npages: 4,
      note:
        'HMM_DMIRROR_SNAPSHOT from dmirror0 walks the CPU page table (hmm_vma_get_pfns): pages ' +
        '0-1 are its own device-private pages (DEV_PRIVATE_LOCAL | WRITE, 0x22); pages 2-3 are ' +
        'present, writable CPU mappings (WRITE, 0x02) although they live in the other device.',
    },
    {
      op: 'read',
      pid: 1,
      addr: A,
      npages: 4,
      note:
        'Four CPU loads. Pages 0-1 fault: do_swap_page() → device_private_entry_fault() → ' +
        'dmirror0 migrates each page back. Pages 2-3 are present devmap PTEs: no fault, the ' +
        'loads read device memory. The values are 1, 2, 3, 4.',
    },
    {
      op: 'munmap',
      pid: 1,
      addr: C,
      npages: 2,
      note:
        'munmap() of pages 2-3: zap_pte_range() clears the devmap PTEs and page_remove_rmap(); ' +
        'release_pages() special-cases DEVICE_PUBLIC pages in v4.14, so put_page() brings each ' +
        'to refcount 1 and the free callback returns it to dmirror1. No page of dmirror1 is in ' +
        'use any more.',
    },
    {
      op: 'device_remove',
      device: 'dmirror1',
      note:
        'hmm_devmem_remove(): percpu_ref_kill() and wait for every holder (none is left), then ' +
        'arch_remove_memory() removes the struct pages. Only private ranges get ' +
        'devm_release_mem_region(), so dmirror1’s public resource stays in the iomem tree. ' +
        'v4.14 does not check that the pages are unused: removing a device whose pages are ' +
        'still mapped leaves dangling PTEs.',
    },
  ],
});
