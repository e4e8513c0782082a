/**
 * The last pass of a layout: links get their ends from the placed nodes, migrating values get their
 * path (old frame → new frame), and the step's changed nodes are listed most important first with
 * the box around them (what the map brings into view).
 */
import { tableGet } from '../../model';
import { retarget } from './diff';
import * as G from './geometry';
import type { Mover, Rect, SceneLink, SceneNode } from './scene';
import type { SceneBuilder } from './sceneBuilder';

export function resolveLinks(b: SceneBuilder): SceneLink[] {
  const out: SceneLink[] = [];
  for (const l of b.links) {
    const a = b.byId.get(l.source);
    const z = b.byId.get(l.target);
    if (!a || !z) continue;
    out.push({
      id: l.id,
      source: l.source,
      target: l.target,
      kind: l.kind,
      broken: l.broken,
      write: l.write,
      mark: l.mark,
      count: l.count,
      name: l.name,
      keys: l.keys,
      // PTE links leave a little right of the glyph, so the "✕" of a broken one stands clear.
      x1: l.fromRight ? a.x : a.x + a.w + 7,
      y1: a.y + a.h / 2,
      x2: l.fromRight ? z.x + z.w : z.x,
      y2: z.y + z.h / 2,
    });
  }
  return out;
}

/** A migrating page's value, from its old frame to its new one (at most CHANGED_CAP of them). */
export function movers(b: SceneBuilder): Mover[] {
  const out: Mover[] = [];
  for (const byVpn of b.ix.ptes.values())
    for (const c of byVpn.values()) {
      if (out.length >= G.CHANGED_CAP) return out;
      const m = retarget(c);
      // Only frames drawn one by one carry a value across: a bulk migration's other 16,384 are
      // passed over without writing their ids.
      if (!m || !b.frames.has(m.from) || !b.frames.has(m.to)) continue;
      const from = b.byId.get(`frame:${m.from}`);
      const to = b.byId.get(`frame:${m.to}`);
      const v = tableGet(b.s.pages, m.to)?.value;
      if (!from || !to || v === undefined) continue;
      out.push({
        id: `move:${c.pid}:${c.vpn}`,
        value: v,
        x1: from.x + from.w - 24,
        y1: from.y + from.h / 2,
        x2: to.x + to.w - 24,
        y2: to.y + to.h / 2,
      });
    }
  return out;
}

const ORDER = [
  'pte',
  'pte-run',
  'process',
  'vma',
  'frame',
  'frame-run',
  'band',
  'mirror-table',
  'mirror',
  'mirror-run',
];

/** Ids of the nodes this step changed: PTEs first, then frames, then mirrors; top to bottom. */
export function changedIds(nodes: readonly SceneNode[]): string[] {
  return nodes
    .filter((n) => (n.mark !== 'normal' || n.stuck) && n.kind !== 'column')
    .sort((x, z) => ORDER.indexOf(x.kind) - ORDER.indexOf(z.kind) || x.y - z.y)
    .map((n) => n.id);
}

export function bbox(ns: readonly SceneNode[]): Rect | null {
  if (ns.length === 0) return null;
  let x = Infinity;
  let y = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const n of ns) {
    x = Math.min(x, n.x);
    y = Math.min(y, n.y);
    x2 = Math.max(x2, n.x + n.w);
    y2 = Math.max(y2, n.y + n.h);
  }
  return { x, y, w: x2 - x, h: y2 - y };
}
