/**
 * The size the map's <svg> is drawn at, kept across steps. Blink lays out and repaints every mark
 * of an <svg> whose width, height or viewBox changes (measured in Chromium: one rect's width
 * changed in a drawing of 100 nodes, 2.5 ms a frame; the same with the svg's height changed too,
 * 14–16 ms), and the map's height changes with its rows at almost every step. So the svg is drawn
 * on a canvas that grows in whole quanta and shrinks only when it is far too big; the scene's own
 * size is the extent of a clipping box around it (MapView), which is what the scroll box scrolls.
 */

export interface CanvasSize {
  readonly width: number;
  readonly height: number;
}

/** Growth steps: a canvas is a whole number of these. */
export const CANVAS_QUANTUM: CanvasSize = { width: 256, height: 1024 };

/** How much larger than the scene a kept canvas may be before it is cut down to size. */
const SLACK = 2;

const up = (n: number, q: number): number => Math.max(q, Math.ceil(n / q) * q);

/** The canvas for `scene` given the last one: the same object while it still fits. */
export function canvasSize(prev: CanvasSize | null, scene: CanvasSize): CanvasSize {
  const q = CANVAS_QUANTUM;
  if (
    prev !== null &&
    scene.width <= prev.width &&
    scene.height <= prev.height &&
    prev.width - scene.width <= SLACK * q.width &&
    prev.height - scene.height <= SLACK * q.height
  )
    return prev;
  return { width: up(scene.width, q.width), height: up(scene.height, q.height) };
}
