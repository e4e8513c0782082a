import { describe, expect, it } from 'vitest';
import { A, fns, last, pageAt, pteAt, run, setup, toDev } from '../test/modelKit';
import { processOf } from './query';

describe('memory_failure (hwpoison)', () => {
  const poisoned = [
    ...setup(1),
    { op: 'fork', pid: 1, child: 2 },
    { op: 'memory_failure', pid: 1, addr: A, npages: 1 },
  ] as const;

  it('replaces every mapping of the frame with a hwpoison entry and keeps the page out of use', () => {
    const f = last(run([...poisoned]));
    expect(f.result).toEqual({ ret: 0 });
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'hwpoison' });
    expect(pteAt(f.state, 2, A)).toMatchObject({ kind: 'hwpoison' });
    expect(processOf(f.state, 1)?.rss.anon).toBe(0);
    expect(f.violations).toEqual([]);
  });

  it('gives SIGBUS to the next process that touches it', () => {
    const f = last(run([...poisoned, { op: 'read', pid: 2, addr: A, npages: 1 }]));
    expect(f.result).toMatchObject({ signal: 'SIGBUS' });
    expect(fns(f)).toContain('do_swap_page');
  });

  it('ZONE_DEVICE in v4.14: pfn_valid, not on the LRU → identify_page_state: -EBUSY, PTEs kept', () => {
    const f = last(
      run([...setup(1), toDev(1), { op: 'memory_failure', pid: 1, addr: A, npages: 1 }]),
    );
    // memory_failure: TestSetPageHWPoison, get_hwpoison_page, !PageLRU → identify_page_state →
    // me_unknown (MF_IGNORED) → page_action: still referenced → MF_FAILED → -EBUSY.
    expect(f.result).toEqual({ ret: -16 });
    expect(fns(f)).toContain('identify_page_state');
    expect(fns(f)).not.toContain('hwpoison_user_mappings');
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'device-private' });
    // idle 1 + mapping 1 + the hwpoison reference that is never dropped.
    expect(pageAt(f.state, 1, A)).toMatchObject({
      memory: 'device-private',
      hwpoison: true,
      refcount: 3,
    });
  });

  it('a second memory_failure on the same device frame: already poisoned, 0', () => {
    const f = last(
      run([
        ...setup(1),
        toDev(1),
        { op: 'memory_failure', pid: 1, addr: A, npages: 1 },
        { op: 'memory_failure', pid: 1, addr: A, npages: 1 },
      ]),
    );
    expect(f.result).toEqual({ ret: 0 });
  });
});

describe('a device reading a poisoned page', () => {
  it('gets -EFAULT from HMM_PFN_ERROR', () => {
    const f = last(
      run([
        ...setup(1),
        { op: 'memory_failure', pid: 1, addr: A, npages: 1 },
        { op: 'dmirror_read', device: 'dmirror0', pid: 1, addr: A, npages: 1 },
      ]),
    );
    expect(f.result).toMatchObject({ ret: -14 });
  });
});
