import { defineBuiltin } from './define';
import { exclusiveSetup } from './steps';
import { at, iota } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, exclusive) (v5.14+), 4 pages. */
export const selftestExclusive = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-exclusive',
  title: 'Selftest exclusive: the device takes pages for atomic access, the CPU takes them back',
  summary:
    'Port of hmm-tests.c exclusive, scaled to 4 pages. HMM_DMIRROR_EXCLUSIVE calls ' +
    'make_device_exclusive_range(): each PTE becomes a device-exclusive entry and the device ' +
    'maps the page atomically. The CPU’s ptr[i]++ faults on each entry: do_swap_page() → ' +
    'remove_device_exclusive_entry() restores the PTE and revokes the device’s atomic mapping, ' +
    'so CHECK_EXCLUSIVE finds none left. v4.14 has no device-exclusive entries (-ENOTTY).',
  era: 'v4.14',
  steps: [
    ...exclusiveSetup(N),
    {
      op: 'dmirror_exclusive',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      id: 'exclusive',
      note:
        'make_device_exclusive_range(): GUP with FOLL_WRITE, then page_make_device_exclusive_one() ' +
        'swaps each PTE for a writable device-exclusive entry (the entry keeps the page ' +
        'reference, the mapcount drops to 0); dmirror_atomic_map() stores ATOMIC entries. ret 0, ' +
        'cpages 4.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N,
      note:
        'The CPU reads ptr[i]: each load faults on its device-exclusive entry; ' +
        'remove_device_exclusive_entry() restores the present PTE (MMU_NOTIFY_EXCLUSIVE drops ' +
        'the device’s atomic entry) and the load is replayed: 0 1 2 3.',
    },
    {
      op: 'write',
      pid: 1,
      addr: at(0),
      npages: N,
      values: iota(N, (i) => i + 1),
      note: 'ptr[i]++: the restored PTEs are writable, so the stores need no fault.',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N,
      note: 'The CPU reads ptr[i] == i + 1.',
    },
    {
      op: 'dmirror_check_exclusive',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      id: 'check',
      note: 'HMM_DMIRROR_CHECK_EXCLUSIVE: no ATOMIC entry is left, atomic access was revoked: 0.',
    },
  ],
});
