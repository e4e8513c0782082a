import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../model';
import type { Frame } from '../../store/model';
import { builtinScenarios, getBuiltin } from '../../scenarios/library/all';
import type { Change } from './diff';
import { changeId, changeVerb, diffFrames, diffStates, invertChange, retarget } from './diff';
import { summarize } from './summary';

const trace = (id: string): Frame[] => {
  const s = getBuiltin(id);
  if (!s) throw new Error(id);
  return runScenario(s);
};
const at = (f: Frame[], id: string): number => f.findIndex((x) => x.id === id);
const get = (f: Frame[], i: number): Frame => {
  const x = f[i];
  if (!x) throw new Error(`no frame ${i}`);
  return x;
};

describe('diffFrames on migrate-and-fault-back', () => {
  const f = trace('migrate-and-fault-back');
  const i = at(f, 'fault-back');
  const changes = diffFrames(get(f, i - 1), get(f, i));

  it('retargets the faulting PTE from the device page to a new RAM frame, read-only', () => {
    const pte = changes.find((c) => c.kind === 'pte');
    expect(pte).toMatchObject({
      kind: 'pte',
      vpn: 0x10000,
      before: { kind: 'device-private', write: true, pfn: 0x3ffff0000 },
      after: { kind: 'present', write: false },
    });
    if (!pte) throw new Error('no pte change');
    const m = retarget(pte);
    expect(m?.from).toBe(0x3ffff0000);
    expect(m?.to).toBeLessThan(4096);
    expect(changes.filter((c) => c.kind === 'pte')).toHaveLength(1);
  });

  it('frees the device page (refcount 2 → idle) and allocates the RAM frame', () => {
    const dev = changes.find((c) => c.kind === 'page' && c.pfn === 0x3ffff0000);
    expect(dev && changeVerb(dev)).toBe('removed');
    expect(dev?.before).toMatchObject({ refcount: 2, mapcount: 1, value: 10 });
    const ram = changes.find((c) => c.kind === 'page' && c.pfn < 4096);
    expect(ram && changeVerb(ram)).toBe('added');
    expect(ram?.after).toMatchObject({ refcount: 1, mapcount: 1, value: 10 });
  });

  it('drops the device mirror entry', () => {
    const mirrors = changes.filter((c) => c.kind === 'mirror');
    expect(mirrors).toHaveLength(1);
    expect(mirrors[0]).toMatchObject({ vpn: 0x10000, before: { perm: 'write' }, after: null });
  });

  it('summarises the step from the two states', () => {
    const line = summarize(changes, get(f, i - 1).state, get(f, i).state);
    expect(line).toMatch(/^0x10000000: device-private W → present R · pfn 0x[0-9a-f]+ allocated/);
    expect(line).toContain('pfn 0x3ffff0000 ref 2 → 1, freed');
  });

  it('merges a run of pages that changed alike into one part', () => {
    const m = at(f, 'migrate');
    const line = summarize(
      diffFrames(get(f, m - 1), get(f, m)),
      get(f, m - 1).state,
      get(f, m).state,
    );
    expect(line).toContain('0x10000000 ×4: present W → device-private W');
    expect(line).toContain('pfn 0x3ffff0000–0x3ffff0003 allocated');
  });
});

describe('diffFrames on fork-cow-device-private', () => {
  const f = trace('fork-cow-device-private');
  it('fork write-protects the parent entries and adds the child entries to the same pages', () => {
    const i = at(f, 'fork');
    const changes = diffFrames(get(f, i - 1), get(f, i));
    const ptes = changes.filter((c) => c.kind === 'pte');
    const w = (p: (typeof ptes)[number]['before']) => (p && p.kind !== 'hwpoison' ? p.write : null);
    expect(ptes.filter((c) => c.pid === 1).map((c) => [w(c.before), w(c.after)])).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(
      ptes
        .filter((c) => c.pid === 2)
        .every((c) => c.before === null && c.after?.kind === 'device-private'),
    ).toBe(true);
    const pages = changes.filter((c) => c.kind === 'page');
    expect(pages.map((c) => [c.before?.refcount, c.after?.refcount])).toEqual([
      [2, 3],
      [2, 3],
    ]);
  });
  it("the device's table for the child: registered by the snapshot, released at the child's exit", () => {
    const snap = f.findIndex((x) => x.op?.op === 'dmirror_snapshot');
    const reg = diffFrames(get(f, snap - 1), get(f, snap));
    expect(reg).toEqual([
      { kind: 'mirror-table', device: 'dmirror0', pid: 2, before: null, after: { entries: 0 } },
    ]);
    expect(changeId(reg[0] as Change)).toBe('mirror-table:dmirror0:2');
    const exit = f.findIndex((x) => x.op?.op === 'exit');
    const rel = diffFrames(get(f, exit - 1), get(f, exit)).filter((c) => c.kind === 'mirror-table');
    expect(rel).toEqual([
      { kind: 'mirror-table', device: 'dmirror0', pid: 2, before: { entries: 0 }, after: null },
    ]);
    expect(changeVerb(rel[0] as Change)).toBe('removed');
  });
  it('the livelocked fault changes nothing in memory', () => {
    const i = at(f, 'livelock');
    expect(diffFrames(get(f, i - 1), get(f, i))).toEqual([]);
  });
});

describe('diffFrames: a task asleep on a paused migration', () => {
  it('munmap that sleeps on mmap_sem changes the process, and its wake-up reads in the summary', () => {
    const f = trace('migration-entry-munmap');
    const i = f.findIndex((x) => x.op?.op === 'munmap' && x.op.pid === 1);
    const changes = diffFrames(get(f, i - 1), get(f, i));
    expect(changes).toEqual([
      {
        kind: 'process',
        pid: 1,
        before: { alive: true, signals: [], asleep: null },
        after: { alive: true, signals: [], asleep: 'munmap sleeps on mmap_sem' },
      },
    ]);
    expect(summarize(changes, get(f, i - 1).state, get(f, i).state)).toBe(
      'pid 1: munmap sleeps on mmap_sem',
    );
    const woke = diffFrames(get(f, i), get(f, i + 1));
    expect(summarize(woke, get(f, i).state, get(f, i + 1).state)).toMatch(/^pid 1: woke up · /);
  });
  it("a load that sleeps on a migration entry names the entry's page", () => {
    const f = trace('migration-entry-wait');
    const i = f.findIndex((x) => x.op?.op === 'read' && x.state.waiters?.length);
    const c = diffFrames(get(f, i - 1), get(f, i)).find((x) => x.kind === 'process');
    expect(c?.after).toMatchObject({ asleep: "read sleeps on pfn 0x1's migration entry" });
  });
});

describe('diff laws over every built-in scenario', () => {
  const traces = builtinScenarios.map((s) => runScenario(s));
  const sortById = <T extends Parameters<typeof changeId>[0]>(cs: T[]) =>
    [...cs].sort((a, b) => changeId(a).localeCompare(changeId(b)));

  it('diff(a, a) is empty for every frame', () => {
    for (const t of traces) for (const fr of t) expect(diffStates(fr.state, fr.state)).toEqual([]);
  });

  it('diff(b, a) is the inverse of diff(a, b), for any two frames of a scenario', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: traces.length - 1 }),
        fc.nat(),
        fc.nat(),
        (si, x, y) => {
          const t = traces[si] ?? [];
          const a = get(t, x % t.length);
          const b = get(t, y % t.length);
          const fwd = diffStates(a.state, b.state);
          const back = diffStates(b.state, a.state);
          expect(sortById(back)).toEqual(sortById(fwd.map(invertChange)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a step with no changes has an honest summary', () => {
    const t = get(traces[0] ?? [], 0);
    expect(summarize([], t.state, t.state)).toBe('Nothing in memory changed.');
  });
});
