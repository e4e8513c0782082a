import { describe, expect, it } from 'vitest';
import { A, fns, last, pageAt, pteAt, run, setup, toDev } from '../test/modelKit';

describe('copy_one_pte (T-FORK)', () => {
  it('write-protects ordinary anonymous pages in both mms and COWs on write', () => {
    const frames = run([...setup(1), { op: 'fork', pid: 1, child: 2 }]);
    const f = last(frames);
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'present', write: false });
    expect(pteAt(f.state, 2, A)).toMatchObject({ kind: 'present', write: false });
    expect(pageAt(f.state, 1, A)).toMatchObject({ refcount: 2, mapcount: 2 });
    const g = last(
      run([
        ...setup(1),
        { op: 'fork', pid: 1, child: 2 },
        { op: 'write', pid: 2, addr: A, npages: 1, values: [99] },
        { op: 'read', pid: 1, addr: A, npages: 1 },
      ]),
    );
    expect(g.result).toEqual({ ret: 0, values: [10] });
    expect(pageAt(g.state, 2, A)?.value).toBe(99);
  });

  it('downgrades device-private write entries to read in parent and child', () => {
    const f = last(run([...setup(2), toDev(2), { op: 'fork', pid: 1, child: 2 }]));
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'device-private', write: false });
    expect(pteAt(f.state, 2, A)).toMatchObject({ kind: 'device-private', write: false });
    expect(pageAt(f.state, 1, A)).toMatchObject({ refcount: 3, mapcount: 2 });
    expect(f.state.processes[2]?.rss.anon).toBe(2);
    expect(f.violations).toEqual([]);
  });

  it('livelocks a CPU access after fork: the rmap walk cannot see the other mm (v4.14 map_pte bug)', () => {
    const f = last(
      run([
        ...setup(1),
        toDev(1),
        { op: 'fork', pid: 1, child: 2 },
        { op: 'read', pid: 1, addr: A, npages: 1 },
      ]),
    );
    expect(f.result).toMatchObject({ livelock: true, values: [] });
    expect(f.events.some((e) => e.fn === 'page_vma_mapped_walk' && /map_pte/.test(e.text))).toBe(
      true,
    );
    expect(pteAt(f.state, 1, A)).toMatchObject({ kind: 'device-private', write: false });
    expect(f.violations).toEqual([]);
  });

  it('recovers once the child exits: its zap drops the second mapping', () => {
    const f = last(
      run([
        ...setup(1),
        toDev(1),
        { op: 'fork', pid: 1, child: 2 },
        { op: 'exit', pid: 2 },
        { op: 'write', pid: 1, addr: A, npages: 1, values: [3] },
        { op: 'read', pid: 1, addr: A, npages: 1 },
      ]),
    );
    expect(f.result).toEqual({ ret: 0, values: [3] });
    expect(fns(f)).not.toContain('do_swap_page');
  });
});
