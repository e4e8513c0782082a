import { Errno } from '../../model/ops';
import type { ScenarioExpectation } from './expect';
import { ok, cpu, cmd, bug, stuck, cpuOom, storeOom, killed, pins, err } from './expect';

const { ENOENT } = Errno;

/**
 * Expected results of the seed-idea scenarios, step by step (hand-checked against the kernel
 * semantics; see each scenario's notes). A step listed with bug() must report exactly those
 * invariant violations: they are the v4.14 kernel bugs the scenario demonstrates.
 */
export const seedExpectations: Readonly<Record<string, ScenarioExpectation>> = {
  'migrate-and-fault-back': { steps: [ok, ok, ok, ok, cmd(0, 4, 0), cpu([10])] },
  'device-private-lifecycle': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      cmd(0, 2, 0),
      cmd(0, 2, 0, { bytes: [0x22, 0x22] }),
      cpu([41]),
      cmd(0, 1, 0),
      ok,
    ],
  },
  'readonly-migrate-back': {
    steps: [ok, ok, ok, ok, cmd(0, 1, 0), ok, cpu([2]), cmd(0, 1, 0, { bytes: [0x02] })],
  },
  'hotplug-two-devices': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      ok,
      cmd(0, 2, 0),
      cmd(0, 2, 0),
      cmd(0, 4, 0, { bytes: [0x22, 0x22, 0x02, 0x02] }),
      cpu([1, 2, 3, 4]),
      ok,
      ok,
    ],
  },
  'hotplug-remove-while-mapped': {
    bugs: ['I-17'],
    steps: [
      ok,
      ok,
      ok,
      ok,
      ok,
      cmd(0, 2, 0),
      bug(ok, ['I-17']),
      killed('SIGBUS', '0x10000000', []),
      ok,
    ],
  },
  'fork-cow-device-private': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      cmd(0, 2, 0),
      ok,
      cmd(0, 2, 0, { bytes: [0x21, 0x21] }),
      stuck('0x10000000'),
      ok,
      ok,
      cpu([100, 2]),
    ],
  },
  'mprotect-device-private': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      cmd(0, 2, 0),
      ok,
      cmd(0, 2, 0, { bytes: [0x22, 0x22] }),
      ok,
      ok,
      cmd(0, 2, 0, { bytes: [0x21, 0x21] }),
      ok,
      cpu([5, 2]),
      ok,
    ],
  },
  'mprotect-exec-loses-write': {
    steps: [ok, ok, ok, ok, cmd(0, 1, 0), ok, cmd(0, 1, 0, { bytes: [0x21] }), ok, cpu([8])],
  },
  'madvise-device-pages': { steps: [ok, ok, ok, ok, cmd(0, 4, 0), ok, ok, cpu([1, 2, 0, 0])] },
  'munmap-exit-device-pages': {
    steps: [ok, ok, ok, ok, cmd(0, 4, 0), ok, cmd(0, 2, 0, { values: [3, 4] }), ok, ok],
  },
  'gup-pins-device-page': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      cmd(0, 2, 0),
      pins(0, 1),
      cmd(-ENOENT, 0, 0),
      pins(0, 1),
      cmd(0, 1, 0),
      cpu([7, 8]),
    ],
  },
  'device-public-cpu-access': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      cmd(0, 2, 0),
      cpu([1, 2]),
      ok,
      ok,
      cpu([3, 2]),
      cmd(0, 0, 0),
      ok,
      cmd(0, 2, 0),
      cpu([3, 2]),
    ],
  },
  'device-public-cow-hole-no-fork': {
    bugs: ['I-14', 'I-7'],
    steps: [ok, ok, ok, ok, cmd(0, 1, 0), ok, ok, bug(ok, ['I-14', 'I-7']), cpu([6])],
  },
  'device-public-shmem-refault': {
    bugs: ['I-5'],
    steps: [ok, ok, ok, ok, cmd(0, 1, 0), ok, bug(cpu([5]), ['I-5'])],
  },
  'device-public-cow-hole': {
    bugs: ['I-14', 'I-7'],
    steps: [
      ok,
      ok,
      ok,
      ok,
      cmd(0, 2, 0),
      ok,
      bug(ok, ['I-14', 'I-7']),
      cpu([9, 2]),
      bug(cpu([1, 2]), ['I-7']),
      bug(ok, ['I-14']),
      bug(ok, ['I-7']),
    ],
  },
  'hwpoison-sigbus': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      ok,
      ok,
      cpu([8]),
      killed('SIGBUS', '0x10000000', []),
      cmd(0, 1, 0),
      err(-16),
      stuck('0x10001000'),
    ],
  },
  'device-error-sigbus': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      ok,
      ok,
      ok,
      cmd(0, 2, 0),
      cmd(0, 1, 0),
      ok,
      killed('SIGBUS', '0x10000000', []),
      ok,
      cpu([20]),
    ],
  },
  'fault-oom': { steps: [ok, ok, ok, ok, cmd(0, 2, 0), ok, cpuOom('0x10000000'), ok, cpu([1, 2])] },
  'tiny-machine-oom': {
    steps: [
      ok,
      ok,
      ok,
      ok,
      cmd(0, 8, 0),
      storeOom('0x10016000'),
      cpuOom('0x10000000'),
      ok,
      cpu([1, 2]),
    ],
  },
};
