/**
 * What of a scene the map draws: the bands of it near the scroll box, plus everything the step
 * marked (changed, added, ghosts, leaks, a livelock) and what must stay reachable (the selection,
 * the step's focus). A big machine's scene is a few thousand pixels tall (runs of PTEs and of
 * frames); joining all of it into the SVG on every step made the map's cost grow with the
 * machine (issue 8: flat within 1.5×). Pure: the view hands it the bands; export draws the whole
 * scene, uncut.
 */
import type { Scene, SceneLink, SceneNode } from './scene';

/** Vertical ranges of the scene, [top, bottom) in scene units. */
export type Ranges = readonly (readonly [number, number])[];

/**
 * The ranges worth drawing for a scroll box at `top` of `height` (scene units): the box and one
 * box-height either side (a scroll of up to a screen draws nothing new), and the same around
 * `next`, the top where bringing the step into view will scroll (bringIntoView.ts), if it will.
 */
export function drawRanges(top: number, height: number, next: number | null = null): Ranges {
  const h = Math.max(height, 1);
  const out: [number, number][] = [[top - h, top + 2 * h]];
  if (next !== null && next !== top) out.push([next - h, next + 2 * h]);
  return out;
}

/** Whether [top, bottom) lies inside one of the ranges. */
export function covers(ranges: Ranges, top: number, bottom: number): boolean {
  return ranges.some(([a, b]) => a <= top && bottom <= b);
}

const meets = (ranges: Ranges, top: number, bottom: number): boolean =>
  ranges.some(([a, b]) => top < b && bottom > a);

/** A node drawn whatever the scroll: the step's marks and what must stay reachable. */
const always = (n: SceneNode, keep: ReadonlySet<string>): boolean =>
  n.kind === 'column' || n.mark !== 'normal' || n.leak || n.stuck || keep.has(n.id);

const linkMeets = (l: SceneLink, ranges: Ranges): boolean =>
  meets(ranges, Math.min(l.y1, l.y2), Math.max(l.y1, l.y2) + 1);

/**
 * The scene with only the nodes and links to draw. The same scene when the ranges hold all of it
 * (every small machine), so the common case costs one comparison.
 */
export function cullScene(scene: Scene, ranges: Ranges, keep: ReadonlySet<string>): Scene {
  if (covers(ranges, 0, scene.height)) return scene;
  const nodes = scene.nodes.filter((n) => always(n, keep) || meets(ranges, n.y, n.y + n.h));
  const links = scene.links.filter((l) => l.mark !== 'normal' || linkMeets(l, ranges));
  return { ...scene, nodes, links };
}
