import { defineBuiltin } from './define';
import { migrateBuffer, selftestSetup } from './steps';
import { at } from './layout';

const N = 4;

/** hmm-tests.c TEST_F(hmm, migrate_release) (v6.1+), fixture variant hmm_device_coherent. */
export const selftestMigrateReleaseCoherent = defineBuiltin({
  schema: 'hmm-scenario/1',
  id: 'selftest-migrate-release-coherent',
  title: 'Selftest migrate_release (coherent): the driver evicts its coherent memory',
  summary:
    'Port of hmm-tests.c migrate_release under the hmm_device_coherent fixture variant, 4 ' +
    'pages. The pages move to coherent device memory; HMM_DMIRROR_RELEASE evicts every page ' +
    'still in use (migrate_device_range) before it lets the memory go, so the CPU reads its ' +
    'data from system memory. v4.14 has neither DEVICE_COHERENT nor the ioctl.',
  era: 'v4.14',
  steps: [
    ...selftestSetup(N, {}, 'coherent'),
    migrateBuffer(
      N,
      'hmm_migrate_sys_to_dev: ASSERT_EQ(ret, 0); ASSERT_EQ(buffer->cpages, npages). The pages ' +
        'are in coherent device memory behind present PTEs.',
    ),
    {
      op: 'dmirror_read',
      device: 'dmirror0',
      pid: 1,
      addr: at(0),
      npages: N,
      note: 'The device reads what it holds: mirror[i] == i.',
    },
    {
      op: 'dmirror_release',
      device: 'dmirror0',
      id: 'release',
      note:
        'HMM_DMIRROR_RELEASE: ASSERT_EQ(ret, 0). dmirror_device_remove_chunks() → ' +
        'dmirror_device_evict_chunk(): migrate_device_range() over the chunk’s pfns copies each ' +
        'page in use to system RAM and remaps it (migrate_device_pages, migrate_device_finalize), ' +
        'then memunmap_pages().',
    },
    {
      op: 'read',
      pid: 1,
      addr: at(0),
      npages: N / 2,
      id: 'read-back',
      note: 'The CPU reads the first half from system memory: ASSERT_EQ(ptr[i], i).',
    },
  ],
});
