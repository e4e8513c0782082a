/**
 * Render benchmark: step → next painted frame on a machine of 262,144 RAM pages and 262,144
 * device pages (the app's ?bench=1 scenario: four private devices, a process that has written
 * 65,536 pages, a quarter of them migrated to one device and an eighth to another, then small
 * steps all over the mapping). Builds the app, previews it, drives headless Debian chromium (the
 * launch options of playwright.config.ts) and prints the median and p90.
 *
 * One sample: wait a random fraction of a frame (so input lands at any phase of the display's
 * cadence, as a key press does), press → (ArrowRight, or ArrowLeft at the end), then wait until the
 * memory map (the view on screen) has drawn the new step and that frame has been painted (the
 * frame after the key's task: nextPaint.ts). The details below the fold (the frame grid among
 * them) take the step one painted frame later (store/lagged.ts): "details" is the time until the
 * grid has been redrawn too. "JS" is the key handler plus React's render and commit (the microtask it schedules).
 * Chromium's own counters give the main thread's mean script, style and layout time per step (all
 * of a step's work, including what runs after its frame). "floor" is the same wait with no step
 * (a random phase, then the next frame painted): at 60 Hz about half a frame, the least any step
 * can take.
 *
 *   npx tsx bench/render.bench.ts [--samples 80] [--no-build] [--small] [--trace]
 *
 * --trace also records a Chromium trace (bench/out/render-trace.json): self time by kind on the
 * main thread, and input → frame presented as Chromium reports it (tracing slows every figure).
 * PW_OUT_DIR and PW_PORT give the run its own build directory and port, as for the e2e suite.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchReady } from './benchReady';
import { NEXT_PAINT } from './nextPaint';
import { withPreviewBrowser } from './previewBrowser';
import { presentationLatencies, summariseTrace } from './traceSummary';

const args = process.argv.slice(2);
const samples = Number(args[args.indexOf('--samples') + 1]) || 80;
/** Issue 8's goal; issue 12 asks for 10. */
const BUDGET_MS = 16;
const GOAL_12_MS = 10;
/** --small: the default scenario instead, to compare a tiny machine with the big one. */
const small = args.includes('--small');
/** --trace: record a Chromium trace of the samples and summarise it. */
const tracing = args.includes('--trace');

interface Sample {
  readonly frame: number;
  readonly js: number;
  /** Until the details below the fold (the frame grid) have drawn the step too. */
  readonly details: number;
}

/**
 * Runs in the page. A string, not a function: tsx's esbuild would wrap a function's inner
 * closures in a `__name` helper that the page does not have.
 */
const IN_PAGE = `async (n) => {
  const canvas = document.querySelector('canvas.frames');
  const svg = document.querySelector('svg.map-svg');
  const range = document.querySelector('[data-testid=timeline-range]');
  if (!canvas || !svg || !range) throw new Error('bench page is missing the map, the grid or the timeline');
  const drawn = () => Number(canvas.getAttribute('data-drawn'));
  const cursor = () => svg.getAttribute('data-cursor');
  const painted = ${NEXT_PAINT};
  const res = [];
  let dir = 1;
  for (let i = 0; i < n + 5; i++) {
    await painted();
    await new Promise((r) => setTimeout(r, Math.random() * 16.7));
    const before = drawn();
    const at = cursor();
    if (Number(range.value) >= Number(range.max)) dir = -1;
    if (Number(range.value) <= 0) dir = 1;
    performance.mark('hmm-step');
    const t = performance.now();
    document.body.dispatchEvent(
      new KeyboardEvent('keydown', { key: dir > 0 ? 'ArrowRight' : 'ArrowLeft', bubbles: true }),
    );
    // Asked for in the key's own task: the frame after it is the one that shows the step.
    const shown = painted();
    await Promise.resolve();
    const js = performance.now() - t;
    await shown;
    // The map draws in React's commit, in the key's task: that frame must hold the new step.
    if (cursor() === at) throw new Error('the frame after the key did not show the step');
    const frame = performance.now() - t;
    while (drawn() === before) await painted();
    const details = performance.now() - t;
    if (i >= 5) res.push({ frame, js, details }); // the first steps warm up the JIT
  }
  return res;
}`;

/** The same wait with no step: a random phase, then the next frame painted. */
const FLOOR = `async (n) => {
  const painted = ${NEXT_PAINT};
  const res = [];
  for (let i = 0; i < n; i++) {
    await painted();
    await new Promise((r) => setTimeout(r, Math.random() * 16.7));
    const t = performance.now();
    await painted();
    res.push(performance.now() - t);
  }
  return res;
}`;

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

async function main(): Promise<void> {
  await withPreviewBrowser(!args.includes('--no-build'), async (browser, url) => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const t0 = Date.now();
    await page.goto(small ? url : `${url}?bench=1`);
    await page.getByTestId('step-count').waitFor({ timeout: 180_000 });
    if (!small) await benchReady(page);
    // The grid and the map are separate chunks: wait for both (the grid could draw first).
    await page.waitForFunction(
      () =>
        Number(document.querySelector('canvas.frames')?.getAttribute('data-drawn')) > 0 &&
        document.querySelector('svg.map-svg[data-cursor]') !== null,
    );
    const loadMs = Date.now() - t0;
    const info = await page.evaluate(() => ({
      steps: Number(document.querySelector('[data-testid=timeline-range]')?.getAttribute('max')),
      text: document.querySelector('[data-testid=step-count]')?.textContent ?? '',
    }));
    const cdp = await page.context().newCDPSession(page);
    if (tracing)
      await browser.startTracing(page, {
        categories: [
          'toplevel',
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'v8.execute',
          'blink',
          'blink.user_timing',
          'cc',
        ],
      });
    // Main-thread time by kind over the whole run (Chromium's own counters, cheap to keep on).
    await cdp.send('Performance.enable');
    const metrics = async () =>
      new Map(
        (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value] as const),
      );
    const m0 = await metrics();
    const out = await page.evaluate<Sample[]>(`(${IN_PAGE})(${samples})`);
    const m1 = await metrics();
    const floor = await page.evaluate<number[]>(`(${FLOOR})(${samples})`);
    // The same steps with the Share panel open (its digest is computed only when asked for).
    await page.getByTestId('share-toggle').click();
    await page.waitForTimeout(300);
    const shared = await page.evaluate<Sample[]>(`(${IN_PAGE})(${Math.max(20, samples >> 1)})`);
    const perStep = (name: string) =>
      (((m1.get(name) ?? 0) - (m0.get(name) ?? 0)) * 1000) / (samples + 5);
    if (tracing) {
      const buf = await browser.stopTracing();
      mkdirSync('bench/out', { recursive: true });
      writeFileSync('bench/out/render-trace.json', buf);
      const t = summariseTrace(buf.toString('utf8'));
      const per = (ms: number) => (ms / (samples + 5)).toFixed(2);
      console.log(
        `trace (per step, ms; tracing slows everything): ` +
          Object.entries(t.main)
            .map(([k, v]) => `${k} ${per(v)}`)
            .join(' · ') +
          ` · raster (other threads) ${per(t.raster)}`,
      );
      for (const [name, ms] of t.top) console.log(`  ${per(ms).padStart(7)}  ${name}`);
      // Each warm-up and sample step; the trace's own overhead slows these too.
      const shown = presentationLatencies(buf.toString('utf8'), 'hmm-step').slice(5);
      if (shown.length > 0)
        console.log(
          `input → frame presented (trace, ${shown.length} steps): median ${quantile(shown, 0.5).toFixed(1)} ms, ` +
            `p90 ${quantile(shown, 0.9).toFixed(1)} ms`,
        );
    }
    const frames = out.map((s) => s.frame);
    const js = out.map((s) => s.js);
    const details = out.map((s) => s.details);
    const summary = {
      machine: small
        ? 'default scenario (4,096 RAM pages, one device)'
        : '262,144 RAM pages + 262,144 device pages (4 × dmirror); pid 1 has written 65,536 pages, 24,576 of them migrated',
      loadMs,
      trace: info.text,
      samples: out.length,
      stepToFrameMs: {
        median: quantile(frames, 0.5),
        p90: quantile(frames, 0.9),
        max: quantile(frames, 1),
      },
      jsMs: { median: quantile(js, 0.5), p90: quantile(js, 0.9) },
      detailsMs: { median: quantile(details, 0.5), p90: quantile(details, 0.9) },
      floorMs: { median: quantile(floor, 0.5), p90: quantile(floor, 0.9) },
      shareOpenStepToFrameMs: {
        median: quantile(
          shared.map((x) => x.frame),
          0.5,
        ),
        p90: quantile(
          shared.map((x) => x.frame),
          0.9,
        ),
      },
      /** Mean main-thread time per step (ms): all of a step's work, including after its frame. */
      mainThreadPerStepMs: {
        script: perStep('ScriptDuration'),
        style: perStep('RecalcStyleDuration'),
        layout: perStep('LayoutDuration'),
        allTasks: perStep('TaskDuration'),
      },
      budgetMs: BUDGET_MS,
    };
    mkdirSync('bench/out', { recursive: true });
    writeFileSync(
      `bench/out/render${small ? '-small' : ''}.json`,
      `${JSON.stringify(summary, null, 2)}\n`,
    );
    const f = (x: number) => x.toFixed(1);
    console.log(
      `render: step→frame median ${f(summary.stepToFrameMs.median)} ms (p90 ${f(summary.stepToFrameMs.p90)}, ` +
        `max ${f(summary.stepToFrameMs.max)}) · floor (no step) ${f(summary.floorMs.median)} ms · ` +
        `details drawn ${f(summary.detailsMs.median)} ms · JS median ${f(summary.jsMs.median)} ms · ` +
        `main thread per step: script ${f(summary.mainThreadPerStepMs.script)}, style ${f(summary.mainThreadPerStepMs.style)}, ` +
        `layout ${f(summary.mainThreadPerStepMs.layout)}, all ${f(summary.mainThreadPerStepMs.allTasks)} ms · ${out.length} steps of ` +
        `${info.steps} · load ${loadMs} ms · budget ${BUDGET_MS} ms: ` +
        (summary.stepToFrameMs.median <= BUDGET_MS ? 'ok' : 'OVER') +
        ` (issue 12: ≤ ${GOAL_12_MS} ms: ${summary.stepToFrameMs.median <= GOAL_12_MS ? 'ok' : 'OVER'})` +
        ` · Share panel open: median ${f(summary.shareOpenStepToFrameMs.median)} ms (p90 ${f(summary.shareOpenStepToFrameMs.p90)})`,
    );
    // A goal missed is a failed bench, as for the others (`npm run bench` counts it): issue 12's
    // ≤ 10 ms, Share panel open or closed, on the big machine (--small has no goal of its own).
    const met = [summary.stepToFrameMs.median, summary.shareOpenStepToFrameMs.median].every(
      (ms) => ms <= GOAL_12_MS,
    );
    if (!small && !met) process.exitCode = 1;
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
