import { defineBuiltin } from './define';
import { mapBuffer, migrateBuffer } from './steps';
import { at } from './layout';

/** The driver's fault callback finds no system page: VM_FAULT_OOM, and the entry survives. */
export const faultOom = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'fault-oom',
  title: 'No memory to fault a page home: VM_FAULT_OOM',
  summary:
    'The driver’s fault callback must allocate a system page to copy into. When it cannot, it ' +
    'returns VM_FAULT_OOM and the arch fault handler calls pagefault_out_of_memory(); the ' +
    'device-private entry stays, so the data is not lost, and once memory is available the same ' +
    'access succeeds. The memcg cannot be the cause: mem_cgroup_migrate() force-charges.',
  era: 'v4.14',
  steps: [
    {
      op: 'device_add',
      device: 'dmirror0',
      type: 'private',
      note: 'hmm_devmem_add() hotplugs 256 MiB of DEVICE_PRIVATE memory.',
    },
    { op: 'spawn', pid: 1, note: 'A process with an empty mm (execve).' },
    mapBuffer(2, 'A two-page private anonymous VMA.'),
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: 2,
      values: [1, 2],
      note: 'do_anonymous_page(): the pages hold 1 and 2.',
    },
    migrateBuffer(
      2,
      'migrate_vma() moves both pages to the device: two writable device-private entries.',
    ),
    {
      op: 'inject',
      device: 'dmirror0',
      fault: 'oom',
      note: 'From now on the driver’s fault callback fails to allocate system memory.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 2,
      id: 'oom',
      note:
        'do_swap_page() → device_private_entry_fault() → hmm_devmem_fault() → ' +
        'dmirror_devmem_fault() returns VM_FAULT_OOM before touching anything. The fault ' +
        'handler calls pagefault_out_of_memory() (the OOM killer would now pick a victim) and ' +
        'the load does not complete. The device-private entry is unchanged.',
    },
    {
      op: 'inject',
      device: 'dmirror0',
      fault: 'none',
      note: 'Memory is available again.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: 2,
      note: 'The same loads now fault the pages home through migrate_vma(): 1 and 2.',
    },
  ],
});
