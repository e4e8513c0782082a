/**
 * Memory-map benchmark (issue 8's goals), in headless Debian chromium at 1024×768:
 *
 * - step → next painted frame with the map drawn (median ≤ 16 ms) on the big machine: 262,144 RAM
 *   pages + 262,144 device pages (4 × dmirror), 65,536 pages written (the app's ?bench=1);
 * - a transition (a step while not reduced-motion): no frame over 33 ms (two refreshes at 60 Hz:
 *   GOAL_REFRESHES), from the step to its end, over a walk from step 3 through the bulk steps
 *   (printed with the steps of late frames and the frames a transition misses on average, where
 *   one late frame does not decide);
 * - the map's own cost per step (layout + D3 join, from data-layout-ms / data-draw-ms on its svg)
 *   stays flat: big machine ≤ 1.5 × the default machine's, with the same steps (?bench=small: the
 *   bench scenario on 4,096 RAM pages with 1,024 written). The default scenario's figures are
 *   printed too; its picture is smaller (about 10 nodes to the bench's 44), so its cost ratio
 *   measures the picture's size, not the machine's.
 *
 *   npx tsx bench/map.bench.ts [--samples 40] [--no-build]
 *
 * PW_OUT_DIR and PW_PORT give the run its own build directory and port, as for the e2e suite.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { benchReady } from './benchReady';
import { describePause, type GcPause, pausesWithin, startGcTrace } from './gcPauses';
import { NEXT_PAINT } from './nextPaint';
import { withPreviewBrowser } from './previewBrowser';

const args = process.argv.slice(2);
const samples = Number(args[args.indexOf('--samples') + 1]) || 40;
const GOAL_STEP_MS = 16;
/**
 * "No frame over 33 ms" is two refreshes of a 60 Hz display, as 16 ms is one: a frame's time is
 * counted in refreshes, since rAF stamps fall on the display's ticks and a frame that misses one
 * tick reads 33.3–33.4 ms (2 × 16.67 plus the stamps' rounding), not 33.
 */
const GOAL_FRAME_MS = 33;
const REFRESH_MS = 1000 / 60;
const GOAL_REFRESHES = 2;
const refreshes = (ms: number): number => Math.round(ms / REFRESH_MS);
const GOAL_FLAT = 1.5;
/** Where the bench machines' transitions start: a few steps before their bulk migrations. */
const BULK_FROM = 3;

interface Sample {
  readonly frame: number;
  readonly cost: number;
}

/** A transition's longest gap between frames (from `at`, on the page's clock) and frames missed. */
interface Transition {
  readonly worst: number;
  readonly at: number;
  readonly dropped: number;
  /** The step it showed. */
  readonly step: number;
}

/** Runs in the page (a string: see render.bench.ts). Steps with the keyboard, both ways. */
const STEPS = `async (n) => {
  const svg = document.querySelector('svg.map-svg');
  const range = document.querySelector('[data-testid=timeline-range]');
  if (!svg || !range) throw new Error('no map or no timeline');
  const painted = ${NEXT_PAINT};
  const res = [];
  let dir = 1;
  for (let i = 0; i < n + 5; i++) {
    await painted();
    await new Promise((r) => setTimeout(r, 520 + Math.random() * 16.7));
    const before = svg.getAttribute('data-cursor');
    if (Number(range.value) >= Number(range.max)) dir = -1;
    if (Number(range.value) <= 0) dir = 1;
    const t = performance.now();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: dir > 0 ? 'ArrowRight' : 'ArrowLeft', bubbles: true }));
    // The map draws in React's commit, in the key's task: the next frame is the one showing it.
    await painted();
    if (svg.getAttribute('data-cursor') === before) throw new Error('the frame after the key did not show the step');
    const frame = performance.now() - t;
    const cost = Number(svg.getAttribute('data-layout-ms')) + Number(svg.getAttribute('data-draw-ms'));
    if (i >= 5) res.push({ frame, cost });
  }
  return res;
}`;

/**
 * Per transition, from a step's key press to its end: the longest gap between frames, and the
 * frames missed (a gap of two frames' time misses one).
 */
const TRANSITIONS = `async ([n, from]) => {
  const range = document.querySelector('[data-testid=timeline-range]');
  const out = [];
  let dir = 1;
  if (from !== null) {
    window.__hmmStore.getState().seek(from);
    await new Promise((r) => setTimeout(r, 1500));
  }
  for (let i = 0; i < n; i++) {
    await new Promise((r) => setTimeout(r, 300));
    if (Number(range.value) >= Number(range.max)) dir = -1;
    if (Number(range.value) <= 0) dir = 1;
    const stamps = [];
    let stop = false;
    const tick = (ts) => { stamps.push(ts); if (!stop) requestAnimationFrame(tick); };
    await new Promise((r) => requestAnimationFrame((ts) => { stamps.push(ts); r(); }));
    requestAnimationFrame(tick);
    const from = performance.now();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: dir > 0 ? 'ArrowRight' : 'ArrowLeft', bubbles: true }));
    await new Promise((r) => setTimeout(r, 650));
    stop = true;
    let max = 0;
    let at = from;
    let dropped = 0;
    for (let k = 1; k < stamps.length; k++) {
      const gap = stamps[k] - stamps[k - 1];
      if (gap > max) { max = gap; at = stamps[k - 1]; }
      dropped += Math.max(0, Math.round(gap / (1000 / 60)) - 1);
    }
    out.push({ worst: max, at, dropped, step: Number(range.value) });
  }
  return out;
}`;

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

/**
 * The late frames (over the goal) and the GC pauses inside them: a frame V8 held to collect needs
 * a fix in what the page keeps, not in the step's work, so the bench says which it was.
 */
function lateFrames(transitions: readonly Transition[], pauses: readonly GcPause[]) {
  const late = transitions.filter((t) => refreshes(t.worst) > GOAL_REFRESHES);
  const held = late.map((t) =>
    pausesWithin(pauses, t.at, t.at + t.worst).filter((p) => p.ms >= REFRESH_MS),
  );
  const longest = [...pauses].sort((a, b) => b.ms - a.ms)[0];
  return {
    late: late.length,
    lateWithGc: held.filter((h) => h.length > 0).length,
    lateSteps: late.map((t) => `${t.step} (${t.worst.toFixed(1)} ms)`).join(', ') || 'none',
    steps: `${transitions[0]?.step ?? '?'}…${transitions.at(-1)?.step ?? '?'}`,
    longestGc: longest === undefined ? 'none' : describePause(longest),
  };
}

async function measure(browser: Browser, page: Page, url: string) {
  await page.goto(url);
  if (url.includes('?bench=')) await benchReady(page);
  else
    await page.waitForFunction(
      () => document.querySelector('svg.map-svg[data-cursor]') !== null,
      null,
      { timeout: 180_000 },
    );
  const steps = await page.evaluate<Sample[]>(`(${STEPS})(${samples})`);
  const gc = await startGcTrace(browser, page);
  // The bench machines' walk starts before their bulk steps (7–9: the write of every page, then
  // 16,384 and 8,192 pages migrated at once on the big one), which the step samples above never
  // reach: their transitions are the heaviest.
  const from = url.includes('?bench=') ? BULK_FROM : null;
  const transitions = await page.evaluate<Transition[]>(
    `(${TRANSITIONS})([${Math.max(10, samples / 2)}, ${from}])`,
  );
  const pauses = await gc.stop();
  const gaps = transitions.map((t) => t.worst);
  return {
    stepToFrame: quantile(
      steps.map((s) => s.frame),
      0.5,
    ),
    stepToFrameP90: quantile(
      steps.map((s) => s.frame),
      0.9,
    ),
    mapCost: quantile(
      steps.map((s) => s.cost),
      0.5,
    ),
    worstTransitionFrame: quantile(gaps, 1),
    transitionFrameP90: quantile(gaps, 0.9),
    /**
     * Frames missed per transition, on average (a 33 ms gap is one): steadier than the worst
     * frame, which one late frame in twenty transitions decides.
     */
    droppedPerTransition: transitions.reduce((a, t) => a + t.dropped, 0) / transitions.length,
    ...lateFrames(transitions, pauses),
  };
}

async function main(): Promise<void> {
  await withPreviewBrowser(!args.includes('--no-build'), async (browser, url) => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const small = await measure(browser, page, url);
    const same = await measure(browser, page, `${url}?bench=small`);
    const big = await measure(browser, page, `${url}?bench=1`);
    const ratio = big.mapCost / Math.max(same.mapCost, 0.01);
    const f = (x: number) => x.toFixed(1);
    const ok = (b: boolean) => (b ? 'ok' : 'OVER');
    const result = { samples, small, same, big, costRatio: ratio };
    const met =
      big.stepToFrame <= GOAL_STEP_MS &&
      refreshes(big.worstTransitionFrame) <= GOAL_REFRESHES &&
      ratio <= GOAL_FLAT;
    if (!met) process.exitCode = 1;
    mkdirSync('bench/out', { recursive: true });
    writeFileSync('bench/out/map.json', `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      [
        `map (big machine: 262,144 RAM + 262,144 device pages, 65,536 written; ${samples} steps):`,
        `  step → painted frame median ${f(big.stepToFrame)} ms (p90 ${f(big.stepToFrameP90)})  goal ≤ ${GOAL_STEP_MS} ms: ${ok(big.stepToFrame <= GOAL_STEP_MS)}`,
        `  transition: worst frame ${f(big.worstTransitionFrame)} ms (p90 of worst ${f(big.transitionFrameP90)}; frames missed per transition ${big.droppedPerTransition.toFixed(2)}): ${refreshes(big.worstTransitionFrame)} refreshes  goal ≤ ${GOAL_FRAME_MS} ms, ${GOAL_REFRESHES} refreshes at 60 Hz: ${ok(refreshes(big.worstTransitionFrame) <= GOAL_REFRESHES)}`,
        `    steps shown ${big.steps}; late at steps: ${big.lateSteps}`,
        `    late frames holding a main-thread GC pause of a refresh or more: ${big.lateWithGc} of ${big.late}; longest GC pause while the transitions ran (in or between them): ${big.longestGc}`,
        `  map cost per step (layout + join) median, same steps: default machine ${f(same.mapCost)} ms, big ${f(big.mapCost)} ms, ×${ratio.toFixed(2)}  goal ≤ ${GOAL_FLAT}×: ${ok(ratio <= GOAL_FLAT)}`,
        `  (default machine: step → frame ${f(same.stepToFrame)} ms, worst transition frame ${f(same.worstTransitionFrame)} ms, frames missed per transition ${same.droppedPerTransition.toFixed(2)})`,
        `  (default scenario, a smaller picture: map cost ${f(small.mapCost)} ms, step → frame ${f(small.stepToFrame)} ms, worst transition frame ${f(small.worstTransitionFrame)} ms)`,
      ].join('\n'),
    );
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
