/** The src[]/dst[] entries of migrate_vma (include/linux/migrate.h, v4.14 MIGRATE_PFN_* bits). */
import type { Pfn } from './types';
import { hex } from './ids';

export const MIGRATE_PFN_VALID = 1 << 0;
export const MIGRATE_PFN_MIGRATE = 1 << 1;
export const MIGRATE_PFN_LOCKED = 1 << 2;
export const MIGRATE_PFN_WRITE = 1 << 3;
export const MIGRATE_PFN_DEVICE = 1 << 4;
/** Documented in v4.14 but read by no core code (kernel-semantics.md §6.8). */
export const MIGRATE_PFN_ERROR = 1 << 5;

/** One entry: a pfn (or none, for holes and the zero page) and its flag bits. */
export interface Mpfn {
  pfn: Pfn | null;
  flags: number;
}

export const emptyMpfn = (): Mpfn => ({ pfn: null, flags: 0 });
/** migrate_pfn(pfn) = pfn << MIGRATE_PFN_SHIFT | MIGRATE_PFN_VALID */
export const migrate_pfn = (pfn: Pfn): Mpfn => ({ pfn, flags: MIGRATE_PFN_VALID });
export const has = (m: Mpfn, bit: number): boolean => (m.flags & bit) !== 0;

const NAMES: [number, string][] = [
  [MIGRATE_PFN_MIGRATE, 'MIGRATE'],
  [MIGRATE_PFN_LOCKED, 'LOCKED'],
  [MIGRATE_PFN_WRITE, 'WRITE'],
  [MIGRATE_PFN_DEVICE, 'DEVICE'],
  [MIGRATE_PFN_ERROR, 'ERROR'],
];

/** "pfn 0x10|MIGRATE|WRITE", "MIGRATE" (a hole), or "0". */
export function formatMpfn(m: Mpfn): string {
  const parts: string[] = [];
  if (m.pfn !== null) parts.push(`pfn ${hex(m.pfn)}`);
  for (const [bit, name] of NAMES) if (has(m, bit)) parts.push(name);
  return parts.length ? parts.join('|') : '0';
}
