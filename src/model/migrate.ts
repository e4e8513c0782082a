/**
 * migrate_vma (mm/migrate.c, v4.14, kernel-semantics.md §2.4–2.6): collect → prepare → unmap →
 * ops->alloc_and_copy → pages → ops->finalize_and_map → finalize. Best effort: any entry can drop
 * out at any stage, and the return value is 0 however many pages moved.
 */
import type { Kernel } from './kernel';
import { call, migrateOps, trace } from './kernel';
import type { MigrateOpsRef, MigrateVma } from './driver_api';
import type { Pid, Vma, Vpn } from './types';
import { Errno } from './ops';
import { hexVpn } from './ids';
import type { Mpfn } from './migrate_pfn';
import { MIGRATE_PFN_MIGRATE, emptyMpfn, formatMpfn, has } from './migrate_pfn';
import { migrate_vma_collect } from './migrate_collect';
import { migrate_vma_prepare, migrate_vma_unmap } from './migrate_unmap';
import { migrate_vma_pages } from './migrate_pages';
import { migrate_vma_finalize } from './migrate_finalize';

export type { MigrateVma } from './driver_api';

export {
  MIGRATE_VMA_SELECT_DEVICE_COHERENT,
  MIGRATE_VMA_SELECT_DEVICE_PRIVATE,
  MIGRATE_VMA_SELECT_SYSTEM,
} from './migrate_select';
export type { MigrateSelect } from './migrate_select';

export interface MigrateOutcome {
  readonly ret: number;
  readonly migrate: MigrateVma | null;
  /** The migration stopped after its unmap stage (migrate_pause): finish it with migrate_vma_finish. */
  readonly paused?: true;
}

export function migrate_vma(
  k: Kernel,
  ops: MigrateOpsRef,
  pid: Pid,
  vma: Vma | undefined,
  start: Vpn,
  end: Vpn,
  priv: MigrateVma['private'] = {},
  pause = false,
): MigrateOutcome {
  return call(k, 'migrate_vma', 'mm/migrate.c', `[${hexVpn(start)}, ${hexVpn(end)})`, () => {
    if (!vma) return einval(k, 'no vma');
    if (start < vma.start || start >= vma.end) return einval(k, 'start outside the vma');
    if (end <= vma.start || end > vma.end) return einval(k, 'end outside the vma');
    if (start >= end) return einval(k, 'empty range');
    const n = end - start;
    const m: MigrateVma = {
      pid,
      vma,
      start,
      end,
      src: Array.from({ length: n }, emptyMpfn),
      dst: Array.from({ length: n }, emptyMpfn),
      cpages: 0,
      private: { ...priv },
    };
    migrate_vma_collect(k, m);
    if (m.cpages === 0) {
      trace(k, 'migrate_vma', 'mm/migrate.c', 'nothing collected: return 0');
      return { ret: 0, migrate: m };
    }
    migrate_vma_prepare(k, m);
    migrate_vma_unmap(k, m);
    if (pause && m.cpages > 0) {
      trace(
        k,
        'migrate_vma',
        'mm/migrate.c',
        `paused after migrate_vma_unmap (migrate_pause): ${m.cpages} page(s) locked behind ` +
          'migration entries; ops->alloc_and_copy runs when the migration resumes',
      );
      return { ret: 0, migrate: m, paused: true };
    }
    migrate_vma_finish(k, ops, m, false);
    return { ret: 0, migrate: m };
  });
}

/**
 * The stages after migrate_vma_unmap: ops->alloc_and_copy, migrate_vma_pages,
 * ops->finalize_and_map, migrate_vma_finalize. With `fail` the driver's alloc_and_copy leaves
 * every dst[] entry 0 (what a driver that cannot allocate or copy does): migrate_vma_pages clears
 * MIGRATE and migrate_vma_finalize puts the old pages back behind every migration entry.
 */
export function migrate_vma_finish(
  k: Kernel,
  ops: MigrateOpsRef,
  m: MigrateVma,
  fail: boolean,
): void {
  const callbacks = migrateOps(k, ops);
  call(k, 'ops->alloc_and_copy', 'include/linux/migrate.h', srcLine(m), () => {
    if (fail) migrate_copy_nothing(k, 'ops->alloc_and_copy', 'include/linux/migrate.h');
    else callbacks.alloc_and_copy(k, m);
  });
  migrate_vma_pages(k, m);
  call(k, 'ops->finalize_and_map', 'include/linux/migrate.h', srcLine(m), () => {
    callbacks.finalize_and_map(k, m);
  });
  migrate_vma_finalize(k, m);
}

/** migrate_fail: the driver's copy step allocates nothing, so every dst[] entry stays 0. */
export function migrate_copy_nothing(k: Kernel, fn: string, file: string): void {
  trace(
    k,
    fn,
    file,
    'migrate_fail: the driver allocates and copies nothing — every dst[] entry stays 0, ' +
      'so no page migrates and migrate_vma_finalize restores the old ones',
  );
}

function einval(k: Kernel, why: string): MigrateOutcome {
  trace(k, 'migrate_vma', 'mm/migrate.c', `-EINVAL: ${why}`);
  return { ret: -Errno.EINVAL, migrate: null };
}

/** A compact picture of the arrays, for the trace: "src=[…] dst=[…]". */
export function srcLine(m: MigrateVma): string {
  const show = (a: Mpfn[]): string =>
    a.length <= 8 ? a.map(formatMpfn).join(', ') : `${a.slice(0, 8).map(formatMpfn).join(', ')}, …`;
  return `src=[${show(m.src)}] dst=[${show(m.dst)}]`;
}

/** Entries still marked MIGRATE with a destination: what actually moved. */
export function migratedCount(m: MigrateVma): number {
  return m.src.filter((s, i) => has(s, MIGRATE_PFN_MIGRATE) && m.dst[i]?.pfn != null).length;
}
