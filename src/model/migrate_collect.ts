/** migrate_vma_collect (mm/migrate.c v4.14): walk the range, take and lock pages, and on the fast
 * path replace each PTE with a migration entry right away. */
import type { Kernel } from './kernel';
import { call, getPte, page, setPte, trace } from './kernel';
import { asVpn, hex, hexVpn } from './ids';
import type { MigrateVma } from './driver_api';
import {
  MIGRATE_PFN_DEVICE,
  MIGRATE_PFN_LOCKED,
  MIGRATE_PFN_MIGRATE,
  MIGRATE_PFN_WRITE,
  formatMpfn,
  migrate_pfn,
} from './migrate_pfn';
import { get_page, put_page } from './swap';
import { page_remove_rmap } from './rmap';
import { _vm_normal_page } from './mm';
import { mmu_notifier_invalidate_range } from './mmu_notifier';

const FILE = 'mm/migrate.c';

export function migrate_vma_collect(k: Kernel, m: MigrateVma): void {
  call(k, 'migrate_vma_collect', FILE, `walk ${m.end - m.start} page(s)`, () => {
    mmu_notifier_invalidate_range(k, m.pid, m.start, m.end, 'migrate_vma_collect');
    for (let i = 0; i < m.src.length; i++) collect_one(k, m, i);
    trace(k, 'migrate_vma_collect', FILE, `cpages = ${m.cpages}`);
  });
}

function collect_one(k: Kernel, m: MigrateVma, i: number): void {
  const vpn = asVpn(m.start + i);
  const pte = getPte(k, m.pid, vpn);
  const at = hexVpn(vpn);
  if (!pte || (pte.kind === 'present' && pte.zero)) {
    // pte_none, a hole, or the zero page: migrate "nothing" into a fresh page.
    m.src[i] = { pfn: null, flags: MIGRATE_PFN_MIGRATE };
    m.cpages += 1;
    trace(k, 'migrate_vma_collect_pmd', FILE, `${at}: ${pte ? 'zero page' : 'pte_none'} → MIGRATE`);
    return;
  }
  let mpfn;
  if (pte.kind === 'device-private') {
    mpfn = migrate_pfn(pte.pfn);
    mpfn.flags |= MIGRATE_PFN_DEVICE | MIGRATE_PFN_MIGRATE | (pte.write ? MIGRATE_PFN_WRITE : 0);
  } else if (pte.kind === 'present' || pte.kind === 'devmap') {
    const pg = _vm_normal_page(k.s, pte, true);
    if (!pg) return;
    mpfn = migrate_pfn(pg.pfn);
    mpfn.flags |= MIGRATE_PFN_MIGRATE | (pte.write ? MIGRATE_PFN_WRITE : 0);
  } else {
    trace(k, 'migrate_vma_collect_pmd', FILE, `${at}: ${pte.kind} entry is not migratable`);
    return;
  }
  const pfn = pte.pfn;
  if (page(k, pfn).mapping === null) {
    trace(k, 'migrate_vma_collect_pmd', FILE, `${at}: page->mapping is NULL: skip`);
    return;
  }
  get_page(k, pfn, 'migrate_vma_collect');
  m.cpages += 1;
  if (!page(k, pfn).locked) {
    // trylock_page succeeded: the fast path unmaps right here.
    page(k, pfn).locked = true;
    mpfn.flags |= MIGRATE_PFN_LOCKED;
    // pte_write() of a device-private *swap* PTE reads the x86 RW bit, which is 0: the entry is
    // always READ (v4.14 behaviour S-1; later kernels use mpfn & MIGRATE_PFN_WRITE).
    const write = pte.kind === 'device-private' ? false : pte.write;
    setPte(k, m.pid, vpn, { kind: 'migration', pfn, write });
    trace(
      k,
      'migrate_vma_collect_pmd',
      FILE,
      `${at}: trylock_page pfn ${hex(pfn)}: src |= MIGRATE_PFN_LOCKED, PTE → migration entry ` +
        `(${write ? 'write' : 'read'})` +
        (pte.kind === 'device-private' && pte.write
          ? ' — write permission lost: pte_write() of a swap PTE is 0 (v4.14)'
          : ''),
    );
    page_remove_rmap(k, pfn);
    put_page(k, pfn, "the old mapping's reference now belongs to the migration");
  }
  m.src[i] = mpfn;
  trace(k, 'migrate_vma_collect_pmd', FILE, `src[${i}] = ${formatMpfn(mpfn)}`);
}
