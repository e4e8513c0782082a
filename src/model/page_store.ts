/**
 * struct page lookup (the kernel's pfn_to_page). Idle pages are not stored: a free RAM frame is
 * refcount 0 in the buddy allocator, a free ZONE_DEVICE page sits at refcount 1 on its driver's
 * free list (v4.14, kernel-semantics.md §1.3). Everything else lives in state.pages.
 */
import type { Device, DeviceId, KernelState, MemoryType, Page, Pfn, RmapRef } from './types';
import { KERNEL_IMAGE_PAGES } from './types';
import { tableGet } from './table';
import { own } from './own';
import { eraSpec } from './eras/spec';

/**
 * zero_pfn (mm/memory.c init_zero_pfn: page_to_pfn(ZERO_PAGE(0))): empty_zero_page, the page of
 * the kernel image the model keeps at the top of System RAM (types.ts KERNEL_IMAGE_PAGES).
 */
export const zero_pfn = (s: KernelState): Pfn => (s.machine.ramPages - KERNEL_IMAGE_PAGES) as Pfn;
/** is_zero_pfn (include/asm-generic/pgtable.h). */
export const is_zero_pfn = (s: KernelState, pfn: number): boolean => pfn === zero_pfn(s);

const MEMORY_OF: Readonly<Record<Device['type'], MemoryType>> = {
  private: 'device-private',
  public: 'device-public',
  coherent: 'device-coherent',
};

export interface PfnOwner {
  readonly memory: MemoryType | 'none';
  readonly device: Device | null;
}

/** Which memory a pfn belongs to: System RAM, a live device range, or nothing (a hole). */
export function pfnOwner(s: KernelState, pfn: Pfn): PfnOwner {
  if (pfn < s.machine.ramPages) return { memory: 'system', device: null };
  // Live ranges first: a removed range's stale struct pages can only be found if nothing reused it.
  for (const live of [true, false]) {
    for (const id of s.deviceOrder) {
      const d = own(s.devices, id);
      if (!d) continue;
      for (const c of d.chunks) {
        if (c.live === live && pfn >= c.pfnFirst && pfn < c.pfnLast) {
          return { memory: MEMORY_OF[d.type], device: d };
        }
      }
    }
  }
  return { memory: 'none', device: null };
}

/**
 * The reverse map of every page at rest: one frozen empty array, shared. A bulk fault makes a
 * struct page per frame and at once gives it a reverse map of its own ([ref], kernel.ts setPte,
 * the only writer, which never pushes onto an empty one), so an empty array per page was pure
 * garbage (issue 12); frozen, a push onto it throws instead of reaching every idle page.
 */
const NO_RMAP = Object.freeze([]) as readonly RmapRef[] as RmapRef[];

/** deviceIdleRef: a free ZONE_DEVICE page's refcount in the era (1 in v4.14, 0 in v6.12). */
export function idlePage(
  pfn: Pfn,
  memory: MemoryType,
  device: DeviceId | null,
  deviceIdleRef: 0 | 1 = 1,
): Page {
  return {
    pfn,
    memory,
    device,
    refcount: memory === 'system' ? 0 : deviceIdleRef,
    mapcount: 0,
    locked: false,
    lru: false,
    mapping: null,
    value: 0,
    memcg: false,
    pins: 0,
    allocated: false,
    rmap: NO_RMAP,
  };
}

/** The struct page of pfn, stored or idle; undefined for a pfn with no struct page. */
export function lookupPage(s: KernelState, pfn: Pfn): Page | undefined {
  return tableGet(s.pages, pfn) ?? restingPage(s, pfn);
}

/** The struct page of a pfn that the state does not store: at rest (idle), or none (a hole). */
export function restingPage(s: KernelState, pfn: Pfn): Page | undefined {
  if (is_zero_pfn(s, pfn)) return zeroPage(pfn);
  const owner = pfnOwner(s, pfn);
  if (owner.memory === 'none') return undefined;
  return idlePage(pfn, owner.memory, owner.device?.id ?? null, eraSpec(s).deviceIdleRef);
}

/** The zero page at rest: PG_reserved, its own reference (reserved pages are never freed). */
function zeroPage(pfn: Pfn): Page {
  return { ...idlePage(pfn, 'system', null), refcount: 1, reserved: true };
}

/** A page is idle when it holds nothing a reader would want to see. */
export function isIdle(p: Page, deviceIdleRef: 0 | 1 = 1): boolean {
  const idleRef = p.reserved ? 1 : p.memory === 'system' ? 0 : deviceIdleRef;
  return (
    p.refcount === idleRef &&
    p.mapcount === 0 &&
    !p.locked &&
    !p.lru &&
    p.mapping === null &&
    p.pins === 0 &&
    !p.allocated &&
    !p.hwpoison &&
    p.rmap.length === 0 &&
    !p.memcg
  );
}
