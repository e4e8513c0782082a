import type { ScenarioExpectation } from './expect';
import { Errno } from '../../model/ops';
import { ok, cpu, cmd, err, stuck, pins } from './expect';

const { EFAULT, EINVAL, ENODEV, ENOENT, ENOTTY, EPERM } = Errno;

/**
 * Expected results of the selftest ports: ret / cpages / faults / data at every step, as
 * tools/testing/selftests/mm/hmm-tests.c asserts them (scaled down to a few pages), except
 * where v4.14 differs, which the scenario's notes explain (livelocks, snapshot bytes).
 */
export const selftestExpectations: Readonly<Record<string, ScenarioExpectation>> = {
  'selftest-anon-read': {
    steps: [ok, ok, ok, ok, ok, cpu([0]), cmd(0, 6, 1, { values: [0, 0, 2, 3, 4, 5] })],
  },
  'selftest-anon-read-prot': {
    steps: [ok, ok, ok, ok, ok, cmd(-EFAULT, 0, 0, { values: [] }), ok, cpu([0, 1, 2, 3])],
  },
  'selftest-anon-write': { steps: [ok, ok, ok, cmd(0, 4, 1), cpu([0, 1, 2, 3])] },
  'selftest-anon-write-prot': {
    steps: [
      ok,
      ok,
      ok,
      cmd(0, 1, 1, { values: [0] }),
      cmd(-EPERM, 0, 0),
      cpu([0, 0, 0, 0]),
      ok,
      cmd(0, 4, 1),
      cpu([0, 1, 2, 3]),
    ],
  },
  'selftest-anon-write-child': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      ok,
      cpu([0, 1, 2, 3]),
      cmd(0, 4, 1),
      cpu([0, -1, -2, -3]),
      ok,
      cpu([0, 1, 2, 3]),
    ],
  },
  'selftest-anon-write-child-migrate': {
    steps: [ok, ok, ok, ok, cmd(0, 4, 0), ok, stuck('0x10000000'), ok, cpu([0, 1, 2, 3])],
  },
  'selftest-anon-write-child-shared': {
    steps: [ok, ok, ok, ok, ok, cmd(0, 4, 1), ok, cpu([0, -1, -2, -3])],
  },
  'selftest-migrate': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      cmd(0, 4, 0),
      cmd(0, 4, 0, { values: [0, 1, 2, 3] }),
      cmd(0, 4, 0, { bytes: [0x22, 0x22, 0x22, 0x22] }),
    ],
  },
  'selftest-migrate-fault': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      cmd(0, 4, 0),
      cpu([0, 1]),
      cmd(0, 4, 0),
      cmd(0, 4, 0, { values: [0, 1, 2, 3] }),
    ],
  },
  'selftest-migrate-release': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      cmd(0, 4, 0),
      cmd(0, 4, 0, { values: [0, 1, 2, 3] }),
      err(-ENOTTY),
      cpu([0, 1]),
    ],
  },
  'selftest-migrate-shared': { steps: [ok, ok, ok, cmd(-ENOENT, 0, 0)] },
  'selftest-migrate-mixed': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      cmd(-EINVAL, 0, 0),
      ok,
      cmd(-EINVAL, 0, 0),
      ok,
      cpu([0]),
      ok,
      ok,
      ok,
      ok,
      ok,
      cmd(0, 4, 0),
      cmd(-ENOENT, 0, 0),
      cmd(0, 4, 0, { bytes: [0x31, 0x31, 0x32, 0x31] }),
    ],
  },
  'selftest-migrate-multiple': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      cmd(0, 4, 0),
      cpu([0, 1, 2, 3]),
      ok,
      ok,
      ok,
      cmd(0, 4, 0),
      cpu([0, 1, 2, 3]),
      ok,
      ok,
      ok,
      cmd(0, 4, 0),
      cpu([0, 1, 2, 3]),
      ok,
    ],
  },
  'selftest-anon-read-multiple': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      cmd(0, 4, 1, { values: [0, 1, 2, 3] }),
      ok,
      ok,
      ok,
      cmd(0, 4, 1, { values: [1, 2, 3, 4] }),
      ok,
      ok,
      ok,
      cmd(0, 4, 1, { values: [2, 3, 4, 5] }),
      ok,
    ],
  },
  'selftest-snapshot': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      ok,
      ok,
      cpu([0]),
      ok,
      ok,
      ok,
      ok,
      ok,
      cmd(0, 1, 0),
      cmd(0, 1, 0),
      cmd(0, 7, 0, { bytes: [0x00, 0xff, 0x11, 0x01, 0x02, 0x22, 0x32] }),
    ],
  },
  'selftest-double-map': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      ok,
      ok,
      cmd(0, 4, 1, { values: [0, 1, 2, 3] }),
      cmd(0, 4, 1, { values: [0, 1, 2, 3] }),
      cmd(0, 4, 0),
      cmd(0, 4, 1, { values: [0, 1, 2, 3] }),
    ],
  },
  'selftest-hmm-gup-test': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      cmd(0, 4, 0),
      pins(0, 1),
      pins(0, 1),
      pins(0, 1),
      pins(0, 1),
      pins(0, 1),
      pins(0, 1),
      pins(0, 1),
      pins(0, 1),
      cmd(0, 4, 0, { bytes: [0x02, 0x02, 0x02, 0x02] }),
      cpu([0, 1, 2, 3]),
    ],
  },
  // v4.14 has no HMM_DMIRROR_EXCLUSIVE / CHECK_EXCLUSIVE (device-exclusive entries are v5.14):
  // -ENOTTY, and the CPU steps run on plain system pages.
  'selftest-exclusive': {
    steps: [ok, ok, ok, ok, err(-ENOTTY), cpu([0, 1, 2, 3]), ok, cpu([1, 2, 3, 4]), err(-ENOTTY)],
  },
  'selftest-exclusive-mprotect': {
    steps: [ok, ok, ok, ok, err(-ENOTTY), ok, cmd(-EPERM, 0, 0)],
  },
  'selftest-exclusive-cow': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      err(-ENOTTY),
      ok,
      cpu([0, 1, 2, 3]),
      ok,
      cpu([1, 2, 3, 4]),
      cpu([0, 1, 2, 3]),
      ok,
      cpu([1, 2, 3, 4]),
      ok,
    ],
  },
  // v4.14 has no DEVICE_COHERENT: the probe is -ENOTTY and the ioctls find no device (-ENODEV).
  'selftest-hmm-gup-test-coherent': {
    steps: [
      err(-ENOTTY),
      ok,
      ok,
      ok,
      err(-ENODEV),
      ...[0, 1, 2, 3].flatMap(() => [pins(0, 1), pins(0, 1)]),
      err(-ENODEV),
      cpu([0, 1, 2, 3]),
    ],
  },
  'selftest-hmm-cow-in-device': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      cmd(0, 4, 0),
      ok,
      stuck('0x10000000'),
      ok,
      ok,
      cmd(0, 4, 0, { bytes: [0x02, 0x02, 0x02, 0x02] }),
    ],
  },
};
