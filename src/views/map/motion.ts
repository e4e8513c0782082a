/**
 * The map's transitions: everything one render set in motion, played by one frame loop. A
 * transition costs one frame callback however many marks move (a d3 transition per mark
 * scheduled, tweened and interrupted each of them on its own: at 262,144 + 262,144 pages most of
 * the map's draw time per step). A new render settles the last motion where it was going, so a
 * scrub or fast play never queues animations.
 */
import { easeCubicInOut } from 'd3';
import type { Mover } from './scene';

export type Pos = readonly [number, number, number, number];

/** How long a step's transition takes (fast play shortens it: MapView). */
export const STEP_MOTION_MS = 480;
/** How long a travelling value fades out once it has arrived. */
export const MOVER_FADE_MS = 150;

export interface Motion {
  readonly duration: number;
  start: number;
  frame: number;
  readonly nodes: {
    readonly el: Element;
    readonly from: readonly [number, number];
    readonly to: readonly [number, number];
  }[];
  /**
   * A link's drawn line swings; its wide hit path (pointer target only) is set once, where the
   * link is going: half the path writes of every frame.
   */
  readonly links: {
    readonly line: Element | null;
    readonly hit: Element | null;
    readonly from: Pos;
    readonly to: Pos;
  }[];
  readonly fades: (HTMLElement | SVGElement)[];
  readonly movers: { readonly el: SVGGElement; readonly d: Mover }[];
  /**
   * The marks are where they were going (the motion's last frame, or a settle). Written once: an
   * SVG element given its transform or path again, the same, is styled and laid out again, and a
   * motion's travelling values fade on after its marks have arrived, so the next step's settle
   * found every moved mark of a step still "in motion" (about 120 marks at the bench's size,
   * restyled and laid out in the key's task for nothing).
   */
  placed: boolean;
}

export function newMotion(duration: number): Motion {
  return {
    duration,
    start: -1,
    frame: 0,
    nodes: [],
    links: [],
    fades: [],
    movers: [],
    placed: false,
  };
}

export const translate = (x: number, y: number): string => `translate(${x},${y})`;
/**
 * A point between a and b, to a tenth of a pixel: the in-between attributes written on every frame
 * of a transition are short strings ("M123.4,…" rather than seventeen-digit floats), less garbage
 * and less to parse per frame (the motion's path and transform strings were a quarter of what a
 * step allocated at 262,144 + 262,144 pages, sampled with the heap profiler).
 */
const lerp = (a: number, b: number, k: number): number => Math.round((a + (b - a) * k) * 10) / 10;

/** A gentle S-curve from (x1, y1) to (x2, y2). */
export function linkPath(x1: number, y1: number, x2: number, y2: number): string {
  const mx = (x1 + x2) / 2;
  return `M${x1},${y1}C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
}

/** Put the marks of a motion where they are going, once. */
function place(m: Motion): void {
  if (m.placed) return;
  m.placed = true;
  for (const n of m.nodes) n.el.setAttribute('transform', translate(...n.to));
  for (const l of m.links) {
    const d = linkPath(...l.to);
    l.line?.setAttribute('d', d);
    l.hit?.setAttribute('d', d);
  }
  for (const el of m.fades) el.style.removeProperty('opacity');
}

/** Put every mark of a motion where it is going and drop its travelling values; again, nothing. */
export function settle(m: Motion): void {
  if (m.frame) cancelAnimationFrame(m.frame);
  m.frame = 0;
  place(m);
  for (const v of m.movers) v.el.remove();
  m.movers.length = 0;
}

/** Start playing `m` at the next frame. */
export function play(m: Motion): void {
  // The motion's hit paths go where they are going at once: a pointer aims at the end state.
  for (const l of m.links) l.hit?.setAttribute('d', linkPath(...l.to));
  m.frame = requestAnimationFrame((t) => {
    tick(m, t);
  });
}

function tick(m: Motion, now: number): void {
  const first = m.start < 0;
  if (first) m.start = now;
  const e = now - m.start;
  // The first frame of a motion is its start: every mark is still drawn where it was (moved
  // marks keep their old place, new ones are transparent, values sit on their old frame), so it
  // writes nothing. That frame is the step's first painted one, the one that already lays out
  // and paints everything the step changed.
  if (!first) {
    const k = easeCubicInOut(Math.min(1, e / m.duration));
    // The values travel until the marks arrive, then only fade where they arrived.
    const travelling = !m.placed;
    if (e >= m.duration) place(m);
    if (!m.placed) {
      for (const n of m.nodes)
        n.el.setAttribute(
          'transform',
          translate(lerp(n.from[0], n.to[0], k), lerp(n.from[1], n.to[1], k)),
        );
      for (const l of m.links)
        l.line?.setAttribute(
          'd',
          linkPath(
            lerp(l.from[0], l.to[0], k),
            lerp(l.from[1], l.to[1], k),
            lerp(l.from[2], l.to[2], k),
            lerp(l.from[3], l.to[3], k),
          ),
        );
      for (const el of m.fades) el.style.opacity = String(k);
    }
    const fade = Math.max(0, Math.min(1, (e - m.duration) / MOVER_FADE_MS));
    for (const { el, d } of m.movers) {
      if (travelling)
        el.setAttribute('transform', translate(lerp(d.x1, d.x2, k), lerp(d.y1, d.y2, k)));
      if (fade > 0) el.style.opacity = String(1 - fade);
    }
  }
  const end = m.duration + (m.movers.length > 0 ? MOVER_FADE_MS : 0);
  if (e >= end) settle(m);
  else
    m.frame = requestAnimationFrame((t) => {
      tick(m, t);
    });
}
