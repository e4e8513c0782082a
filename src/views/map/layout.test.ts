import { describe, expect, it } from 'vitest';
import { asPfn, dmirrorData, processOf, runScenario, tableSize } from '../../model';
import { parseScenarioValue } from '../../scenarios';
import { getBuiltin } from '../../scenarios/library/all';
import type { Frame } from '../../store/model';
import { benchDocument } from '../../ui/bench/benchScenario';
import { diffFrames } from './diff';
import { layoutMap } from './layout';
import type { Scene } from './scene';
import { stuckPte } from './stuck';

const VIEW = { width: 1000, height: 600 };

function trace(id: string): Frame[] {
  const s = getBuiltin(id);
  if (!s) throw new Error(id);
  return runScenario(s);
}
function sceneAt(f: Frame[], i: number, zoom = 0): Scene {
  const cur = f[i];
  if (!cur) throw new Error(`no frame ${i}`);
  const prev = f[i - 1];
  return layoutMap(cur, diffFrames(prev, cur), VIEW, zoom, prev ? { prev } : {});
}
const node = (s: Scene, id: string) => s.nodes.find((n) => n.id === id);
const link = (s: Scene, id: string) => s.links.find((l) => l.id === id);
const DEV0 = 0x3ffff0000;

describe('layoutMap: migrate-and-fault-back', () => {
  const f = trace('migrate-and-fault-back');
  const i = f.findIndex((x) => x.id === 'fault-back');
  const s = sceneAt(f, i);

  it('links the faulting PTE to its new RAM frame and keeps the old link as a ghost', () => {
    const l = link(s, 'link:pte:1:65536');
    expect(l?.kind).toBe('present');
    expect(l?.mark).toBe('changed');
    const target = node(s, l?.target ?? '');
    expect(target?.kind).toBe('frame');
    expect(target?.name).toMatch(/in System RAM .*allocated this step/);
    expect(link(s, 'was:pte:1:65536')).toMatchObject({
      mark: 'ghost',
      broken: true,
      target: `frame:${DEV0}`,
    });
  });

  it('draws the freed device page as a ghost with its refcount 2 → 1', () => {
    const g = node(s, `frame:${DEV0}`);
    expect(g?.mark).toBe('ghost');
    expect(g?.detail).toContain('ref 2 → 1');
    expect(g?.value).toBe(10);
  });

  it('gives each band a short second line without its size, for a box too narrow for the whole', () => {
    const bands = s.nodes.filter((n) => n.kind === 'band');
    expect(bands.length).toBeGreaterThan(1);
    for (const b of bands) {
      expect(b.detail).toMatch(/^[\d,]+ pages · [\d,]+ in use/);
      expect(b.detail.endsWith(` · ${b.detailShort ?? ''}`)).toBe(true);
      expect(b.detailShort).toMatch(/^[\d,]+ in use/);
    }
  });

  it('names the PTE in words, with where it points and what changed', () => {
    expect(node(s, 'pte:1:65536')?.name).toMatch(
      /^pid 1 · 0x10000000 → pfn 0x[0-9a-f]+ in System RAM · present, read-only · changed this step/,
    );
    expect(node(s, 'pte:1:65537')?.name).toContain('the CPU cannot follow it');
  });

  it('device-private links are drawn broken; the others are not', () => {
    expect(link(s, 'link:pte:1:65537')?.broken).toBe(true);
    expect(link(s, 'link:pte:1:65536')?.broken).toBe(false);
  });

  it('moves the value with the page, from the device frame to the RAM frame', () => {
    expect(s.movers).toHaveLength(1);
    const from = node(s, `frame:${DEV0}`);
    expect(s.movers[0]?.value).toBe(10);
    expect(s.movers[0]?.y1).toBeCloseTo((from?.y ?? 0) + (from?.h ?? 0) / 2);
  });

  it('lists the changed PTE first, and its box contains every changed node', () => {
    expect(s.changed[0]).toBe('pte:1:65536');
    expect(s.focus).not.toBeNull();
    for (const id of s.changed) {
      const n = node(s, id);
      expect(n && s.focus && n.y >= s.focus.y && n.y + n.h <= s.focus.y + s.focus.h).toBe(true);
    }
  });

  it('ids are stable: the same objects keep their ids across steps', () => {
    const before = sceneAt(f, i - 1);
    expect(node(before, 'pte:1:65536')).toBeDefined();
    expect(link(before, 'link:pte:1:65536')?.target).toBe(`frame:${DEV0}`);
  });
});

describe('layoutMap: fork-cow-device-private', () => {
  const f = trace('fork-cow-device-private');
  it('after fork, two mms link into one device frame', () => {
    const s = sceneAt(
      f,
      f.findIndex((x) => x.id === 'fork'),
    );
    const into = s.links.filter(
      (l) => l.target === `frame:${DEV0}` && l.mark !== 'ghost' && l.kind !== 'mirror',
    );
    expect(into.map((l) => l.source).sort()).toEqual(['pte:1:65536', 'pte:2:65536']);
    expect(node(s, `frame:${DEV0}`)?.detail).toContain('ref 2 → 3');
    expect(node(s, 'pte:2:65536')?.mark).toBe('added');
  });
  it("a step that changes no page or PTE names the PTE it looked at: dmirror_snapshot of the child's pages", () => {
    const i = f.findIndex((x) => x.op?.op === 'dmirror_snapshot');
    const s = sceneAt(f, i);
    // Only the device's new (empty) table for the child: the snapshot fills no entry.
    expect(s.changed).toEqual(['mtab:dmirror0:2']);
    expect(s.subject).toBe('pte:2:65536');
    expect(node(s, 'pte:2:65536')?.kind).toBe('pte');
  });
  it('an op that names no address (fork) has no subject', () => {
    const s = sceneAt(
      f,
      f.findIndex((x) => x.id === 'fork'),
    );
    expect(s.changed.length).toBeGreaterThan(0);
    expect(s.subject).toBe(null);
  });
  it('when the child exits, its entries stay as ghosts for that step', () => {
    const i = f.findIndex((x) => x.op?.op === 'exit');
    const s = sceneAt(f, i);
    expect(node(s, 'pte:2:65536')?.mark).toBe('ghost');
    expect(link(s, 'was:pte:2:65536')?.target).toBe(`frame:${DEV0}`);
  });
  it("the device's table of the child appears when registered and stays as a ghost when released", () => {
    const reg = f.findIndex((x) => x.op?.op === 'dmirror_snapshot' && x.op.pid === 2);
    const before = sceneAt(f, reg - 1);
    expect(node(before, 'mtab:dmirror0:2')).toBeUndefined();
    const added = sceneAt(f, reg);
    expect(node(added, 'mtab:dmirror0:2')).toMatchObject({
      mark: 'added',
      detail: 'new · 0 entries',
    });
    expect(added.summary).toContain('dmirror0 mirror of pid 2: registered');
    const exit = f.findIndex((x) => x.op?.op === 'exit');
    const gone = sceneAt(f, exit);
    expect(node(gone, 'mtab:dmirror0:2')).toMatchObject({ mark: 'ghost', detail: 'released' });
    expect(node(gone, 'mtab:dmirror0:2')?.name).toMatch(/released this step/);
    expect(gone.summary).toContain('dmirror0 mirror of pid 2: released');
    expect(gone.changed).toContain('mtab:dmirror0:2');
    // The step after: it is gone for good.
    expect(node(sceneAt(f, exit + 1), 'mtab:dmirror0:2')).toBeUndefined();
  });
});

describe('layoutMap: a task asleep on a paused migration', () => {
  it("munmap waiting for mmap_sem: the process heading says asleep and is this step's change", () => {
    const f = trace('migration-entry-munmap');
    const i = f.findIndex((x) => x.op?.op === 'munmap' && x.op.pid === 1);
    const s = sceneAt(f, i);
    expect(node(s, 'proc:1')).toMatchObject({ label: 'pid 1 · asleep', mark: 'changed' });
    expect(node(s, 'proc:1')?.name).toBe(
      'process pid 1, asleep: munmap sleeps on mmap_sem, changed this step',
    );
    expect(s.changed).toEqual(['proc:1']);
    expect(s.summary).toBe('pid 1: munmap sleeps on mmap_sem');
    // Awake again at the resume.
    expect(node(sceneAt(f, i + 1), 'proc:1')?.label).toBe('pid 1');
  });
  it('the reference a load asleep on a migration entry holds (v4.14) is not a leak', () => {
    const f = trace('migration-entry-munmap');
    const i = f.findIndex((x) => x.op?.op === 'munmap' && x.op.pid === 1);
    const s = sceneAt(f, i);
    // Selected, pfn 0x1 is drawn: the paused migration's reference and the child's sleeping load's.
    const cur = f[i] as Frame;
    const prev = f[i - 1] as Frame;
    const sel = layoutMap(cur, diffFrames(prev, cur), VIEW, 0, {
      prev,
      selection: { kind: 'page', pfn: asPfn(1) },
    });
    const frame = node(sel, 'frame:1');
    expect(frame).toMatchObject({ leak: false, detail: 'ref 2 · map 0' });
    expect(frame?.name).toContain('1 reference held by a task asleep on it');
    expect(s.nodes.filter((n) => n.leak)).toEqual([]);
    expect(node(s, 'band:ram')?.detail).not.toMatch(/leaked/);
  });
});

describe('layoutMap: the DEVICE_PUBLIC COW hole', () => {
  it('shows the leaked frame: a count no link explains', () => {
    const f = trace('device-public-cow-hole');
    const s = sceneAt(f, f.length - 1);
    const leaks = s.nodes.filter((n) => n.leak);
    expect(leaks.length).toBeGreaterThan(0);
    for (const n of leaks)
      expect(s.links.some((l) => l.target === n.id && l.mark !== 'ghost')).toBe(false);
    // Its band counts it, on screen and in its name alike.
    const band = s.nodes.find((n) => n.kind === 'band' && / leaked$/.test(n.detail));
    expect(band?.name).toMatch(/, [\d,]+ leaked$/);
  });
  it('no frame leaks in the default scenario', () => {
    const f = trace('migrate-and-fault-back');
    for (let i = 1; i < f.length; i++)
      expect(sceneAt(f, i).nodes.filter((n) => n.leak)).toEqual([]);
  });
});

describe('layoutMap at scale', () => {
  const parsed = parseScenarioValue(benchDocument(), { unbounded: true });
  if (!parsed.ok) throw new Error(parsed.error);
  const f = runScenario(parsed.scenario);
  const last = f.length - 1;

  it('aggregates 65,536 pages into runs with counts and stays small', () => {
    const s = sceneAt(f, last);
    expect(s.nodes.length).toBeLessThan(200);
    const runs = s.nodes.filter((n) => n.kind === 'pte-run');
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.length).toBeLessThanOrEqual(16);
    expect(s.links.some((l) => l.count > 1000)).toBe(true);
    // The step's changed PTEs are broken out of the runs.
    expect(s.changed.some((id) => id.startsWith('pte:'))).toBe(true);
  });

  it('counts each PTE and mirror entry once: in a row of its own or in one run, never both', () => {
    // At every bench step from the first small one on (reads, writes and 4-page migrations): the
    // step's PTEs and mirror entries are drawn on their own, out of the runs around them.
    for (let i = 9; i <= last; i++) {
      const cur = f[i];
      if (!cur) throw new Error(`no frame ${i}`);
      const s = sceneAt(f, i);
      const ptes = processOf(cur.state, 1)?.ptes;
      const bundled = s.links
        .filter((l) => l.id.startsWith('bundle:run:1:'))
        .reduce((n, l) => n + l.count, 0);
      const own = s.links.filter((l) => l.id.startsWith('link:pte:1:')).length;
      expect(bundled + own).toBe(ptes ? tableSize(ptes) : 0);
      const mirrors = dmirrorData(cur.state, 'dmirror0')?.mirrors[1];
      const mBundled = s.links
        .filter((l) => l.id.startsWith('mbundle:mrun:dmirror0:1:'))
        .reduce((n, l) => n + l.count, 0);
      const mOwn = s.nodes.filter(
        (n) => n.id.startsWith('mir:dmirror0:1:') && n.mark !== 'ghost',
      ).length;
      expect(mBundled + mOwn).toBe(mirrors ? tableSize(mirrors) : 0);
    }
    // The last step's PTEs: drawn on their own, each with its one link, under a run that holds
    // none of them and so is not marked changed.
    const s = sceneAt(f, last);
    const mine = s.nodes.filter((n) => n.kind === 'pte' && n.mark === 'changed');
    expect(mine.length).toBeGreaterThan(0);
    for (const n of mine)
      expect(s.links.filter((l) => l.source === n.id && l.mark !== 'ghost')).toHaveLength(1);
    const run = s.nodes.find(
      (n) => n.kind === 'pte-run' && n.name.includes(`${mine.length} drawn on their own below`),
    );
    expect(run?.mark).toBe('normal');
  });

  it('draws each frame once: no two frame runs overlap, and each has the links that asked for it', () => {
    for (let i = 9; i <= last; i++) {
      const s = sceneAt(f, i);
      const runs = s.nodes
        .filter((n) => n.kind === 'frame-run')
        .map((n) => {
          const [, band = '', min = '', max = ''] = n.id.split(':');
          return { id: n.id, band, min: Number(min), max: Number(max) };
        });
      expect(runs.length).toBeGreaterThan(0);
      for (const x of runs) {
        for (const y of runs)
          if (x !== y && x.band === y.band) expect(x.max < y.min || y.max < x.min).toBe(true);
        expect(s.links.some((l) => l.target === x.id)).toBe(true);
      }
    }
    // The last step's mirror entries and the PTE runs around them map the same device frames:
    // one run holds them, with bundles from both columns.
    const s = sceneAt(f, last);
    const into = (prefix: string) =>
      new Set(s.links.filter((l) => l.id.startsWith(prefix)).map((l) => l.target));
    const shared = [...into('mbundle:')].filter((t) => into('bundle:run:').has(t));
    expect(shared.length).toBeGreaterThan(0);
  });

  it('the small bench scenario (the default machine of the map bench) draws the same picture', () => {
    // The map bench divides the big machine's map cost by this one's: it must be the same steps
    // in the same shape, 64 times less memory, or the ratio would measure the picture, not scale.
    const small = parseScenarioValue(benchDocument('small'), { unbounded: true });
    if (!small.ok) throw new Error(small.error);
    expect(small.scenario.machine.ramPages).toBe(4096);
    const g = runScenario(small.scenario);
    expect(g.length).toBe(f.length);
    const kinds = (s: Scene) => [...new Set(s.nodes.map((n) => n.kind))].sort();
    for (let i = 10; i < g.length; i++) {
      expect(g[i]?.result?.ret).toBe(f[i]?.result?.ret);
      const a = sceneAt(f, i);
      const b = sceneAt(g, i);
      expect(kinds(b)).toEqual(kinds(a));
      expect(Math.abs(b.nodes.length - a.nodes.length)).toBeLessThanOrEqual(a.nodes.length / 4);
    }
  });

  it('zooming in opens runs into more rows', () => {
    const a = sceneAt(f, last, 0).nodes.filter((n) => n.kind === 'pte-run').length;
    const b = sceneAt(f, last, 3).nodes.filter((n) => n.kind === 'pte-run').length;
    expect(b).toBeGreaterThan(a);
  });
});

describe('layoutMap: frames ordered by their links', () => {
  it('links are no longer than with the frames in pfn order, in every step of the fork scenario', () => {
    const f = trace('fork-cow-device-private');
    for (let i = 1; i < f.length; i++) {
      const s = sceneAt(f, i);
      const frames = s.nodes.filter((n) => n.kind === 'frame' || n.kind === 'frame-run');
      const ys = new Map(frames.map((n) => [n.id, n.y]));
      // The same rows re-stacked by pfn inside each band (the band order is fixed).
      const byBand = new Map<string, typeof frames>();
      for (const n of frames) byBand.set(n.cls, [...(byBand.get(n.cls) ?? []), n]);
      const pfnY = new Map<string, number>();
      for (const group of byBand.values()) {
        const slots = group.map((n) => n.y).sort((a, b) => a - b);
        const sorted = [...group].sort((a, b) => pfnOf(a.id) - pfnOf(b.id));
        sorted.forEach((n, k) => pfnY.set(n.id, slots[k] ?? n.y));
      }
      const length = (y: Map<string, number>) =>
        s.links.reduce((sum, l) => sum + Math.abs(l.y1 - ((y.get(l.target) ?? 0) + 17)), 0);
      expect(length(ys)).toBeLessThanOrEqual(length(pfnY));
    }
  });
});

function pfnOf(id: string): number {
  return Number(/(\d+)/.exec(id.split(':').slice(-1)[0] ?? '')?.[1] ?? 0);
}

describe('layoutMap on a phone', () => {
  it('stacks the device page tables under the processes and fits two columns in 360 px', () => {
    const f = trace('fork-cow-device-private');
    const cur = f[6];
    const prev = f[5];
    if (!cur || !prev) throw new Error('no frames 5, 6');
    const s = layoutMap(cur, diffFrames(prev, cur), { width: 360 }, 0, { prev });
    expect(s.width).toBeLessThanOrEqual(360);
    const mirrors = s.nodes.filter((n) => n.kind === 'mirror-table' || n.kind === 'mirror');
    const ptes = s.nodes.filter((n) => n.kind === 'pte');
    expect(mirrors.length).toBeGreaterThan(0);
    for (const m of mirrors) expect(m.y).toBeGreaterThan(Math.max(...ptes.map((p) => p.y)));
    // Mirror links now leave from the right of their rows, like the PTEs' links.
    for (const l of s.links.filter((x) => x.kind === 'mirror')) expect(l.x1).toBeLessThan(l.x2);
  });
});

describe('layoutMap: a livelocked fault (fork-cow-device-private)', () => {
  const f = trace('fork-cow-device-private');
  const i = f.findIndex((x) => x.id === 'livelock');
  const fr = f[i];
  if (!fr) throw new Error('no livelock step');
  const s = sceneAt(f, i);
  const stuck = stuckPte(fr);

  it('finds the PTE whose fault repeats from the step result and its op', () => {
    expect(fr.result?.livelock).toBe(true);
    expect(stuck).not.toBeNull();
    expect(stuckPte({ op: fr.op, result: { addr: fr.result?.addr ?? '0x0' } })).toBeNull();
  });

  it('marks that PTE although nothing in memory changed, and says so in the summary', () => {
    const id = `pte:${stuck?.pid}:${stuck?.vpn}`;
    const n = node(s, id);
    expect(n?.stuck).toBe(true);
    expect(n?.mark).toBe('normal');
    expect(n?.name).toMatch(/its fault repeats this step and changes nothing \(livelock\)$/);
    expect(s.nodes.filter((x) => x.stuck)).toHaveLength(1);
    // What the map brings into view.
    expect(s.changed[0]).toBe(id);
    expect(s.summary).toMatch(
      new RegExp(`^Nothing in memory changed: pid ${stuck?.pid}'s fault at 0x[0-9a-f]+ repeats`),
    );
  });

  it('marks nothing at a step that did not livelock', () => {
    expect(sceneAt(f, i - 1).nodes.some((x) => x.stuck)).toBe(false);
  });
});
