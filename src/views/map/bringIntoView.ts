/**
 * Where to scroll so that what a step changed is on screen, and which changes still lie beyond
 * the edges (pure: scene rectangles against the scroll box).
 */
import { bbox } from './layoutLinks';
import type { Rect, Scene, SceneNode } from './scene';

export interface View {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export type Edge = 'up' | 'down' | 'left' | 'right';

export interface Beyond {
  readonly edge: Edge;
  readonly count: number;
  /** The first changed node beyond that edge, to scroll to. */
  readonly first: SceneNode;
}

const MARGIN = 12;

const inside = (r: Rect, v: View): boolean =>
  r.x >= v.left && r.y >= v.top && r.x + r.w <= v.left + v.width && r.y + r.h <= v.top + v.height;

/** Scroll offsets that show `r` (with a margin), moving as little as possible. */
export function scrollToShow(r: Rect, v: View): { left: number; top: number } {
  const axis = (pos: number, size: number, start: number, len: number): number => {
    if (pos - MARGIN < start || size + 2 * MARGIN > len) return Math.max(0, pos - MARGIN);
    if (pos + size + MARGIN > start + len) return pos + size + MARGIN - len;
    return start;
  };
  return { left: axis(r.x, r.w, v.left, v.width), top: axis(r.y, r.h, v.top, v.height) };
}

/**
 * The scroll position for a new step: keep it if every change is already in view; else show the
 * whole box of changes (with the PTE the op names, if that fits too) if it fits, else the most
 * important change (the first PTE row). A step that changed nothing shows the PTE its op names
 * (scene.subject), if that is out of view.
 */
export function scrollForStep(scene: Scene, v: View): { left: number; top: number } | null {
  if (!scene.focus || scene.changed.length === 0) return scrollForSubject(scene, v);
  const byId = new Map(scene.nodes.map((n) => [n.id, n]));
  const changed = scene.changed.map((id) => byId.get(id)).filter((n): n is SceneNode => !!n);
  // The PTE the op names belongs with what changed when both fit (a snapshot that only registers
  // the device's table for the mm: the table and the row the device looked at).
  const subject = scene.subject === null ? undefined : byId.get(scene.subject);
  // A step that only registered a device's table (no entry yet) changed no mapping: it shows the
  // PTE its op names, as a step that changed nothing does; the table is marked at its edge.
  if (subject && changed.every((n) => n.kind === 'mirror-table')) return scrollForSubject(scene, v);
  const wanted = subject && !changed.includes(subject) ? [...changed, subject] : changed;
  if (wanted.every((n) => inside(n, v))) return null;
  const all = bbox(wanted);
  if (all && wanted !== changed && all.w + 2 * MARGIN <= v.width && all.h + 2 * MARGIN <= v.height)
    return scrollToShow(all, v);
  if (changed.every((n) => inside(n, v))) return null;
  const f = scene.focus;
  if (f.w + 2 * MARGIN <= v.width && f.h + 2 * MARGIN <= v.height) return scrollToShow(f, v);
  const first = changed[0];
  return first ? scrollToShow(first, v) : null;
}

/**
 * A step that changed nothing: its op's PTE row with its process's heading and the frames it links
 * to, if they fit; else the row with its heading; else the row. Nothing moves if they are in view.
 */
function scrollForSubject(scene: Scene, v: View): { left: number; top: number } | null {
  const byId = new Map(scene.nodes.map((n) => [n.id, n]));
  const row = scene.subject === null ? undefined : byId.get(scene.subject);
  if (!row) return null;
  const own = (ids: readonly string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  // A PTE row is "pte:pid:vpn"; its process's heading is "proc:pid".
  const head = own([`proc:${row.id.split(':')[1] ?? ''}`]);
  const targets = own(scene.links.filter((l) => l.source === row.id).map((l) => l.target));
  const wanted = [[row, ...head, ...targets], [row, ...head], [row]];
  if (wanted[0]?.every((n) => inside(n, v))) return null;
  for (const ns of wanted) {
    const box = bbox(ns);
    if (box && box.w + 2 * MARGIN <= v.width && box.h + 2 * MARGIN <= v.height)
      return scrollToShow(box, v);
  }
  return scrollToShow(row, v);
}

/** Changed nodes outside the view, grouped by the edge they lie beyond (vertical first). */
export function beyondEdges(scene: Scene, v: View): Beyond[] {
  const byId = new Map(scene.nodes.map((n) => [n.id, n]));
  const out = new Map<Edge, { count: number; first: SceneNode }>();
  for (const id of scene.changed) {
    const n = byId.get(id);
    if (!n || inside(n, v)) continue;
    const edge: Edge =
      n.y + n.h > v.top + v.height ? 'down' : n.y < v.top ? 'up' : n.x < v.left ? 'left' : 'right';
    const e = out.get(edge);
    if (e) e.count += 1;
    else out.set(edge, { count: 1, first: n });
  }
  return [...out].map(([edge, e]) => ({ edge, ...e }));
}

/**
 * The scroll box in scene units when the picture is drawn at `k` × its size (a phone fits the
 * whole width by drawing it a little smaller), and a scene position back in scroll pixels.
 */
export function toScene(v: View, k: number): View {
  return { left: v.left / k, top: v.top / k, width: v.width / k, height: v.height / k };
}
export function toScroll(p: { left: number; top: number }, k: number) {
  return { left: p.left * k, top: p.top * k };
}

/**
 * Where scrollTo(p) lands: inside the drawing's scroll extent (its size × k less the box). The
 * map keeps the position it set rather than reading it back (a read right after a step forces
 * the layout of everything the step wrote).
 */
export function clampScroll(
  p: { left: number; top: number },
  scene: { readonly width: number; readonly height: number },
  k: number,
  v: View,
): { left: number; top: number } {
  const clamp = (x: number, max: number) => Math.max(0, Math.min(x, Math.max(0, max)));
  return {
    left: clamp(p.left, scene.width * k - v.width),
    top: clamp(p.top, scene.height * k - v.height),
  };
}
