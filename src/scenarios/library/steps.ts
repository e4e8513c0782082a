/**
 * Step builders for the built-in library: the set-up steps the selftest ports share (the test
 * driver probes, the test process starts, a buffer is mapped and filled, moved to the device), each
 * with its note written once. A wording fix to a shared note is one edit here; a built-in still
 * reads top to bottom, because each builder is named after what the selftest does
 * (tools/testing/selftests/mm/hmm-tests.c) and takes the note as an argument where a port says
 * something of its own. documents.test.ts pins every built-in's document: a builder must produce
 * exactly what the port spelled out before.
 */
import type { ScenarioDocument } from '../schema';
import { at, iota } from './layout';

export type DocStep = ScenarioDocument['steps'][number];
type Prot = Extract<DocStep, { op: 'mmap' }>['prot'];
type MapFlags = Extract<DocStep, { op: 'mmap' }>['flags'];

/** The selftests' driver, test_hmm.c: dmirror_probe() → hmm_devmem_add(). */
export const PROBE_NOTE = 'The test driver probes: hmm_devmem_add() hotplugs its first chunk.';
export const TEST_PROCESS = 'The test process (execve).';
export const PARENT_PROCESS = 'The parent test process (execve).';
export const FOUR_ANON_PAGES = 'Four private anonymous pages.';
export const FILL_NOTE = 'ptr[i] = i: do_anonymous_page() allocates the pages.';
export const MIGRATE_FOUR = 'migrate_vma() moves the four pages to the device. ret 0, cpages 4.';

/** The test driver probes (one private dmirror device). */
export const probeTestDriver = (note: string = PROBE_NOTE, device = 'dmirror0'): DocStep => ({
  op: 'device_add',
  device,
  type: 'private',
  note,
});

/**
 * The hmm_device_coherent fixture's device: test_hmm.c probes devices 2 and 3 as DEVICE_COHERENT
 * when the spm_addr_dev0/1 module parameters name a specific-purpose memory range (v6.0+).
 */
export const COHERENT_PROBE_NOTE =
  'The test driver probes a coherent device: dmirror_allocate_chunk() → ' +
  'memremap_pages(MEMORY_DEVICE_COHERENT) over its specific-purpose range, CPU-addressable. ' +
  'v4.14 has no DEVICE_COHERENT: -ENOTTY, and every ioctl after it finds no device.';

/** One coherent test device (the selftests' hmm fixture, hmm_device_coherent variant). */
export const probeCoherentDriver = (
  note: string = COHERENT_PROBE_NOTE,
  device = 'dmirror0',
): DocStep => ({ op: 'device_add', device, type: 'coherent', note });

/** Two coherent test devices: the hmm2 fixture's hmm2_device_coherent variant (devices 2, 3). */
export const probeTwoCoherentDevices = (): DocStep[] => [
  probeCoherentDriver(),
  probeCoherentDriver(
    'Device 1 probes its own coherent range (spm_addr_dev1): memremap_pages(MEMORY_DEVICE_COHERENT).',
    'dmirror1',
  ),
];

/** Two test devices: the selftests' hmm2 fixture (dmirror0 on top, dmirror1 below). */
export const probeTwoDevices = (): DocStep[] => [
  probeTestDriver('Device 0 probes: hmm_devmem_add() takes the top 256 MiB slot.', 'dmirror0'),
  probeTestDriver('Device 1 probes: hmm_devmem_add() takes the slot below.', 'dmirror1'),
];

/** The test process starts with an empty mm. */
export const testProcess = (note: string = TEST_PROCESS, pid = 1): DocStep => ({
  op: 'spawn',
  pid,
  note,
});

/** mmap() of the selftests' buffer: n pages at page 0 of the layout, private anonymous, rw. */
export const mapBuffer = (
  n: number,
  note: string = FOUR_ANON_PAGES,
  { prot = 'rw', flags = ['private', 'anonymous'] }: { prot?: Prot; flags?: MapFlags } = {},
): DocStep => ({
  op: 'mmap',
  pid: 1,
  addr: at(0),
  npages: n,
  prot,
  flags,
  note,
});

/** The selftests' `ptr[i] = i` over the whole buffer (the CPU writes, faulting the pages in). */
export const fillBuffer = (n: number, note: string = FILL_NOTE): DocStep => ({
  op: 'write',
  pid: 1,
  addr: at(0),
  npages: n,
  values: iota(n),
  note,
});

/** HMM_DMIRROR_MIGRATE_TO_DEV of the whole buffer to dmirror0; `id` names the step's result. */
export const migrateBuffer = (n: number, note: string, id?: string): DocStep => ({
  op: 'dmirror_migrate_to_dev',
  device: 'dmirror0',
  pid: 1,
  addr: at(0),
  npages: n,
  ...(id === undefined ? {} : { id }),
  note,
});

/**
 * The start most selftest ports share: the driver probes, the test process maps n private
 * anonymous pages and writes ptr[i] = i.
 */
export const selftestSetup = (
  n: number,
  notes: {
    probe?: string | undefined;
    process?: string | undefined;
    map?: string | undefined;
    fill?: string | undefined;
  } = {},
  type: 'private' | 'coherent' = 'private',
): DocStep[] => [
  type === 'coherent' ? probeCoherentDriver(notes.probe) : probeTestDriver(notes.probe),
  testProcess(notes.process),
  mapBuffer(n, notes.map),
  fillBuffer(n, notes.fill),
];

/** The start of the v6.12 exclusive selftests (exclusive, exclusive_mprotect, exclusive_cow). */
export const exclusiveSetup = (n: number): DocStep[] =>
  selftestSetup(n, {
    probe: 'The test driver probes and hotplugs its first chunk.',
    map: 'Four private anonymous pages, read-write.',
    fill: 'ptr[i] = i in system memory.',
  });

/** selftestSetup, then the whole buffer moves to the device (hmm-tests.c migrate and its kin). */
export const setupAndMigrate = (
  n: number,
  notes: { process?: string | undefined; migrate?: string | undefined } = {},
): DocStep[] => [
  ...selftestSetup(n, { process: notes.process }),
  migrateBuffer(n, notes.migrate ?? MIGRATE_FOUR),
];
