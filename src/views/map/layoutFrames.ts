/**
 * The middle column: physical memory as bands (System RAM, then each device's memory), each
 * holding the frames some link, change, leak or the selection asked for, and the frame runs the
 * bundled links of aggregated rows point at; "+ N more frames in use" counts the rest. Rows are
 * ordered so links stay short (frameOrder.ts); every frame still says its pfn.
 */
import type { Page, Pfn } from '../../model';
import { is_zero_pfn, tableCount, tableGet, thousands as fmt } from '../../model';
import type { Band } from './bands';
import { bandClass, bandOf, bandsOf, bandTitle } from './bands';
import { addr, hex, leakedRefs, sleeperRefs, unexplainedRefs } from './describe';
import { orderRows } from './frameOrder';
import * as G from './geometry';
import { mergeFrameRuns } from './frameRuns';
import { pageStats } from './leafStats';
import type { FrameRun, SceneBuilder } from './sceneBuilder';
import { markOf } from './sceneBuilder';
import type { Selection } from '../../store/types';

/** The centre heights of each target's link sources (sources are placed before the frames). */
function sourcesY(b: SceneBuilder): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const l of b.links) {
    const src = b.byId.get(l.source);
    if (!src) continue;
    const ys = out.get(l.target);
    if (ys) ys.push(src.y + src.h / 2);
    else out.set(l.target, [src.y + src.h / 2]);
  }
  return out;
}

/** Lays the physical column out from y = G.TOP; returns its bottom. */
export function layoutFrames(b: SceneBuilder, sel: Selection | null): number {
  const { s, ix, col } = b;
  for (const band of b.bands)
    if (ix.pages.countIn(band.lo, band.hi) <= G.CHANGED_CAP)
      for (const pfn of ix.pages.keysIn(band.lo, band.hi)) b.wantFrame(pfn);
  if (sel?.kind === 'page') b.wantFrame(sel.pfn);
  // Each band's pages in use and leaks first: a leaked frame is drawn on its own, and merged
  // runs count every frame but those (mergeRuns).
  const inUse = b.bands.map((band) => {
    const stats = pageStats(s.pages, band.lo, band.hi, unexplainedRefs);
    // The cached count knows the page alone; a task asleep on it explains one of its references.
    const leaks = s.waiters ? stats.leaks.filter((p) => leakedRefs(s, p) > 0) : stats.leaks;
    for (const p of leaks.slice(0, G.CHANGED_CAP)) b.wantFrame(p.pfn);
    return { band, stats, leaks };
  });
  mergeRuns(b);
  const ys = sourcesY(b);
  let fy = G.TOP;
  for (const { band, stats, leaks } of inUse) {
    const mine = [...b.frames].filter((pfn) => pfn >= band.lo && pfn < band.hi);
    const bandRuns = [...b.runs.values()].filter((r) => r.band.id === band.id);
    const changedHere = ix.pages.countIn(band.lo, band.hi);
    const use = `${fmt(stats.n)} in use${changedHere ? ` · ${fmt(changedHere)} changed` : ''}${leaks.length ? ` · ${fmt(leaks.length)} leaked` : ''}`;
    b.node({
      id: `band:${band.id}`,
      kind: 'band',
      x: col.frame,
      y: fy,
      w: col.frameW,
      h: G.BAND_H - 6,
      label: bandTitle(band),
      detail: `${fmt(band.pages)} pages · ${use}`,
      // A band's size never changes; what is in use, changed or leaked does.
      detailShort: use,
      cls: bandClass(band),
      mark: changedHere > G.CHANGED_CAP ? 'changed' : 'normal',
      name: `${bandTitle(band)}: ${fmt(band.pages)} pages, ${fmt(stats.n)} in use${changedHere ? `, ${fmt(changedHere)} changed this step` : ''}${leaks.length ? `, ${fmt(leaks.length)} leaked` : ''}`,
      select: band.device ? { kind: 'device', device: band.device } : null,
      keys: band.device ? [`dev:${band.device}`] : [],
    });
    fy += G.BAND_H;
    const rows = orderRows(
      [
        ...mine.map((pfn) => ({ id: `frame:${pfn}`, pfn, run: null })),
        ...bandRuns.map((r) => ({ id: r.id, pfn: r.min, run: r })),
      ],
      ys,
    );
    for (const r of rows) {
      if (r.run) runNode(b, r.run, fy);
      else frameNode(b, band, r.pfn, fy);
      fy += b.M.frame;
    }
    const covered = bandRuns.reduce((n, r) => n + r.n, 0);
    const shownUsed = mine.filter((pfn) => tableGet(s.pages, pfn) !== undefined).length;
    const more = stats.n - shownUsed - covered;
    if (more > 0) {
      b.node({
        id: `fmore:${band.id}`,
        kind: 'frames-more',
        x: col.frame,
        y: fy,
        w: col.frameW,
        h: G.MORE_H - 4,
        label: `+ ${fmt(more)} more frames in use`,
        cls: bandClass(band),
        name: `${bandTitle(band)}: ${fmt(more)} more frames in use, not linked from what is shown`,
      });
      fy += G.MORE_H;
    }
    fy += G.GAP;
  }
  return fy;
}

/**
 * Overlapping frame runs as one (frameRuns.ts), the links into them retargeted. A merged run
 * counts the frames in use over its extent but those drawn on their own.
 */
function mergeRuns(b: SceneBuilder): void {
  const { runs, renamed } = mergeFrameRuns(b.runs.values(), (_band, min, max) => {
    const own = [...b.frames].filter(
      (pfn) => pfn >= min && pfn <= max && tableGet(b.s.pages, pfn) !== undefined,
    ).length;
    // A count from the table's own node counts: an extent seen once caches nothing (pageStats
    // keeps a summary per node and range, for the bands and rows asked for at every step).
    return tableCount(b.s.pages, min, max + 1) - own;
  });
  if (renamed.size === 0) return;
  b.runs.clear();
  for (const r of runs) b.runs.set(r.id, r);
  b.links.forEach((l, i) => {
    const to = renamed.get(l.target);
    if (to !== undefined) b.links[i] = { ...l, target: to };
  });
}

function frameNode(b: SceneBuilder, band: Band, pfn: number, y: number) {
  const { s, prev, ix, col, M } = b;
  const c = ix.pages.get(pfn);
  // The zero page rests at refcount 1 (PG_reserved), free RAM at 0, a free device page at 1.
  const zero = is_zero_pfn(s, pfn);
  const idle = band.type === 'ram' && !zero ? 0 : 1;
  const page: Page | null = tableGet(s.pages, pfn) ?? null;
  const before = c ? (c.before ?? null) : page;
  const r1 = page?.refcount ?? idle;
  const m1 = page?.mapcount ?? 0;
  const r0 = c
    ? (c.before?.refcount ?? (bandOf(bandsOf(prev), pfn)?.type === 'ram' && !zero ? 0 : idle))
    : r1;
  const m0 = c ? (c.before?.mapcount ?? 0) : m1;
  const num = (x: number, z: number) => (x === z ? `${z}` : `${x} → ${z}`);
  const leakN = page ? leakedRefs(s, page) : 0;
  const asleep = page ? sleeperRefs(s, pfn) : 0;
  // One page that many PTEs point at: their links all end here, none is in its rmap/mapcount.
  const zeroLinks = zero ? b.links.filter((l) => l.target === `frame:${pfn}`).length : 0;
  const freed = c !== undefined && c.after === null;
  const status = freed ? ' · freed' : c?.before === null ? ' · new' : '';
  const mappers = (page?.rmap ?? []).map((r) => `pid ${r.pid} at ${addr(r.vpn)}`);
  const value = page ? page.value : (before?.value ?? null);
  b.node({
    id: `frame:${pfn}`,
    kind: 'frame',
    x: col.frame,
    y,
    w: col.frameW,
    h: M.frame - 6,
    label: zero
      ? `pfn ${hex(pfn)} · the zero page`
      : `pfn ${hex(pfn)}${page?.hwpoison ? ' · poisoned' : ''}${status}`,
    detail: `ref ${num(r0, r1)} · map ${num(m0, m1)}${leakN ? ` · ${leakN} unexplained!` : ''}`,
    cls: bandClass(band),
    mark: markOf(c),
    leak: leakN > 0,
    value: zero ? null : value,
    name: `pfn ${hex(pfn)} in ${bandTitle(band)}${zero ? ` · the shared zero page (kernel image, reserved)${zeroLinks ? ` · ${zeroLinks} special PTE link${zeroLinks > 1 ? 's' : ''} shown, none counted in its mapcount` : ''}` : ''} · refcount ${num(r0, r1)}, mapcount ${num(m0, m1)}${value !== null && !zero ? ` · holds ${value}` : ''}${mappers.length ? ` · mapped by ${mappers.join(', ')}` : ''}${asleep ? ` · ${asleep} reference${asleep > 1 ? 's' : ''} held by a task asleep on it` : ''}${leakN ? ` · ${leakN} reference${leakN > 1 ? 's' : ''} no mapping explains (leak)` : ''}${c ? (freed ? ' · freed this step' : c.before === null ? ' · allocated this step' : ' · changed this step') : ''}`,
    select: { kind: 'page', pfn: pfn as Pfn },
    keys: [`pfn:${pfn}`],
  });
}

function runNode(b: SceneBuilder, r: FrameRun, y: number) {
  b.node({
    id: r.id,
    kind: 'frame-run',
    x: b.col.frame,
    y,
    w: b.col.frameW,
    h: b.M.frame - 6,
    label: `pfn ${hex(r.min)}–${hex(r.max)}`,
    detail: `${fmt(r.n)} frame${r.n === 1 ? '' : 's'}${r.changed ? ` · ${fmt(r.changed)} changed` : ''}`,
    cls: bandClass(r.band),
    mark: r.changed ? 'changed' : 'normal',
    name: `${fmt(r.n)} frames of ${bandTitle(r.band)} from pfn ${hex(r.min)} to ${hex(r.max)}`,
  });
}
