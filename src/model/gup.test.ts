/**
 * get_user_pages in v4.14 (mm/gup.c __get_user_pages, follow_page_pte, faultin_page): the answers
 * that are not "a pin" — the walks that retry forever, detected and reported as a livelock.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from './ops';
import { A, fns, last, pageAt, pteAt, run, setup, toDev } from '../test/modelKit';
import { processOf } from './query';

const gup = (pid = 1, flags: ('write' | 'longterm')[] = []): Op => ({
  op: 'gup',
  pid,
  addr: A,
  npages: 1,
  flags,
});

const publicPage: Op[] = [
  { op: 'device_add', device: 'p', type: 'public' },
  { op: 'spawn', pid: 1 },
  { op: 'mmap', pid: 1, addr: A, npages: 1, prot: 'rw', flags: ['private', 'anonymous'] },
  { op: 'write', pid: 1, addr: A, npages: 1, values: [4] },
  toDev(1, 1, 'p'),
];

describe('follow_page_pte on a DEVICE_PUBLIC devmap PTE (kernel/memremap.c get_dev_pagemap)', () => {
  it('finds no pgmap (hmm devmem is only in hmm_devmem_radix): goto no_page, retry forever', () => {
    const f = last(run([...publicPage, gup()]));
    expect(f.result).toEqual({ livelock: true, addr: '0x10000000', cpages: 0 });
    expect(fns(f)).toContain('get_dev_pagemap');
    expect(fns(f)).toContain('faultin_page');
    // Not pinned: the page keeps the references it had (driver + mapping), no GUP pin.
    expect(pageAt(f.state, 1, A)).toMatchObject({ memory: 'device-public', pins: 0, refcount: 2 });
    expect(processOf(f.state, 1)?.gupPins).toEqual([]);
    expect(f.violations).toEqual([]);
  });

  it('a FOLL_WRITE GUP on a read-only devmap PTE breaks COW first and pins the RAM copy', () => {
    const f = last(
      run([
        ...publicPage,
        { op: 'mprotect', pid: 1, addr: A, npages: 1, prot: 'r' },
        { op: 'mprotect', pid: 1, addr: A, npages: 1, prot: 'rw' },
        gup(1, ['write']),
      ]),
    );
    // can_follow_write_pte fails → faultin_page → do_wp_page copies (the COW hole, no fork).
    expect(f.result).toEqual({ ret: 0, cpages: 1 });
    expect(fns(f)).toContain('do_wp_page');
    expect(pageAt(f.state, 1, A)).toMatchObject({ memory: 'system', pins: 1 });
  });
});

describe('__get_user_pages on a device-private page another mm maps (fork, map_pte bug)', () => {
  const forked: Op[] = [...setup(1), toDev(1), { op: 'fork', pid: 1, child: 2 }];

  it('faultin_page returns 0 with nothing changed: goto retry forever — a livelock, not -EFAULT', () => {
    const f = last(run([...forked, gup(1)]));
    expect(f.result).toEqual({ livelock: true, addr: '0x10000000', cpages: 0 });
    expect(fns(f)).toContain('device_private_entry_fault');
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'device-private' });
    expect(f.events.some((e) => e.fn === '__get_user_pages' && /livelock/.test(e.text))).toBe(true);
  });

  it('still pins once the other mm is gone (the fault-back completes)', () => {
    const f = last(run([...forked, { op: 'exit', pid: 2 }, gup(1)]));
    expect(f.result).toEqual({ ret: 0, cpages: 1 });
    expect(pageAt(f.state, 1, A)).toMatchObject({ memory: 'system', pins: 1 });
  });

  it('the driver faulting another device’s page home through GUP inherits the livelock', () => {
    const f = last(
      run([
        { op: 'device_add', device: 'dmirror1', type: 'private' },
        ...setup(1),
        toDev(1, 1, 'dmirror1'),
        { op: 'fork', pid: 1, child: 2 },
        { op: 'dmirror_read', device: 'dmirror0', pid: 1, addr: A, npages: 1 },
      ]),
    );
    expect(f.result).toMatchObject({ livelock: true, cpages: 0 });
    expect(fns(f)).toContain('get_user_pages');
    expect(fns(f)).toContain('__get_user_pages');
  });
});
