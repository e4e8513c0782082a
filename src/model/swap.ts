/**
 * get_page / put_page: the only refcount mutators (include/linux/mm.h, mm/swap.c), with each era's
 * ZONE_DEVICE rule: in v4.14 (kernel/memremap.c) a device page is free at refcount 1 and the
 * driver's page_free callback runs when the count drops from 2 to 1; in v6.12 (mm/memremap.c) it
 * runs when the count reaches 0, and the page stays there.
 */
import type { Kernel } from './kernel';
import { bug, call, enter, leave, page, trace, traceFmt } from './kernel';
import type { Pfn } from './types';
import { hex } from './ids';
import { free_hot_cold_page } from './page_alloc';
import { mem_cgroup_uncharge } from './memcontrol';
import { deviceFreeCallback } from './memremap';
import { eraSpec } from './eras/spec';
import { modernCore } from './eras/modern';
import { eventSite } from './event_log';

/**
 * The refcount helpers' events, declared once: a migration of thousands of pages runs them a few
 * times per page, and a step's texts are made only if its events are read (event_log.ts).
 */
const refcountText = (pfn: Pfn, count: number, why: string) =>
  `pfn ${hex(pfn)} refcount → ${count} (${why})`;
const GET_PAGE = eventSite('get_page', 'include/linux/mm.h', refcountText);
const PUT_PAGE = eventSite('put_page', 'include/linux/mm.h', refcountText);
const FOLIO_PUT = eventSite('folio_put', 'include/linux/mm.h', refcountText);
const PUT_LAST = eventSite(
  '__put_page',
  'mm/swap.c',
  (pfn: Pfn) => `last reference to pfn ${hex(pfn)} dropped`,
);
const LRU_RELEASE = eventSite(
  '__page_cache_release',
  'mm/swap.c',
  (pfn: Pfn) => `take pfn ${hex(pfn)} off the LRU`,
);

export function get_page(k: Kernel, pfn: Pfn, why: string): void {
  const p = page(k, pfn);
  if (p.refcount <= 0) {
    bug(k, 'I-2', `get_page on pfn ${hex(pfn)} with refcount ${p.refcount} (VM_BUG_ON_PAGE)`);
  }
  p.refcount += 1;
  traceFmt(k, GET_PAGE, pfn, p.refcount, why);
}

export function put_page(k: Kernel, pfn: Pfn, why: string): void {
  const p = page(k, pfn);
  if (p.memory === 'system') {
    p.refcount -= 1;
    traceFmt(k, PUT_PAGE, pfn, p.refcount, why);
    if (p.refcount === 0) __put_page(k, pfn);
    else if (p.refcount < 0) bug(k, 'I-2', `put_page drove pfn ${hex(pfn)} below zero`);
    return;
  }
  if (eraSpec(k.s).deviceIdleRef === 0) put_zone_device_folio(k, pfn, why);
  else put_zone_device_private_or_public_page(k, pfn, why);
}

/** v6.12 folio_put → __folio_put: a ZONE_DEVICE folio at 0 goes to free_zone_device_folio. */
function put_zone_device_folio(k: Kernel, pfn: Pfn, why: string): void {
  const p = page(k, pfn);
  p.refcount -= 1;
  traceFmt(k, FOLIO_PUT, pfn, p.refcount, why);
  if (p.refcount === 0) modernCore().free_zone_device_folio(k, pfn);
  else if (p.refcount < 0) bug(k, 'I-2', `put_page drove ZONE_DEVICE pfn ${hex(pfn)} below zero`);
}

/** __put_single_page: uncharge, leave the LRU, back to the buddy allocator. */
function __put_page(k: Kernel, pfn: Pfn): void {
  enter(k, PUT_LAST, pfn, 0, 0);
  try {
    const p = page(k, pfn);
    if (p.lru) {
      p.lru = false;
      traceFmt(k, LRU_RELEASE, pfn, 0, 0);
    }
    mem_cgroup_uncharge(k, pfn);
    p.mapping = null;
    free_hot_cold_page(k, pfn);
  } finally {
    leave(k);
  }
}

function put_zone_device_private_or_public_page(k: Kernel, pfn: Pfn, why: string): void {
  const p = page(k, pfn);
  p.refcount -= 1;
  const count = p.refcount;
  call(
    k,
    'put_zone_device_private_or_public_page',
    'kernel/memremap.c',
    `pfn ${hex(pfn)} refcount → ${count} (${why})`,
    () => {
      if (count === 1) {
        // The page is free again: v4.14 clears mapping, uncharges, then calls the driver.
        if (p.mapcount !== 0) {
          bug(k, 'I-3', `page_free on pfn ${hex(pfn)} while mapcount is ${p.mapcount}`);
        }
        p.mapping = null;
        mem_cgroup_uncharge(k, pfn);
        if (p.memcg) bug(k, 'I-20', `pfn ${hex(pfn)} still charged when page_free runs`);
        deviceFreeCallback(k, pfn);
      } else if (count === 0) {
        bug(k, 'I-1', `ZONE_DEVICE pfn ${hex(pfn)} reached refcount 0 (refcount bug)`);
        trace(k, 'put_dev_pagemap', 'include/linux/memremap.h', 'refcount bug: page never freed');
      }
    },
  );
}
