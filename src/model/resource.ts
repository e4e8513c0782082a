/** The iomem resource tree's top level (kernel/resource.c): region_intersects and requests. */
import type { Kernel } from './kernel';
import { trace } from './kernel';
import type { KernelState, Resource, ResourceDesc } from './types';
import { hex } from './ids';

export type RegionResult = 'REGION_DISJOINT' | 'REGION_INTERSECTS' | 'REGION_MIXED';

/**
 * region_intersects(start, size, flags, desc): walks only the top-level children. With
 * systemRamOnly it asks about IORESOURCE_SYSTEM_RAM; otherwise (flags 0, IORES_DESC_NONE) every
 * overlapping resource counts as "type", so the useful answer is DISJOINT or not.
 */
export function region_intersects(
  s: KernelState,
  start: number,
  size: number,
  systemRamOnly: boolean,
): RegionResult {
  const end = start + size - 1;
  let type = 0;
  let other = 0;
  for (const r of s.resources) {
    if (r.start > end || r.end < start) continue;
    if (!systemRamOnly || r.systemRam) type += 1;
    else other += 1;
  }
  if (type === 0) return 'REGION_DISJOINT';
  return other === 0 ? 'REGION_INTERSECTS' : 'REGION_MIXED';
}

/** __request_region on iomem_resource: fails if anything at the top level overlaps. */
export function request_mem_region(
  k: Kernel,
  start: number,
  size: number,
  name: string,
  desc: ResourceDesc,
): Resource | null {
  const end = start + size - 1;
  if (k.s.resources.some((r) => !(r.start > end || r.end < start))) {
    trace(k, '__request_region', 'kernel/resource.c', `[${hex(start)}, ${hex(end)}] busy`);
    return null;
  }
  const res: Resource = { start, end, name, desc, systemRam: false };
  k.s.resources.push(res);
  k.s.resources.sort((a, b) => a.start - b.start);
  trace(k, '__request_region', 'kernel/resource.c', `"${name}" [${hex(start)}, ${hex(end)}]`);
  return res;
}

export function release_mem_region(k: Kernel, start: number): void {
  const before = k.s.resources.length;
  k.s.resources = k.s.resources.filter((r) => r.start !== start);
  if (k.s.resources.length !== before) {
    trace(k, '__release_region', 'kernel/resource.c', `release [${hex(start)}, …]`);
  }
}
