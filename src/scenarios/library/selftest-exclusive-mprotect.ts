import { defineBuiltin } from './define';
import { exclusiveSetup } from './steps';
import { at, iota } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, exclusive_mprotect) (v5.14+), 4 pages. */
export const selftestExclusiveMprotect = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-exclusive-mprotect',
  title: 'Selftest exclusive_mprotect: mprotect downgrades a device-exclusive entry',
  summary:
    'Port of hmm-tests.c exclusive_mprotect, scaled to 4 pages. After HMM_DMIRROR_EXCLUSIVE, ' +
    'mprotect(PROT_READ) turns each writable device-exclusive entry into a readable one ' +
    '(change_pte_range) and its notifier drops the device’s entries; a device write then ' +
    'needs a write fault the VMA no longer allows: -EPERM. v4.14 has no device-exclusive ' +
    'entries (-ENOTTY).',
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
        'make_device_exclusive_range(): four writable device-exclusive entries, four ATOMIC ' +
        'device entries. ret 0, cpages 4.',
    },
    {
      op: 'mprotect',
      pid: 1,
      addr: at(0),
      npages: N,
      prot: 'r',
      note:
        'change_pte_range(): is_writable_device_exclusive_entry → ' +
        'make_readable_device_exclusive_entry; the invalidation erases the device’s entries.',
    },
    {
      op: 'dmirror_write',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      values: iota(N),
      id: 'eperm',
      note:
        'The device write finds no entry and asks hmm_range_fault() for a write fault on a ' +
        'VMA without VM_WRITE: -EPERM, as the selftest asserts.',
    },
  ],
});
