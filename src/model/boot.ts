/**
 * Boot: System RAM at physical 0, its first page reserved (the BIOS page) and its last holding the
 * kernel image's empty_zero_page; no devices (arch/x86 setup_arch).
 */
import { freeze } from 'immer';
import type { Era, KernelState, MachineConfig } from './types';
import { KERNEL_IMAGE_PAGES, PAGE_SIZE, RAM_RESERVED_PAGES } from './types';
import { asPfn } from './ids';
import { emptyTable } from './table';
import { emptyFreeList } from './free_list';

export const DEFAULT_MACHINE: MachineConfig = { ramPages: 4096, physBits: 46 };

export function createKernel(
  machine: Partial<MachineConfig> = {},
  era: Era = 'v4.14',
): KernelState {
  const m: MachineConfig = { ...DEFAULT_MACHINE, ...machine };
  const state: KernelState = {
    era,
    machine: m,
    resources: [
      {
        start: 0,
        end: m.ramPages * PAGE_SIZE - 1,
        name: 'System RAM',
        desc: 'IORES_DESC_NONE',
        systemRam: true,
      },
    ],
    ram: {
      recycled: emptyFreeList(),
      fresh: asPfn(RAM_RESERVED_PAGES),
      free: m.ramPages - RAM_RESERVED_PAGES - KERNEL_IMAGE_PAGES,
    },
    pages: emptyTable(),
    processes: emptyTable(),
    deviceOrder: [],
    devices: {},
    drvdata: {},
    files: {},
    nextFileId: 1,
    nextMinor: 0,
    counters: {
      page_free: 0,
      device_faults: 0,
      migrated_to_device: 0,
      migrated_to_system: 0,
      cpu_faults: 0,
      signals: 0,
    },
  };
  // Pre-frozen: immer then never walks the base state to freeze it (perf-reliability P1b).
  return freeze(state, true);
}
