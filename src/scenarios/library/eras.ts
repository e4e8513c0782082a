/**
 * Every built-in also runs in v6.12 (scenario-contract.md `sim run --era`). This table says, per
 * scenario, which steps answer differently there and why (kernel-semantics.md §4.1 E5, checked in
 * docs/kernel-notes-v6.12.md), and for the scenarios that exist to show a v4.14 bug, which change
 * fixed it. Steps not listed expect what the v4.14 table says; no step may break an invariant of
 * v6.12 (I-1' instead of I-1).
 */
import { Errno } from '../../model/ops';
import type { StepExpectation } from './expect';
import { cmd, cpu, err, ok, stuck } from './expect';

const { EINVAL, ENODEV, ENOENT, ENOTTY } = Errno;

export interface EraVariant {
  /** Step index → what v6.12 returns instead. */
  readonly steps?: Readonly<Record<number, StepExpectation>>;
  /** For a scenario built around a v4.14 bug: how v6.12 behaves and which change fixed it. */
  readonly fixed?: string;
  /** Why the answers differ, when no bug is involved. */
  readonly note?: string;
}

const MAP_PTE_FIX =
  'Fixed: the rmap walk sees device-private entries since "mm/rmap: map_pte() was not handling ' +
  'private ZONE_DEVICE page properly" (R. Campbell, sent in J. Glisse\u2019s HMM series, v4.20); v6.12 try_to_migrate() finds the other ' +
  'mm\u2019s entry and the fault migrates both mappings home.';

const PUBLIC_GONE =
  'DEVICE_PUBLIC was removed in v5.3 (25b2995a35b6 "mm: remove MEMORY_DEVICE_PUBLIC support"): ' +
  'device_add refuses it (-ENOTTY) and the ioctls on the missing device return -ENODEV. Its ' +
  'successor is DEVICE_COHERENT (v6.0, f25cbb7a95a2).';

const EXCLUSIVE =
  'Device-exclusive entries arrived in v5.14 (b756a3b5e7ea, make_device_exclusive_range): ' +
  'v6.12 runs HMM_DMIRROR_EXCLUSIVE and CHECK_EXCLUSIVE as the selftest asserts; v4.14 answers ' +
  '-ENOTTY.';

const COHERENT =
  'DEVICE_COHERENT arrived in v6.0 (f25cbb7a95a2): v6.12 answers as the selftest\u2019s coherent ' +
  'fixture variant asserts; v4.14 refuses the device (-ENOTTY) and its ioctls find none.';

/** The v6.12 migration-entry sleeper holds no page reference (migration_entry_wait_on_locked). */
const WAIT_NO_REF =
  'v6.12 migration_entry_wait → migration_entry_wait_on_locked (mm/filemap.c) sleeps without a ' +
  'page reference (since v6.0), so folio_migrate_mapping’s refcount check passes and every page ' +
  'moves; in v4.14 the sleeper’s get_page_unless_zero() made migrate_page_move_mapping return ' +
  '-EAGAIN for the page it slept on.';

export const v612Variants: Readonly<Record<string, EraVariant>> = {
  'migration-entry-wait': {
    steps: { 8: { result: { ret: 0, cpages: 2, faults: 0 } } },
    note:
      WAIT_NO_REF +
      ' The woken load then meets the new device-private entry and migrate_to_ram brings the ' +
      'page home to read 10.',
  },
  'migration-entry-munmap': {
    steps: { 11: { result: { ret: 0, cpages: 2, faults: 0 } } },
    note:
      WAIT_NO_REF +
      ' Both pages move, nothing is mapped, both new device pages are freed at finalize — and ' +
      'the ioctl’s read-back succeeds through the stale entries test_hmm’s finalize_and_map ' +
      'stored for them.',
  },

  'device-private-lifecycle': {
    note:
      'Same answers; idle device pages sit at refcount 0 instead of 1 ("mm: free device private ' +
      'pages have zero refcount", ef233450898f, v6.1) and the driver takes them with ' +
      'zone_device_page_init().',
  },
  'readonly-migrate-back': {
    fixed:
      'Fixed: the write bit survives the round trip ("mm/migrate: properly preserve write ' +
      'attribute in special migrate entry", R. Campbell, queued in -mm for v4.17: ' +
      'migrate_vma_collect_pmd takes MIGRATE_PFN_WRITE from is_write_device_private_entry(), not ' +
      'from pte_write() of the swap PTE). The CPU write takes one fault, not two.',
  },
  'hotplug-two-devices': {
    steps: { 1: err(-ENOTTY), 6: { result: { ret: -ENODEV } }, 10: err(-ENODEV) },
    note: PUBLIC_GONE,
  },
  'hotplug-remove-while-mapped': {
    steps: { 7: cpu([5, 6]) },
    fixed:
      'Fixed: unbinding evicts device memory first (dmirror_device_remove_chunks → ' +
      'migrate_device_range, and a pgmap reference per allocated page, 0dc45ca1ce18, v6.1): the ' +
      'CPU reads its data back from system memory.',
  },
  'fork-cow-device-private': { steps: { 7: cpu([1]) }, fixed: MAP_PTE_FIX },
  'device-public-cpu-access': {
    steps: {
      0: err(-ENOTTY),
      4: { result: { ret: -ENODEV } },
      9: { result: { ret: -ENODEV } },
      11: { result: { ret: -ENODEV } },
    },
    note: PUBLIC_GONE,
  },
  'device-public-cow-hole': {
    steps: { 0: err(-ENOTTY), 4: { result: { ret: -ENODEV } } },
    fixed: `The COW accounting hole went with DEVICE_PUBLIC. ${PUBLIC_GONE}`,
  },
  'device-public-cow-hole-no-fork': {
    steps: { 0: err(-ENOTTY), 4: { result: { ret: -ENODEV } } },
    fixed: `The COW accounting hole went with DEVICE_PUBLIC. ${PUBLIC_GONE}`,
  },
  'device-public-shmem-refault': {
    steps: { 0: err(-ENOTTY), 4: { result: { ret: -ENODEV } } },
    fixed: `There is no DEVICE_PUBLIC page to leave behind in the page cache. ${PUBLIC_GONE}`,
  },
  'tiny-machine-oom': {
    steps: { 6: stuck('0x10000000') },
    note:
      'v6.12\u2019s dmirror_devmem_fault_alloc_and_copy skips a page it cannot allocate and the ' +
      'fault returns 0, so with RAM exhausted the CPU refaults forever (reported as a livelock) ' +
      'instead of VM_FAULT_OOM.',
  },
  'selftest-anon-write-child-migrate': { steps: { 6: cpu([0, 1, 2, 3]) }, fixed: MAP_PTE_FIX },
  'selftest-migrate-release': {
    // hmm-tests.c TEST_F(hmm, migrate_release): ASSERT_EQ(ret, 0) for HMM_DMIRROR_RELEASE.
    steps: { 6: ok },
    note:
      'HMM_DMIRROR_RELEASE arrived with migrate_device_range (v6.1): the device memory is ' +
      'evicted to system memory before memunmap_pages, so the CPU reads its data without a fault.',
  },
  'selftest-migrate-mixed': {
    steps: { 16: cmd(0, 4, 0, { bytes: [0x00, 0x00, 0x00, 0x00] }) },
    note:
      'hmm_range_fault with dev_private_owner: device 1\u2019s pages are not device 0\u2019s, ' +
      'and a snapshot does not fault: NONE (0x00), not DEV_PRIVATE_REMOTE.',
  },
  'selftest-snapshot': {
    // hmm-tests.c TEST_F(hmm2, snapshot), private variant: the selftest's own assertions.
    steps: {
      14: cmd(0, 7, 0, { bytes: [0xff, 0xff, 0x11, 0x01, 0x02, 0x22, 0x00] }),
    },
    note:
      'As the selftest asserts: the PROT_NONE page is ERROR (hmm_vma_walk_test) and device ' +
      '1\u2019s page is NONE (owner filter).',
  },
  'selftest-hmm-cow-in-device': { steps: { 6: ok }, fixed: MAP_PTE_FIX },
  // hmm-tests.c TEST_F(hmm, exclusive / exclusive_mprotect / exclusive_cow): the selftests' own
  // assertions (EXCLUSIVE ret 0, cpages npages; CHECK_EXCLUSIVE 0; the device WRITE -EPERM).
  // hmm-tests.c TEST_F(hmm, hmm_gup_test), hmm_device_coherent variant: the selftest asserts
  // DEV_COHERENT_LOCAL|WRITE for pages 0–1 and WRITE for the FOLL_LONGTERM pages 2–3; v6.12.19's
  // mm/gup.c never migrates a coherent-only longterm pin (docs/kernel-notes-v6.12.md), so all four
  // read 0x42.
  'selftest-hmm-gup-test-coherent': {
    steps: {
      0: ok,
      4: cmd(0, 4, 0),
      13: cmd(0, 4, 0, { bytes: [0x42, 0x42, 0x42, 0x42] }),
    },
    note:
      'DEVICE_COHERENT arrived in v6.0 (f25cbb7a95a2). v6.12.19 differs from the selftest on the ' +
      'longterm pins: collect_longterm_unpinnable_folios skips device-coherent folios and ' +
      'check_and_migrate_movable_pages_or_folios returns 0 on the empty list, so pages 2–3 stay ' +
      'in device memory (the selftest expects WRITE, 0x02).',
  },
  // The hmm_device_coherent / hmm2_device_coherent fixture variants: the selftests' own
  // assertions (hmm-tests.c, v6.12), which v6.12.19 meets on every step.
  'selftest-migrate-coherent': {
    steps: {
      0: ok,
      4: cmd(0, 4, 0),
      5: cmd(0, 4, 0, { values: [0, 1, 2, 3] }),
      6: cmd(0, 4, 0, { bytes: [0x42, 0x42, 0x42, 0x42] }),
    },
    note: COHERENT,
  },
  'selftest-migrate-fault-coherent': {
    steps: {
      0: ok,
      4: cmd(0, 4, 0),
      6: cmd(0, 4, 0),
      7: cmd(0, 4, 0, { values: [0, 1, 2, 3] }),
    },
    note: COHERENT,
  },
  'selftest-migrate-release-coherent': {
    steps: { 0: ok, 4: cmd(0, 4, 0), 5: cmd(0, 4, 0, { values: [0, 1, 2, 3] }), 6: ok },
    note: COHERENT,
  },
  'selftest-migrate-shared-coherent': {
    steps: { 0: ok, 3: cmd(-ENOENT, 0, 0) },
    note: COHERENT,
  },
  'selftest-migrate-mixed-coherent': {
    steps: {
      0: ok,
      1: ok,
      4: cmd(-EINVAL, 0, 0),
      6: cmd(-EINVAL, 0, 0),
      14: cmd(0, 4, 0),
      15: cmd(-ENOENT, 0, 0),
      16: cmd(0, 4, 0, { bytes: [0x51, 0x51, 0x52, 0x52] }),
    },
    note: COHERENT,
  },
  'selftest-migrate-multiple-coherent': {
    // Each round's MIGRATE_TO_DEV and MIGRATE_TO_SYS (steps 4-5, 10-11, 16-17): ret 0, cpages 4.
    steps: {
      0: ok,
      4: cmd(0, 4, 0),
      5: cmd(0, 4, 0),
      10: cmd(0, 4, 0),
      11: cmd(0, 4, 0),
      16: cmd(0, 4, 0),
      17: cmd(0, 4, 0),
    },
    note: COHERENT,
  },
  'selftest-snapshot-coherent': {
    steps: {
      0: ok,
      1: ok,
      12: cmd(0, 1, 0),
      13: cmd(0, 1, 0),
      14: cmd(0, 7, 0, { bytes: [0xff, 0xff, 0x11, 0x01, 0x02, 0x42, 0x52] }),
    },
    note: COHERENT,
  },
  'selftest-double-map-coherent': {
    steps: {
      0: ok,
      1: ok,
      6: cmd(0, 4, 1, { values: [0, 1, 2, 3] }),
      7: cmd(0, 4, 1, { values: [0, 1, 2, 3] }),
      8: cmd(0, 4, 0),
      9: cmd(0, 4, 1, { values: [0, 1, 2, 3] }),
    },
    note: COHERENT,
  },
  'selftest-hmm-cow-in-device-coherent': {
    steps: { 0: ok, 4: cmd(0, 4, 0), 8: cmd(0, 4, 0, { bytes: [0x02, 0x02, 0x02, 0x02] }) },
    note: COHERENT,
  },
  'selftest-exclusive': { steps: { 4: cmd(0, 4, 0), 8: ok }, note: EXCLUSIVE },
  'selftest-exclusive-mprotect': { steps: { 4: cmd(0, 4, 0) }, note: EXCLUSIVE },
  'selftest-exclusive-cow': { steps: { 4: cmd(0, 4, 0) }, note: EXCLUSIVE },
};

/** The v6.12 answer of step i of a built-in, given its v4.14 expectation. */
export function v612Step(id: string, i: number, v414: StepExpectation): StepExpectation {
  const over = v612Variants[id]?.steps?.[i];
  // v6.12 breaks no invariant on a valid scenario: the v4.14 bug ids do not carry over.
  return { result: (over ?? v414).result };
}
