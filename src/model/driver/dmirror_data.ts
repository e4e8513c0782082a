/**
 * struct dmirror_device / struct dmirror of lib/test_hmm.c: what the test driver keeps about each
 * of its devices. It lives in KernelState.drvdata (dev_get_drvdata), which the core stores as
 * plain data and never reads; only this driver interprets it.
 */
import { own } from '../own';
import type { Kernel } from '../kernel';
import type { DeviceId, FreeList, InjectedFault, KernelState, MirrorTable, Pfn } from '../types';
import { emptyFreeList } from '../free_list';

export const DMIRROR = 'dmirror';

export type DmirrorDevice = {
  readonly driver: typeof DMIRROR;
  /**
   * The free list. Pages freed by page_free are pushed on `recycled` (a stack, top last); below
   * them lie the never-used pages of the chunks, lowest pfn first, from `fresh` on.
   */
  freeList: { recycled: FreeList; fresh: Pfn | null };
  freePages: number;
  /** calloc / cfree as in lib/test_hmm.c. */
  calloc: number;
  cfree: number;
  /** Device page tables (dmirror->pt), one per process that opened the device, by pid. */
  mirrors: Record<number, MirrorTable>;
  /** A fault the scenario injected into the CPU-fault callback. */
  inject: InjectedFault;
};

export function newDmirrorDevice(): DmirrorDevice {
  return {
    driver: DMIRROR,
    freeList: { recycled: emptyFreeList(), fresh: null },
    freePages: 0,
    calloc: 0,
    cfree: 0,
    mirrors: {},
    inject: 'none',
  };
}

function isDmirror(d: unknown): d is DmirrorDevice {
  return typeof d === 'object' && d !== null && (d as { driver?: unknown }).driver === DMIRROR;
}

/** dev_get_drvdata for this driver's device, as a draft to change; undefined if not ours. */
export function dmirrorOf(k: Kernel, dev: DeviceId | string): DmirrorDevice | undefined {
  const d = own(k.s.drvdata, dev);
  return isDmirror(d) ? d : undefined;
}

/** The same, read-only, from a finished state (views, the contract snapshot). */
export function dmirrorData(s: KernelState, dev: string): Readonly<DmirrorDevice> | undefined {
  const d = own(s.drvdata, dev);
  return isDmirror(d) ? d : undefined;
}
