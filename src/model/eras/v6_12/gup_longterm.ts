/**
 * FOLL_LONGTERM pins in v6.12 (mm/gup.c __gup_longterm_locked → check_and_migrate_movable_pages →
 * check_and_migrate_movable_pages_or_folios). DEVICE_COHERENT memory "must always allow eviction"
 * (include/linux/mm.h folio_is_longterm_pinnable returns false for it), and
 * migrate_longterm_unpinnable_folios would move such a folio home with
 * migrate_device_coherent_folio. But in v6.12.19 collect_longterm_unpinnable_folios skips device
 * coherent folios (`continue`) without putting them on the list, and the caller returns 0 when the
 * list is empty: a pin whose only unpinnable folios are coherent is kept on device memory. The
 * model does what the source does, and says so (docs/kernel-notes-v6.12.md).
 */
import type { Kernel } from '../../kernel';
import { call, getPte, trace } from '../../kernel';
import type { Pid, Vpn } from '../../types';
import { asVpn, hex, hexVpn } from '../../ids';
import { lookupPage } from '../../page_store';

const FILE = 'mm/gup.c';

export function check_and_migrate_movable_pages(k: Kernel, pid: Pid, start: Vpn, n: number): void {
  call(
    k,
    'check_and_migrate_movable_pages',
    FILE,
    `${n} pinned page(s) at ${hexVpn(start)}`,
    () => {
      let coherent = 0;
      for (let i = 0; i < n; i++) {
        const pte = getPte(k, pid, asVpn(start + i));
        const pg = pte?.kind === 'present' ? lookupPage(k.s, pte.pfn) : undefined;
        if (pg?.memory !== 'device-coherent') continue;
        coherent += 1;
        trace(
          k,
          'collect_longterm_unpinnable_folios',
          FILE,
          `pfn ${hex(pg.pfn)}: !folio_is_longterm_pinnable (device coherent), but ` +
            'folio_is_device_coherent → continue: not put on the movable list',
        );
      }
      trace(
        k,
        'check_and_migrate_movable_pages_or_folios',
        FILE,
        coherent > 0
          ? `list_empty(&movable_folio_list): return 0 — v6.12.19 keeps the longterm pin on ${coherent} ` +
              'device-coherent page(s); migrate_longterm_unpinnable_folios, which would call ' +
              'migrate_device_coherent_folio, is never reached'
          : 'every pinned folio is longterm-pinnable: return 0',
      );
    },
  );
}
