/** layoutMap with its duration recorded, for the bench (data-layout-ms on the map's svg). */
import { layoutMap } from './layout';
import type { Scene } from './scene';

export const layoutTiming = { ms: 0 };

export function timedLayout(...args: Parameters<typeof layoutMap>): Scene {
  const t0 = performance.now();
  const scene = layoutMap(...args);
  layoutTiming.ms = performance.now() - t0;
  return scene;
}
