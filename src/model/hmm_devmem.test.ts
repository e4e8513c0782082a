import { describe, expect, it } from 'vitest';
import { A, last, run, setup, toDev } from '../test/modelKit';
import { snapshotState } from './vmlinux';

describe('hmm_devmem_add (T-HOTPLUG-ADD)', () => {
  it('re-hotplugging a removed range re-initialises its struct pages (memmap_init_zone)', () => {
    const frames = run([
      ...setup(2),
      toDev(2),
      { op: 'device_remove', device: 'dmirror0' },
      { op: 'device_add', device: 'dmirror1', type: 'private' },
      { op: 'spawn', pid: 2 },
      { op: 'mmap', pid: 2, addr: A, npages: 2, prot: 'rw', flags: ['private', 'anonymous'] },
      { op: 'write', pid: 2, addr: A, npages: 2, values: [7, 8] },
      toDev(2, 2, 'dmirror1'),
      { op: 'read', pid: 2, addr: A, npages: 2 },
    ]);
    const readd = frames[7];
    // Same range again; the old device's PTEs in pid 1 still point into it: flagged.
    expect(readd?.violations.map((v) => v.id)).toEqual(['I-17', 'I-17']);
    // The unrelated process sees clean pages: no stale mapcount, no leak, no violation.
    expect(frames.slice(8).flatMap((f) => f.violations)).toEqual([]);
    expect(last(frames).result).toEqual({ ret: 0, values: [7, 8] });
  });

  it('starts below min(iomem_resource.end, 2^MAX_PHYSMEM_BITS − 1): 2^46 on a 52-bit machine', () => {
    // mm/hmm.c hmm_devmem_add: addr = min(iomem_resource.end, (1UL << MAX_PHYSMEM_BITS) - 1).
    const wide = last(run([{ op: 'device_add', device: 'd', type: 'private' }], { physBits: 52 }));
    expect(snapshotState(wide.state).resources[1]).toMatchObject({
      start: '0x3ffff0000000',
      end: '0x3fffffffffff',
    });
    // A narrower CPU: iomem_resource ends at 2^x86_phys_bits − 1 and that is the top.
    const narrow = last(
      run([{ op: 'device_add', device: 'd', type: 'private' }], { physBits: 40 }),
    );
    expect(snapshotState(narrow.state).resources[1]).toMatchObject({ end: '0xffffffffff' });
  });

  it('places two devices top-down from 2^physBits, one 256 MiB slot each', () => {
    const f = last(
      run([
        { op: 'device_add', device: 'dmirror0', type: 'private' },
        { op: 'device_add', device: 'dmirror1', type: 'private' },
      ]),
    );
    const res = snapshotState(f.state).resources;
    expect(res).toEqual([
      { start: '0x0', end: '0xffffff', name: 'System RAM' },
      {
        start: '0x3fffe0000000',
        end: '0x3fffefffffff',
        name: 'dmirror1',
        desc: 'IORES_DESC_DEVICE_PRIVATE_MEMORY',
      },
      {
        start: '0x3ffff0000000',
        end: '0x3fffffffffff',
        name: 'dmirror0',
        desc: 'IORES_DESC_DEVICE_PRIVATE_MEMORY',
      },
    ]);
    expect(f.violations).toEqual([]);
  });

  it('keeps ranges section aligned (128 MiB) and steps by size past busy slots', () => {
    const frames = run([
      { op: 'device_add', device: 'a', type: 'private' },
      { op: 'device_add', device: 'b', type: 'public' },
      { op: 'device_add', device: 'c', type: 'private' },
    ]);
    for (const d of Object.values(last(frames).state.devices)) {
      for (const c of d.chunks) expect(c.pfnFirst % 32768).toBe(0);
    }
    const texts = last(frames)
      .events.map((e) => e.text)
      .join('\n');
    expect(texts).toMatch(/overlaps: step down by size/);
  });

  it('fails with -ERANGE when no slot is left below the top of a tiny address space', () => {
    // physBits 29: 512 MiB; RAM at 0, slots of 256 MiB: one fits (0x10000000) — not `addr > size`.
    const f = last(run([{ op: 'device_add', device: 'd', type: 'private' }], { physBits: 29 }));
    expect(f.result).toEqual({ ret: -12 });
    expect(f.events.map((e) => e.text).join('\n')).toMatch(/-ERANGE/);
  });

  it('gives DEVICE_PUBLIC memory a platform resource and a linear mapping', () => {
    const f = last(run([{ op: 'device_add', device: 'p', type: 'public' }]));
    expect(snapshotState(f.state).resources[1]?.desc).toBe('IORES_DESC_DEVICE_PUBLIC_MEMORY');
    expect(f.events.map((e) => e.fn)).toContain('hmm_devmem_add_resource');
    expect(f.events.map((e) => e.fn)).toContain('arch_add_memory');
  });

  it('answers a coherent device with -ENOTTY: that memory type arrives in v6.0', () => {
    expect(last(run([{ op: 'device_add', device: 'c', type: 'coherent' }])).result).toEqual({
      ret: -25,
    });
  });
});

describe('hmm_devmem_remove (T-HOTPLUG-REMOVE)', () => {
  it('removes the range without evicting mapped pages, and flags I-17', () => {
    const f = last(run([...setup(2), toDev(2), { op: 'device_remove', device: 'dmirror0' }]));
    expect(f.result).toEqual({ ret: 0 });
    expect(f.violations.map((v) => v.id)).toContain('I-17');
    expect(snapshotState(f.state).resources).toHaveLength(1);
  });

  it('is clean when no device page is in use', () => {
    const f = last(
      run([
        { op: 'device_add', device: 'dmirror0', type: 'private' },
        { op: 'device_remove', device: 'dmirror0' },
      ]),
    );
    expect(f.violations).toEqual([]);
  });

  it('leaves later device commands with -ENODEV', () => {
    const f = last(run([...setup(1), { op: 'device_remove', device: 'dmirror0' }, toDev(1)]));
    expect(f.result).toEqual({ ret: -19 });
  });
});
