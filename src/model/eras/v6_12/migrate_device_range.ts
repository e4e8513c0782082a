/**
 * migrate_device_pages / migrate_device_finalize (mm/migrate_device.c v6.12): the same work as
 * migrate_vma_pages / migrate_vma_finalize on bare src/dst arrays, with no VMA (migrate == NULL
 * in __migrate_device_pages). Every entry has a source page, so the VMA-only insert path of the
 * shared core is never reached.
 */
import type { Kernel } from '../../kernel';
import { call } from '../../kernel';
import type { Pid, Vma, Vpn } from '../../types';
import type { MigrateVma } from '../../migrate';
import type { Mpfn } from '../../migrate_pfn';
import { migrate_vma_pages } from '../../migrate_pages';
import { migrate_vma_finalize } from '../../migrate_finalize';

const FILE = 'mm/migrate_device.c';

const NO_VMA: Vma = {
  start: 0 as Vpn,
  end: 0 as Vpn,
  prot: 'none',
  shared: false,
  anonymous: false,
  file: null,
  pgoff: 0,
  anonVma: false,
};

function bare(src: Mpfn[], dst: Mpfn[]): MigrateVma {
  return {
    pid: 0 as Pid,
    vma: NO_VMA,
    start: 0 as Vpn,
    end: src.length as Vpn,
    src,
    dst,
    cpages: src.length,
    private: {},
  };
}

export function migrate_vma_pages_range(k: Kernel, src: Mpfn[], dst: Mpfn[]): void {
  call(
    k,
    'migrate_device_pages',
    FILE,
    `${src.length} entr${src.length === 1 ? 'y' : 'ies'}`,
    () => {
      migrate_vma_pages(k, bare(src, dst));
    },
  );
}

export function migrate_device_finalize(k: Kernel, src: Mpfn[], dst: Mpfn[]): void {
  call(k, 'migrate_device_finalize', FILE, 'remove_migration_ptes, unlock, put', () => {
    migrate_vma_finalize(k, bare(src, dst));
  });
}
