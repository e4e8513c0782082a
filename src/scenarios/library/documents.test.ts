import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { builtinScenarios } from './all';

/**
 * The exact document of every built-in (steps, fields, notes, title, summary), pinned by a hash of
 * its JSON. The golden results (src/scenarios/golden) catch a changed kernel answer but not a
 * changed note; this catches both. The step builders (steps.ts) must produce these documents
 * byte for byte. A deliberate change to a built-in: update its line (the failure prints the new hash).
 */
const PINNED: Readonly<Record<string, string>> = {
  'migrate-and-fault-back': '4a2f7ccbb8786ff4',
  'device-private-lifecycle': '2abdf991c0e388a7',
  'readonly-migrate-back': '4915a08a92fb71cb',
  'hotplug-two-devices': 'ebee77fcaabcda27',
  'hotplug-remove-while-mapped': 'ea2199ba06afc3d6',
  'fork-cow-device-private': 'd5b0da119adea447',
  'mprotect-device-private': '38e7dc6e4e2ff2ca',
  'mprotect-exec-loses-write': 'd07124edbdc50335',
  'madvise-device-pages': 'f49d7eac28e364da',
  'munmap-exit-device-pages': '6ac91197f4541bfb',
  'gup-pins-device-page': '9aab2206d7d63bdd',
  'device-public-cpu-access': '62bea5b81185dab3',
  'device-public-cow-hole': '4ba382e6e39421d3',
  'device-public-cow-hole-no-fork': '8fe082df491474c2',
  'device-public-shmem-refault': 'c70f90840aa6ebaa',
  'device-error-sigbus': 'd3d57ff932c50f7e',
  'hwpoison-sigbus': '226f2e4e8c730156',
  'fault-oom': '4a1c367c470b08f7',
  'tiny-machine-oom': 'bee128e15a0f58a7',
  'migration-entry-wait': 'fc573d67dd99a821',
  'migration-entry-munmap': '615d5222875778dd',
  'migration-entry-fork': 'e80ab12dde2fba27',
  'migration-fail-restores': '3b9547880ca50cc6',
  'selftest-anon-read': 'e0672ffb5e13ea6e',
  'selftest-anon-read-prot': '46199f9d392c7489',
  'selftest-anon-write': 'c667fbd63c3f7c85',
  'selftest-anon-write-prot': 'f339222152b4e10c',
  'selftest-anon-write-child': '424546caff07bcd3',
  'selftest-anon-write-child-migrate': '5e02ba4c248d3bfd',
  'selftest-anon-write-child-shared': '9d675aeb8043e3b7',
  'selftest-migrate': '69d97f43fb06de74',
  'selftest-migrate-fault': '675bec821b5e438c',
  'selftest-migrate-release': '4c16c5a94e7f4972',
  'selftest-migrate-shared': 'c5be137a30e32e76',
  'selftest-migrate-mixed': '349e6fb9dd5a4c0d',
  'selftest-migrate-multiple': 'a8cccf3c41c3b147',
  'selftest-anon-read-multiple': '9b885911cd424d7e',
  'selftest-snapshot': 'b98080ceb5c8b080',
  'selftest-double-map': '1c6783c8f9635054',
  'selftest-exclusive': '627d833c260c2e61',
  'selftest-exclusive-mprotect': '1b65b7378f81dc18',
  'selftest-exclusive-cow': 'b6008d349ea54a3e',
  'selftest-hmm-gup-test': 'de03f1be0dfe4897',
  'selftest-hmm-gup-test-coherent': '69d9590babb73ecd',
  'selftest-migrate-coherent': '60e336c331f0ad44',
  'selftest-migrate-fault-coherent': '2a50569d3073eabd',
  'selftest-migrate-release-coherent': '8e4443821de435ac',
  'selftest-migrate-shared-coherent': '167c372b6a541a12',
  'selftest-migrate-mixed-coherent': '7703c11ee6ab4c27',
  'selftest-migrate-multiple-coherent': 'e6232e45341e49db',
  'selftest-snapshot-coherent': '7c53831b6ef060d1',
  'selftest-double-map-coherent': '7521342908cfff88',
  'selftest-hmm-cow-in-device-coherent': 'f89d3aa10201a83f',
  'selftest-hmm-cow-in-device': '6c1b68ebde522362',
};

const hash = (doc: unknown): string =>
  createHash('sha256').update(JSON.stringify(doc)).digest('hex').slice(0, 16);

describe('built-in documents', () => {
  it('pins every built-in and no other', () => {
    expect(builtinScenarios.map((s) => s.id).sort()).toEqual(Object.keys(PINNED).sort());
  });

  it.each(builtinScenarios.map((s) => [s.id, s] as const))('%s is unchanged', (id, doc) => {
    expect(hash(doc), `${id}: the document changed`).toBe(PINNED[id]);
  });
});
