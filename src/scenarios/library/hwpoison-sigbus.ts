import { defineBuiltin } from './define';
import { mapBuffer } from './steps';
import { at } from './layout';

/** memory_failure: a frame goes bad; every mapping becomes a hwpoison entry; access → SIGBUS. */
export const hwpoisonSigbus = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'hwpoison-sigbus',
  title: 'A RAM frame goes bad: hwpoison entries and SIGBUS',
  summary:
    'A page shared copy-on-write by a parent and its child sits in a frame that reports an ' +
    'uncorrectable memory error. memory_failure() marks the page PG_hwpoison and keeps it out of ' +
    'use; hwpoison_user_mappings() runs try_to_unmap(TTU_HWPOISON), which replaces the PTE in ' +
    'both processes with a hwpoison swap entry. Nobody is killed yet (early kill is off by ' +
    'default): the child dies with SIGBUS when it touches the page (do_swap_page → ' +
    'VM_FAULT_HWPOISON), the parent keeps running until it touches it too. Device memory is ' +
    'different in v4.14 (memory_failure_dev_pagemap arrives in v4.19): the device page is marked ' +
    'PG_hwpoison and gets an extra reference, but it is not on the LRU, so no mapping is touched ' +
    'and memory_failure() answers -EBUSY. That reference then makes every migration of the page ' +
    'fail (migrate_page_move_mapping: page_count ≠ expected), so the next CPU access faults ' +
    'forever.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note: 'hmm_devmem_add() hotplugs 256 MiB of DEVICE_PRIVATE memory (used at the end).',
    },
    { op: 'spawn', pid: 1, note: 'The parent process (execve).' },
    mapBuffer(2, 'do_mmap(): a two-page private anonymous VMA.'),
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 2,
      values: [7, 8],
      note: 'do_anonymous_page() allocates two RAM frames holding 7 and 8.',
    },
    {
      op: 'fork',
      pid: 1,
      child: 2,
      note: 'copy_one_pte() write-protects both pages and shares them with the child: mapcount 2.',
    },
    {
      op: 'memory_failure',
      pid: 1,
      addr: at(0),
      npages: 1,
      note:
        'memory_failure() on the frame behind page 0: PG_hwpoison, one reference kept; ' +
        'try_to_unmap_one() installs a hwpoison entry in both mms and drops their RSS.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(1),
      npages: 1,
      note: 'The healthy page is untouched: the parent reads 8 with no fault.',
    },
    {
      op: 'read',
      pid: 2,
      addr: at(0),
      npages: 1,
      note:
        'The child touches the poisoned page: handle_pte_fault → do_swap_page() sees a hwpoison ' +
        'entry → VM_FAULT_HWPOISON → SIGBUS; the child dies and exit_mmap() clears its entry.',
    },
    {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: at(1),
      npages: 1,
      note: 'migrate_vma() moves the healthy page to the device: a device-private entry.',
    },
    {
      op: 'memory_failure',
      pid: 1,
      addr: at(1),
      npages: 1,
      note:
        'memory_failure() on device memory: pfn_valid() holds (the device has struct pages), so ' +
        'v4.14 sets PG_hwpoison and get_hwpoison_page() takes a reference it never drops; the page ' +
        'is not on the LRU, so hwpoison_user_mappings() is skipped (goto identify_page_state): ' +
        'me_unknown → page_action() "still referenced" → -EBUSY. The device-private entry stays.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(1),
      npages: 1,
      note:
        'The parent reads page 1: do_swap_page() → dmirror_devmem_fault() → migrate_vma(), but ' +
        'migrate_page_move_mapping() finds page_count 3 where it expects 2 (the hwpoison ' +
        'reference): -EAGAIN, the entry is restored, the fault returns and repeats: a livelock.',
    },
  ],
});
