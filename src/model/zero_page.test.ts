/**
 * The shared zero page: a reserved kernel-image page with its own pfn (mm/memory.c zero_pfn,
 * arch/x86/kernel/head_64.S empty_zero_page), mapped read-only by read faults of private anonymous
 * memory (do_anonymous_page), referenced by FOLL_GET in follow_page_pte (mm/gup.c v4.14).
 */
import { describe, expect, it } from 'vitest';
import type { Op } from './ops';
import type { GupFlag } from './ops';
import { A, PG, fns, last, pageAt, pteAt, run, run612 } from '../test/modelKit';
import { checkAllInvariants, lookupPage, processOf, snapshotState } from './index';
import { zero_pfn } from './page_store';
import { hex } from './ids';

const readBuf = (n: number): Op[] => [
  { op: 'spawn', pid: 1 },
  { op: 'mmap', pid: 1, addr: A, npages: n, prot: 'rw', flags: ['private', 'anonymous'] },
  { op: 'read', pid: 1, addr: A, npages: n },
];
const gup = (flags: GupFlag[] = [], npages = 1): Op => ({
  op: 'gup',
  pid: 1,
  addr: A,
  npages,
  flags,
});

describe('the zero page (zero_pfn, empty_zero_page)', () => {
  it('is a reserved frame of System RAM, the last one, at refcount 1 with no mapping', () => {
    const f = last(run(readBuf(3)));
    const zero = zero_pfn(f.state);
    expect(zero).toBe(4096 - 1);
    for (let i = 0; i < 3; i++) {
      expect(pteAt(f.state, 1, A + i * PG)).toMatchObject({
        kind: 'present',
        pfn: zero,
        zero: true,
      });
    }
    // pte_mkspecial: no rmap, no mapcount, no reference per mapping, no RSS.
    expect(lookupPage(f.state, zero)).toMatchObject({
      memory: 'system',
      refcount: 1,
      mapcount: 0,
      reserved: true,
      rmap: [],
    });
    expect(processOf(f.state, 1)?.rss.anon).toBe(0);
    expect(f.events.some((e) => e.text.includes(`pfn ${hex(zero)}`))).toBe(true);
    expect(checkAllInvariants(f.state)).toEqual([]);
  });

  it('is never handed out by the page allocator, even when RAM runs out', () => {
    const f = last(
      run(
        [
          { op: 'spawn', pid: 1 },
          { op: 'mmap', pid: 1, addr: A, npages: 20, prot: 'rw', flags: ['private', 'anonymous'] },
          { op: 'write', pid: 1, addr: A, npages: 20, values: Array<number>(20).fill(1) },
        ],
        { ramPages: 16 },
      ),
    );
    expect(f.result).toMatchObject({ oom: true });
    const pfns = Array.from({ length: 14 }, (_, i) => pteAt(f.state, 1, A + i * PG)).map((p) =>
      p && 'pfn' in p ? p.pfn : null,
    );
    expect(new Set(pfns)).toEqual(new Set(Array.from({ length: 14 }, (_, i) => i + 1)));
    expect(f.state.ram.free).toBe(0);
  });

  it('follow_page_pte: is_zero_pfn → pte_page, and FOLL_GET takes a reference put_page drops', () => {
    const frames = run([...readBuf(2), gup([], 2), { op: 'unpin', pid: 1, addr: A, npages: 2 }]);
    const pinned = frames[frames.length - 2];
    if (!pinned) throw new Error('no gup frame');
    const zero = zero_pfn(pinned.state);
    expect(pinned.result).toEqual({ ret: 0, cpages: 2 });
    expect(lookupPage(pinned.state, zero)).toMatchObject({ refcount: 3, pins: 2, mapcount: 0 });
    expect(
      pinned.events.some((e) => e.fn === 'follow_page_pte' && /is_zero_pfn/.test(e.text)),
    ).toBe(true);
    expect(snapshotState(pinned.state).pages[hex(zero)]).toMatchObject({
      refcount: 3,
      pins: 2,
      reserved: true,
    });
    expect(pinned.violations).toEqual([]);
    const after = last(frames);
    expect(lookupPage(after.state, zero)).toMatchObject({ refcount: 1, pins: 0 });
    expect(snapshotState(after.state).pages[hex(zero)]).toBeUndefined();
    expect(after.violations).toEqual([]);
  });

  it('FOLL_DUMP: the zero page is -EFAULT (no special pages in core dumps), and so is a never-touched hole', () => {
    const f = last(run([...readBuf(1), gup(['dump'])]));
    expect(f.result).toEqual({ ret: -14, cpages: 0 });
    expect(lookupPage(f.state, zero_pfn(f.state))).toMatchObject({ refcount: 1, pins: 0 });
    const hole = last(
      run([
        { op: 'spawn', pid: 1 },
        { op: 'mmap', pid: 1, addr: A, npages: 1, prot: 'rw', flags: ['private', 'anonymous'] },
        gup(['dump']),
      ]),
    );
    expect(hole.result).toEqual({ ret: -14, cpages: 0 });
    expect(fns(hole)).toContain('no_page_table');
    expect(fns(hole)).not.toContain('faultin_page');
    expect(pteAt(hole.state, 1, A)).toBeUndefined();
  });

  it('a FOLL_WRITE GUP on the zero page breaks COW first (can_follow_write_pte) and pins the copy', () => {
    const f = last(run([...readBuf(1), gup(['write'])]));
    expect(f.result).toEqual({ ret: 0, cpages: 1 });
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present', zero: false, write: true });
    expect(pageAt(f.state, 1, A)).toMatchObject({ refcount: 2, pins: 1, mapcount: 1 });
    expect(lookupPage(f.state, zero_pfn(f.state))).toMatchObject({ refcount: 1, pins: 0 });
  });

  it('v6.12 pin_user_pages (FOLL_PIN): try_grab_folio takes no reference on the zero page', () => {
    const f = last(run612([...readBuf(1), gup(['longterm'])]));
    expect(f.result).toEqual({ ret: 0, cpages: 1 });
    expect(lookupPage(f.state, zero_pfn(f.state))).toMatchObject({ refcount: 1, pins: 0 });
    const u = last(
      run612([...readBuf(1), gup(['longterm']), { op: 'unpin', pid: 1, addr: A, npages: 1 }]),
    );
    expect(lookupPage(u.state, zero_pfn(u.state))).toMatchObject({ refcount: 1 });
    expect(u.violations).toEqual([]);
    // get_user_pages (FOLL_GET) in v6.12 does take one (folio_ref_add).
    const g = last(run612([...readBuf(1), gup()]));
    expect(lookupPage(g.state, zero_pfn(g.state))).toMatchObject({ refcount: 2, pins: 1 });
  });

  it('memory_failure on the zero page: PG_hwpoison, me_kernel (MF_IGNORED), still referenced: -EBUSY', () => {
    const f = last(run([...readBuf(1), { op: 'memory_failure', pid: 1, addr: A, npages: 1 }]));
    expect(f.result).toEqual({ ret: -16 });
    expect(fns(f)).toContain('me_kernel');
    expect(lookupPage(f.state, zero_pfn(f.state))).toMatchObject({ hwpoison: true, refcount: 2 });
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present', zero: true });
    expect(f.violations).toEqual([]);
  });
});
