/**
 * Kernel states and traces for store and view tests (no model run needed): a booted kernel
 * (createKernel, so the fixture follows boot's shape) with a device, a process and pages laid on
 * top. Values are plausible v4.14 states, not necessarily reachable ones.
 */
import {
  asDeviceId,
  asPfn,
  asPid,
  asVpn,
  createKernel,
  emptyFreeList,
  PAGE_SIZE,
  tableOf,
  type Device,
  type DriverData,
  type KernelState,
  type Page,
  type Process,
  type Pte,
} from '../model';
import type { Frame, ScenarioDoc, Touched } from '../store/model';

export const DEV = asDeviceId('dmirror0');
export const DEV_FIRST = 0x3ffff0000;
export const DEV_PAGES = 65536;
export const VMA_START = 0x10000;

export function page(pfn: number, over: Partial<Page> = {}): Page {
  const dev = pfn >= DEV_FIRST;
  return {
    pfn: asPfn(pfn),
    memory: dev ? 'device-private' : 'system',
    device: dev ? DEV : null,
    refcount: dev ? 2 : 1,
    mapcount: 1,
    locked: false,
    lru: !dev,
    mapping: { kind: 'anon' },
    value: 0,
    memcg: true,
    pins: 0,
    allocated: dev,
    rmap: [],
    ...over,
  };
}

function device(): Device {
  return {
    id: DEV,
    type: 'private',
    minor: 0,
    driver: 'dmirror',
    chunks: [
      {
        pfnFirst: asPfn(DEV_FIRST),
        pfnLast: asPfn(DEV_FIRST + DEV_PAGES),
        live: true,
        ops: 'dmirror',
      },
    ],
    removed: false,
  };
}

/** The test driver's own data for the fixture device (lib/test_hmm.c struct dmirror_device). */
function drvdata(used: number): DriverData {
  return {
    driver: 'dmirror',
    freeList: { recycled: emptyFreeList(), fresh: asPfn(DEV_FIRST + used) },
    freePages: DEV_PAGES - used,
    calloc: used,
    cfree: 0,
    mirrors: {},
    inject: 'none',
  };
}

/** A machine of `ramPages` with one private device, a process with a 4-page VMA, and pages. */
export function kernel(opts: { ramPages?: number; ptes?: [number, Pte][]; pages?: Page[] } = {}) {
  const ramPages = opts.ramPages ?? 4096;
  const proc: Process = {
    pid: asPid(1),
    alive: true,
    vmas: [
      {
        start: asVpn(VMA_START),
        end: asVpn(VMA_START + 4),
        prot: 'rw',
        shared: false,
        anonymous: true,
        file: null,
        pgoff: 0,
        anonVma: true,
      },
    ],
    ptes: tableOf(opts.ptes ?? []),
    rss: { anon: 0, file: 0, shmem: 0 },
    signals: [],
    parent: null,
    gupPins: [],
    hmmMirrors: [],
  };
  const pages = opts.pages ?? [];
  const boot = createKernel({ ramPages });
  const state: KernelState = {
    ...boot,
    resources: [
      ...boot.resources,
      {
        start: DEV_FIRST * PAGE_SIZE,
        end: (DEV_FIRST + DEV_PAGES) * PAGE_SIZE - 1,
        name: 'dmirror0',
        desc: 'IORES_DESC_DEVICE_PRIVATE_MEMORY',
        systemRam: false,
      },
    ],
    // As if the first 16 frames had gone to earlier allocations: RAM pages of a fixture start at 16.
    ram: { recycled: emptyFreeList(), fresh: asPfn(16), free: ramPages - 16 },
    pages: tableOf(pages.map((p) => [p.pfn, p] as const)),
    processes: tableOf([[1, proc] as const]),
    deviceOrder: [DEV],
    devices: { [DEV]: device() },
    drvdata: { [DEV]: drvdata(pages.filter((p) => p.device !== null).length) },
    nextMinor: 1,
  };
  return state;
}

const NO_TOUCH: Touched = { pfns: [], ptes: [] };

export function frame(index: number, state: KernelState, over: Partial<Frame> = {}): Frame {
  return {
    index,
    op: null,
    note: null,
    id: null,
    state,
    result: null,
    events: [],
    violations: [],
    touched: NO_TOUCH,
    ...over,
  };
}

/** A 4-frame trace: boot, write (fault), migrate to device, CPU read that faults back. */
export function smallTrace(): Frame[] {
  const pid = asPid(1);
  const v = (i: number) => asVpn(VMA_START + i);
  const boot = kernel();
  const written = kernel({
    ptes: [
      [
        v(0),
        { kind: 'present', pfn: asPfn(16), write: true, dirty: true, young: true, zero: false },
      ],
    ],
    pages: [page(16, { value: 10, rmap: [{ pid, vpn: v(0) }] })],
  });
  const migrated = kernel({
    ptes: [[v(0), { kind: 'device-private', pfn: asPfn(DEV_FIRST), write: true }]],
    pages: [page(DEV_FIRST, { value: 10, rmap: [{ pid, vpn: v(0) }] })],
  });
  return [
    frame(0, boot, { note: 'boot' }),
    frame(1, written, {
      op: { op: 'write', pid: 1, addr: VMA_START * 4096, npages: 1, values: [10] },
      note: 'first write faults in a page',
      events: [{ fn: 'handle_mm_fault', file: 'mm/memory.c', text: 'anon fault', depth: 0 }],
      touched: { pfns: [asPfn(16)], ptes: [{ pid, vpn: v(0) }] },
    }),
    frame(2, migrated, {
      op: {
        op: 'dmirror_migrate_to_dev',
        device: 'dmirror0',
        pid: 1,
        addr: VMA_START * 4096,
        npages: 1,
      },
      note: 'migrate to the device',
      result: { ret: 0, cpages: 1 },
      events: [
        { fn: 'migrate_vma', file: 'mm/migrate.c', text: 'collect', depth: 0 },
        { fn: 'migrate_vma_collect', file: 'mm/migrate.c', text: 'walk', depth: 1 },
      ],
      touched: { pfns: [asPfn(16), asPfn(DEV_FIRST)], ptes: [{ pid, vpn: v(0) }] },
    }),
    frame(3, migrated, {
      note: 'read past the VMA',
      result: { signal: 'SIGSEGV' },
      violations: [{ id: 'I-1', text: 'example' }],
    }),
  ];
}

/** A scenario document with no steps (store tests hand its frames in themselves). */
export const emptyDoc = (title: string, era: ScenarioDoc['era'] = 'v4.14'): ScenarioDoc => ({
  schema: 'hmm-scenario/1',
  title,
  era,
  machine: { ramPages: 4096, physBits: 46 },
  steps: [],
});
