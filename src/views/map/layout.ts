/**
 * layoutMap(frame, changes, viewport, zoom) → Scene: the memory map as positioned data. Columns,
 * left to right: each process's VMAs and pages with their CPU PTEs (layoutProcesses) → physical
 * memory bands holding the frames in use (layoutFrames) ← each device's mirror page table per mm
 * (layoutMirrors). Links go from a PTE or mirror entry to its frame (layoutLinks). What the step
 * removed stays as a ghost where it was. The cost is bounded by the row budget (zoom) plus what
 * changed, never by the machine's size: large VMAs and bands aggregate into runs with counts,
 * computed from summaries cached per table node (leafStats).
 */
import type { Frame } from '../../store/model';
import type { Selection } from '../../store/types';
import { bandsOf } from './bands';
import { addr } from './describe';
import { indexChanges } from './changeIndex';
import type { Change } from './diff';
import * as G from './geometry';
import { layoutFrames } from './layoutFrames';
import { bbox, changedIds, movers, resolveLinks } from './layoutLinks';
import { hasMirrors, layoutMirrors } from './layoutMirrors';
import { layoutProcesses } from './layoutProcesses';
import type { Scene, SceneNode, Viewport } from './scene';
import { sceneBuilder } from './sceneBuilder';
import { stuckPte } from './stuck';
import { pteKey, subjectPte } from './subject';
import { summarize } from './summary';

export interface LayoutOptions {
  /** The frame before this step, for ghost numbers (idle refcounts) and the summary. */
  readonly prev?: Frame;
  /** Broken out of any aggregate so the selection is always drawn. */
  readonly selection?: Selection | null;
  /** Taller rows (presenter mode: 44-pixel targets). */
  readonly roomy?: boolean;
}

export function layoutMap(
  frame: Frame,
  changes: readonly Change[],
  // Only the width decides the columns (the height decides what is drawn: cull.ts).
  viewport: Pick<Viewport, 'width'>,
  zoom: number,
  opts: LayoutOptions = {},
): Scene {
  const s = frame.state;
  const prev = opts.prev?.state ?? s;
  const sel = opts.selection ?? null;
  const ix = indexChanges(changes);
  const bands = bandsOf(s);
  for (const band of bandsOf(prev)) if (!bands.some((x) => x.id === band.id)) bands.push(band);
  const withMirrors = hasMirrors({ s, ix });
  const col = G.columns(viewport.width, withMirrors);
  const stuck = stuckPte(frame);
  const subject = subjectPte(frame);
  const b = sceneBuilder(
    s,
    prev,
    ix,
    bands,
    col,
    opts.roomy ? G.ROOMY : G.DESK,
    G.rowBudget(zoom),
    stuck ? pteKey(stuck) : null,
    subject ? pteKey(subject) : null,
  );
  b.node({
    id: 'col:cpu',
    kind: 'column',
    x: col.addr,
    y: 4,
    w: col.rowW,
    h: 22,
    label: col.stacked ? 'CPU page tables' : 'Processes → CPU page tables',
  });
  b.node({
    id: 'col:phys',
    kind: 'column',
    x: col.frame,
    y: 4,
    w: col.frameW,
    h: 22,
    label: 'Physical memory',
  });
  if (withMirrors && !col.stacked)
    b.node({
      id: 'col:mirror',
      kind: 'column',
      x: col.mirror,
      y: 4,
      w: col.mirrorW,
      h: 22,
      label: 'Device page tables',
    });
  // Sources first (both side columns), so the frames can be ordered by where their links start.
  const cpuBottom = layoutProcesses(b, sel);
  const mirrorBottom = withMirrors ? layoutMirrors(b, col.stacked ? cpuBottom : G.TOP) : G.TOP;
  const frameBottom = layoutFrames(b, sel);
  const changed = changedIds(b.nodes);
  const byId = b.byId;
  return {
    width: col.width,
    height: Math.max(cpuBottom, mirrorBottom, frameBottom) + G.PAD,
    nodes: b.nodes,
    links: resolveLinks(b),
    movers: movers(b),
    changed,
    focus: bbox(changed.map((id) => byId.get(id)).filter((n): n is SceneNode => !!n)),
    subject: subject && byId.has(`pte:${pteKey(subject)}`) ? `pte:${pteKey(subject)}` : null,
    summary: !opts.prev
      ? 'The machine at boot.'
      : stuck && changes.length === 0
        ? `Nothing in memory changed: pid ${stuck.pid}'s fault at ${addr(stuck.vpn)} repeats and changes nothing (livelock).`
        : summarize(changes, prev, s),
  };
}
