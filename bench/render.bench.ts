/**
 * Render benchmark: step → next painted frame on a machine of 262,144 RAM pages and 262,144
 * device pages (the app's ?bench=1 scenario). Builds the app, previews it, drives headless
 * Debian chromium (the launch options of playwright.config.ts) and prints the median.
 *
 * One sample: wait a random fraction of a frame (so input lands at any phase of the display's
 * cadence, as a key press does), press → (ArrowRight, or ArrowLeft at the end), then wait until the
 * frame grid has been redrawn and that frame has been painted (rAF, then a task after it).
 *
 *   npx tsx bench/render.bench.ts [--samples 80] [--no-build] [--small]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import config from '../playwright.config';

const args = process.argv.slice(2);
const samples = Number(args[args.indexOf('--samples') + 1]) || 80;
const BUDGET_MS = 16;
/** --small: the default scenario instead, to compare a tiny machine with the big one. */
const small = args.includes('--small');

interface Sample {
  readonly frame: number;
  readonly js: number;
}

/**
 * Runs in the page. A string, not a function: tsx's esbuild would wrap a function's inner
 * closures in a `__name` helper that the page does not have.
 */
const IN_PAGE = `async (n) => {
  const canvas = document.querySelector('canvas.frames');
  const range = document.querySelector('[data-testid=timeline-range]');
  if (!canvas || !range) throw new Error('bench page is missing the grid or the timeline');
  const drawn = () => Number(canvas.getAttribute('data-drawn'));
  const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const res = [];
  let dir = 1;
  for (let i = 0; i < n + 5; i++) {
    await painted();
    await new Promise((r) => setTimeout(r, Math.random() * 16.7));
    const before = drawn();
    if (Number(range.value) >= Number(range.max)) dir = -1;
    if (Number(range.value) <= 0) dir = 1;
    const t = performance.now();
    document.body.dispatchEvent(
      new KeyboardEvent('keydown', { key: dir > 0 ? 'ArrowRight' : 'ArrowLeft', bubbles: true }),
    );
    await Promise.resolve();
    const js = performance.now() - t;
    while (drawn() === before) await painted();
    const frame = performance.now() - t;
    if (i >= 5) res.push({ frame, js }); // the first steps warm up the JIT
  }
  return res;
}`;

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

async function main(): Promise<void> {
  if (!args.includes('--no-build')) await build({ logLevel: 'warn' });
  const server = await preview({
    preview: { port: 4319, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4319/';
  const launch = config.projects?.[0]?.use?.launchOptions ?? {};
  const browser = await chromium.launch({
    ...launch,
    executablePath: launch.executablePath ?? '/usr/bin/chromium',
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const t0 = Date.now();
    await page.goto(small ? url : `${url}?bench=1`);
    await page.getByTestId('step-count').waitFor({ timeout: 180_000 });
    await page.waitForFunction(
      () => Number(document.querySelector('canvas.frames')?.getAttribute('data-drawn')) > 0,
    );
    const loadMs = Date.now() - t0;
    const info = await page.evaluate(() => ({
      steps: Number(document.querySelector('[data-testid=timeline-range]')?.getAttribute('max')),
      text: document.querySelector('[data-testid=step-count]')?.textContent ?? '',
    }));
    const out = await page.evaluate<Sample[]>(`(${IN_PAGE})(${samples})`);
    const frames = out.map((s) => s.frame);
    const js = out.map((s) => s.js);
    const summary = {
      machine: small
        ? 'default scenario (4,096 RAM pages, one device)'
        : '262,144 RAM pages + 262,144 device pages (4 × dmirror, 8,192 pages in use)',
      loadMs,
      trace: info.text,
      samples: out.length,
      stepToFrameMs: {
        median: quantile(frames, 0.5),
        p90: quantile(frames, 0.9),
        max: quantile(frames, 1),
      },
      jsMs: { median: quantile(js, 0.5), p90: quantile(js, 0.9) },
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
        `max ${f(summary.stepToFrameMs.max)}) · JS median ${f(summary.jsMs.median)} ms · ${out.length} steps of ` +
        `${info.steps} · load ${loadMs} ms · budget ${BUDGET_MS} ms: ` +
        (summary.stepToFrameMs.median <= BUDGET_MS ? 'ok' : 'OVER'),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
