import { mkdirSync, readFileSync } from 'node:fs';
import type { Download, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { collectPageErrors } from './pages/ShareTools';

const SCREENS = 'test-results/screens';
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function saved(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; bytes: Buffer }> {
  const wait = page.waitForEvent('download');
  await click();
  const d: Download = await wait;
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

/** Width and height from a PNG's IHDR. */
const pngSize = (b: Buffer) => [b.readUInt32BE(16), b.readUInt32BE(20)];

test.describe('export', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('the current view and all views as SVG and PNG; the frame grid as PNG', async ({ page }) => {
    const errors = collectPageErrors(page);
    const app = new AppPage(page);
    await app.load('/#v=1&s=migrate-and-fault-back&t=5');
    await app.mappedPtes().first().click(); // the page tables are now the current view
    await page.getByTestId('export-toggle').click();
    const view = page.getByTestId('export-view');
    await expect(view).toHaveValue('page-tables');

    const svg = await saved(page, () => page.getByTestId('export-svg').click());
    expect(svg.name).toBe('hmm-migrate-to-device-memory-fault-back-on-cpu-step5-page-tables.svg');
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
    );
    expect(text).toContain('<foreignObject');
    expect(text).toContain('0x10000000');
    expect(text).not.toMatch(/<script/i);

    const png = await saved(page, () => page.getByTestId('export-png').click());
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG);
    const box = await app.pageTables.boundingBox();
    const [w = 0] = pngSize(png.bytes);
    expect(Math.abs(w - Math.ceil(box?.width ?? 0) * 2)).toBeLessThanOrEqual(2);
    console.log(
      `page tables: SVG ${svg.bytes.length} bytes, PNG ${png.bytes.length} bytes (${pngSize(png.bytes).join('×')})`,
    );

    await view.selectOption('all');
    const all = await saved(page, () => page.getByTestId('export-png').click());
    expect(all.name).toContain('step5-all-views.png');
    expect([...all.bytes.subarray(0, 8)]).toEqual(PNG);
    const allSvg = await saved(page, () => page.getByTestId('export-svg').click());
    // The frame grid (a canvas) is in the SVG as a PNG image.
    expect(allSvg.bytes.toString('utf8')).toContain('data:image/png;base64,');
    console.log(
      `all views: PNG ${all.bytes.length} bytes (${pngSize(all.bytes).join('×')}), SVG ${allSvg.bytes.length} bytes`,
    );

    const grid = await saved(page, () =>
      page.getByRole('button', { name: 'Frame grid as PNG' }).click(),
    );
    expect(grid.name).toContain('frame-grid.png');
    expect([...grid.bytes.subarray(0, 8)]).toEqual(PNG);
    // The whole grid (every frame of RAM and of the device chunk, captioned), not the window of
    // it on screen: taller than the live canvas (at the export's 2× scale).
    const live = await page.getByTestId('frames-canvas').evaluate((c) => c.clientHeight);
    expect(pngSize(grid.bytes)[1]).toBeGreaterThan(2 * live);
    mkdirSync(SCREENS, { recursive: true });
    for (const [name, f] of [
      ['export-page-tables.png', png],
      ['export-all-views.png', all],
    ] as const)
      await import('node:fs').then((fs) => {
        fs.writeFileSync(`${SCREENS}/${name}`, f.bytes);
      });
    expect(errors).toEqual([]);
  });

  test('the handout: every step, its narration and a picture; printable', async ({ page }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=migrate-and-fault-back&t=3');
    await page.getByTestId('export-toggle').click();
    await page.getByTestId('open-handout').click();
    const handout = page.getByTestId('handout');
    await expect(page.getByTestId('handout-progress')).toHaveText('7 steps.', { timeout: 30_000 });
    const steps = handout.getByTestId('handout-step');
    await expect(steps).toHaveCount(7);
    await expect(steps.nth(2)).toContainText('Step 2: spawn pid 1');
    await expect(steps.nth(2)).toContainText('mm_alloc');
    const loaded = await steps
      .locator('img')
      .evaluateAll((imgs) =>
        imgs.map(
          (i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0,
        ),
      );
    expect(loaded).toEqual(Array(7).fill(true));
    // The step on screen is back where it was.
    await app.transport.expectStep(3);
    mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: `${SCREENS}/handout.png` });
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.app-header')).toBeHidden();
    await expect(page.locator('.handout-tools')).toBeHidden();
    await page.screenshot({ path: `${SCREENS}/handout-print.png`, fullPage: true });
    await page.pdf({ path: `${SCREENS}/handout.pdf` }).catch(() => undefined);
    await page.emulateMedia({ media: 'screen' });
    await handout.getByRole('button', { name: 'Close' }).click();
    await expect(handout).toHaveCount(0);
  });
});

/** What an exported SVG holds, read in the page (DOMParser): its size, its text and counts. */
interface Picture {
  readonly width: number;
  readonly height: number;
  readonly text: string;
  readonly controls: number;
  readonly count: Record<string, number>;
}

async function readSvg(page: Page, svg: string, selectors: string[]): Promise<Picture> {
  // Parsed in the page, a style attribute would count as a CSP violation of this test's own
  // making (the app never parses its pictures: it saves them, or draws them through an <img>).
  // What is read here (sizes, text, element counts) does not depend on them.
  const plain = svg.replace(/ style="[^"]*"/g, '');
  return page.evaluate(
    ([svg, selectors]) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      const root = doc.documentElement;
      const count: Record<string, number> = {};
      for (const s of selectors) count[s] = doc.querySelectorAll(s).length;
      return {
        width: Number(root.getAttribute('width')),
        height: Number(root.getAttribute('height')),
        text: root.textContent,
        controls: doc.querySelectorAll('button, input, select, textarea, form').length,
        count,
      };
    },
    [plain, selectors] as const,
  );
}

/** The texts of a panel's controls (its buttons that do not name a model object, its labels). */
async function controlTexts(panel: Locator): Promise<string[]> {
  const texts = await panel
    .locator('button:not(.pte):not(.link):not(.chip), label')
    .evaluateAll((els) => els.map((e) => e.textContent.trim()));
  return texts.filter((t) => t.length >= 3);
}

/** Open the export popover (a hash-only load keeps it as it was). */
async function openExport(page: Page): Promise<void> {
  if (!(await page.getByTestId('export-view').isVisible()))
    await page.getByTestId('export-toggle').click();
  await expect(page.getByTestId('export-view')).toBeVisible();
}

/** The size of a panel's content: its scroll box's whole extent, not what is on screen. */
const contentSize = (panel: Locator) =>
  panel.locator('.panel-body').evaluate((b) => ({
    width: b.scrollWidth,
    height: b.scrollHeight,
    shown: b.clientHeight,
    // The height the picture may lose: the rows of controls it leaves out.
    controls: [
      ...b.querySelectorAll('button:not(.pte):not(.link):not(.chip), input, select, form'),
    ].reduce((h, c) => h + c.getBoundingClientRect().height, 0),
  }));

test.describe('exports draw the whole view, never a crop, never buttons', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  async function exportSvg(page: Page, view: string): Promise<string> {
    await page.getByTestId('export-view').selectOption(view);
    const f = await saved(page, () => page.getByTestId('export-svg').click());
    return f.bytes.toString('utf8');
  }

  async function exportPng(page: Page): Promise<number[]> {
    const f = await saved(page, () => page.getByTestId('export-png').click());
    expect([...f.bytes.subarray(0, 8)]).toEqual(PNG);
    return pngSize(f.bytes);
  }

  test('the kernel path: every function of the step, unfolded, past the scrolled panel', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=migrate-and-fault-back&t=5');
    const panel = app.kernelPath;
    const skip = await panel.getByRole('button', { name: /^Skip the kernel path/ }).textContent();
    const functions = Number(/\((\d+) functions\)/.exec(skip ?? '')?.[1]);
    expect(functions).toBeGreaterThan(40);
    const drawn = await panel.locator('ol.events > li').count();
    expect(drawn, 'the panel draws only what fits').toBeLessThan(functions);
    const content = await contentSize(panel);
    expect(content.height).toBeGreaterThan(content.shown);
    const controls = await controlTexts(panel);
    await page.getByTestId('export-toggle').click();
    const pic = await readSvg(page, await exportSvg(page, 'kernel-path'), ['ol.events > li']);
    expect(pic.count['ol.events > li']).toBe(functions);
    expect(pic.height).toBeGreaterThanOrEqual(content.height);
    expect(pic.width).toBeGreaterThanOrEqual(content.width);
    expect(pic.controls).toBe(0);
    for (const t of controls) expect(pic.text, t).not.toContain(t);
    expect(pic.text).toContain('In plain words');
    const [w, h] = await exportPng(page);
    expect([w, h]).toEqual([pic.width * 2, pic.height * 2]);
  });

  test('page tables and device memory: every process, VMA, PTE and device page; no buttons', async ({
    page,
  }) => {
    const app = new AppPage(page);
    for (const [url, view, panel, items] of [
      [
        'fork-cow-device-private&t=11',
        'page-tables',
        app.pageTables,
        ['article.process', 'li.vma', '.pte'],
      ],
      ['migrate-and-fault-back&t=5', 'device', app.device, ['tr[data-pfn]', 'table']],
    ] as const) {
      await app.load(`/#v=1&s=${url}`);
      await openExport(page);
      const live: Record<string, number> = {};
      for (const s of items) live[s] = await panel.locator(s).count();
      expect(live[items[0]], `${view} has content`).toBeGreaterThan(0);
      const content = await contentSize(panel);
      const controls = await controlTexts(panel);
      const pic = await readSvg(page, await exportSvg(page, view), [...items]);
      expect(pic.count, view).toEqual(live);
      expect(pic.width, view).toBeGreaterThanOrEqual(content.width);
      // Laid out wider (a scroll box opened sideways), the text wraps less: then the counts above
      // are the measure of "whole"; at the panel's width, the picture is at least its content.
      // (When the content fits its box, scrollHeight is the box: nothing there to crop.)
      if (pic.width <= content.width + 40 && content.height > content.shown)
        expect(pic.height, view).toBeGreaterThanOrEqual(content.height - content.controls);
      expect(pic.controls, view).toBe(0);
      for (const t of controls) expect(pic.text, `${view}: ${t}`).not.toContain(t);
      const [w, h] = await exportPng(page);
      expect([w, h], view).toEqual([pic.width * 2, pic.height * 2]);
    }
    // The model's processes: the page tables list each (pid 1 and its fork child).
    await app.load('/#v=1&s=fork-cow-device-private&t=11');
    await openExport(page);
    const pics = await readSvg(page, await exportSvg(page, 'page-tables'), []);
    expect(pics.text).toContain('pid 1');
    expect(pics.text).toContain('pid 2');
  });

  test('physical memory: every frame of RAM and device memory, not the grid window', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=migrate-and-fault-back&t=5');
    // The map's boxes name each memory's size in pages, from the model.
    const mapText = (await page.getByTestId('map-svg').textContent()) ?? '';
    const ramPages = Number(/System RAM\s*([\d,]+) pages/.exec(mapText)?.[1]?.replace(/,/g, ''));
    const devPages = Number(
      /device private\s*([\d,]+) pages/.exec(mapText)?.[1]?.replace(/,/g, ''),
    );
    expect(ramPages).toBeGreaterThan(0);
    expect(devPages).toBeGreaterThan(0);
    const caption = (await page.getByTestId('grid-caption').textContent()) ?? '';
    await page.getByTestId('export-toggle').click();
    const svg = await exportSvg(page, 'physical');
    const pic = await readSvg(page, svg, ['img']);
    const blocks = [
      ...pic.text.matchAll(/(RAM|device memory): pfn (0x[0-9a-f]+)–(0x[0-9a-f]+) \((\d+) pages\)/g),
    ];
    expect(blocks.map((b) => b[1])).toEqual(['RAM', 'device memory']);
    expect(blocks.map((b) => Number(b[4]))).toEqual([ramPages, devPages]);
    for (const b of blocks) expect(Number(b[3]) - Number(b[2]) + 1).toBe(Number(b[4]));
    // Each block is a drawn grid (a PNG inside the SVG); the panel's window was a part of RAM.
    expect(svg.match(/data:image\/png;base64,/g)?.length).toBe(2);
    expect(caption).not.toContain('0x3ffff');
    expect(pic.controls).toBe(0);
    for (const t of ['Zoom', 'Go', 'pfn 0x10']) expect(pic.text).not.toContain(t);
    const [w, h] = await exportPng(page);
    expect([w, h]).toEqual([pic.width * 2, pic.height * 2]);
  });

  test('the memory map and all views: whole, without their buttons', async ({ page }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=fork-cow-device-private&t=11');
    // The map draws its step after the page shows it (one frame, or more on a busy machine).
    const svg = page.getByTestId('map-svg');
    await expect(svg).toHaveAttribute('data-cursor', '11');
    await expect(svg.locator('g.map-node').first()).toBeAttached();
    const nodes = await svg.locator('g.map-node').count();
    const scroll = await page
      .getByTestId('map-scroll')
      .evaluate((s) => ({ width: s.scrollWidth, height: s.scrollHeight }));
    await page.getByTestId('export-toggle').click();
    const map = await readSvg(page, await exportSvg(page, 'map'), ['g.map-node']);
    expect(map.count['g.map-node']).toBe(nodes);
    // The picture is the scene at its own scale (the panel may draw it larger or smaller): every
    // node is in it, and it is not the panel's visible box.
    expect(map.width * map.height).toBeGreaterThan(0);
    expect(scroll.height).toBeGreaterThan(0);
    expect(map.controls).toBe(0);
    expect(map.text).not.toContain('rows/VMA');
    const all = await readSvg(page, await exportSvg(page, 'all'), [
      'g.map-node',
      'article.process',
    ]);
    expect(all.count['g.map-node']).toBe(nodes);
    expect(all.count['article.process']).toBe(
      await app.pageTables.locator('article.process').count(),
    );
    expect(all.controls).toBe(0);
    expect(all.text).toContain('device memory: pfn');
  });
});
