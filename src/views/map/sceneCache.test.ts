import { describe, expect, it } from 'vitest';
import { runScenario } from '../../model';
import { getBuiltin } from '../../scenarios/library/all';
import type { Frame } from '../../store/model';
import { diffFrames } from './diff';
import { layoutMap } from './layout';
import { layoutTiming, sceneOf, warmScene } from './sceneCache';
import type { Scene } from './scene';

const WIDTH = 1000;

function frames(): Frame[] {
  const s = getBuiltin('migrate-and-fault-back');
  if (!s) throw new Error('no built-in migrate-and-fault-back');
  return runScenario(s);
}

function at(f: Frame[], i: number): Frame {
  const x = f[i];
  if (!x) throw new Error(`no frame ${i}`);
  return x;
}

const inputs = (prev: Frame | undefined, width = WIDTH) => ({
  prev,
  width,
  zoom: 0,
  pinned: null,
  roomy: false,
});

describe('sceneCache', () => {
  it('a scene laid out ahead is the one the step shows, unchanged and not laid out again', () => {
    const f = frames();
    const cur = at(f, 2);
    const prev = at(f, 1);
    warmScene(cur, inputs(prev));
    layoutTiming.ms = -1;
    const shown = sceneOf(cur, inputs(prev));
    // The cost recorded is the layout's own, wherever it ran (not the lookup's).
    expect(layoutTiming.ms).toBeGreaterThanOrEqual(0);
    expect(sceneOf(cur, inputs(prev))).toBe(shown);
    // The same scene a fresh layout of the step would draw.
    const fresh = layoutMap(cur, diffFrames(prev, cur), { width: WIDTH }, 0, {
      prev,
      selection: null,
    });
    expect(shown).toEqual(fresh);
  });

  it('lays the scene out again when any input differs', () => {
    const f = frames();
    const cur = at(f, 3);
    const first = sceneOf(cur, inputs(at(f, 2)));
    // Another width, another frame before it (a jump), presenter mode, a zoom: a new scene.
    const wider = sceneOf(cur, inputs(at(f, 2), 1400));
    expect(wider).not.toBe(first);
    const fromBoot = sceneOf(cur, inputs(at(f, 0)));
    expect(fromBoot).not.toBe(wider);
    expect(sceneOf(cur, { ...inputs(at(f, 0)), roomy: true })).not.toBe(fromBoot);
    expect(sceneOf(cur, { ...inputs(at(f, 0)), zoom: 1 })).not.toBe(fromBoot);
  });
});

describe('sceneCache: what it keeps alive', () => {
  it('a scene does not keep the frame before it alive (no chain back to the first frame shown)', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, 'vitest runs with --expose-gc (vite.config.ts)').toBeTypeOf('function');
    const f = frames();
    const cur = at(f, 3);
    // A copy of frame 2, held by nothing after this block but the scene laid out after it.
    const [gone, afterIt] = ((): [WeakRef<Frame>, Scene] => {
      const prev: Frame = { ...at(f, 2) };
      return [new WeakRef(prev), sceneOf(cur, inputs(prev))];
    })();
    // A WeakRef's target stays alive until the current job ends.
    await new Promise((r) => setTimeout(r, 0));
    gc?.();
    expect(gone.deref()).toBeUndefined();
    // Its frame gone, the scene is never taken for one laid out with no frame before it.
    expect(sceneOf(cur, inputs(undefined))).not.toBe(afterIt);
    // The frame shown keeps its scene meanwhile.
    expect(sceneOf(cur, inputs(at(f, 2)))).toBeDefined();
  });
});
