/**
 * The v6.12 kernel image: the core functions v6.12 rewrote (src/model/eras/v6_12/) and test_hmm
 * built against v6.12's interfaces (src/model/driver/v6_12.ts), registered with the shared core
 * when this module loads. It is a chunk of its own, so the app's first load carries only v4.14;
 * loadEra('v6.12') (vmlinux.ts) brings it in, and Node entry points (CLI, scripts, tests) import
 * it directly. See docs/adr/0007-driver-behind-its-ops.md.
 */
import { registerEra } from './vmlinux';
import { registerModernCore } from './eras/modern';
import { free_zone_device_folio, zone_device_page_init } from './eras/v6_12/memremap';
import { do_swap_page_device_private } from './eras/v6_12/do_swap_page';
import { hotplug_coherent_chunk, hotplug_private_chunk } from './eras/v6_12/memremap_pages';
import { dmirrorDriverV612 } from './driver/v6_12';
import { V612_NAMES } from './eras/v6_12/names';
import { registerModernNames } from './eras/names';
import { check_and_migrate_movable_pages } from './eras/v6_12/gup_longterm';
import {
  remove_device_exclusive_entry,
  restore_exclusive_pte,
} from './eras/v6_12/device_exclusive';

registerModernNames(V612_NAMES);
registerModernCore({
  free_zone_device_folio,
  zone_device_page_init,
  do_swap_page_device_private,
  remove_device_exclusive_entry,
  restore_exclusive_pte,
  hotplug_private_chunk,
  hotplug_coherent_chunk,
  check_and_migrate_movable_pages,
});

// test_hmm on v6.12's interfaces: dev_pagemap_ops, migrate_vma_setup/pages/finalize.
registerEra('v6.12', {
  byTag: { [dmirrorDriverV612.tag]: dmirrorDriverV612 },
  defaultDriver: dmirrorDriverV612.tag,
});
