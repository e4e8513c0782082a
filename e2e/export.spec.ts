import { mkdirSync, readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
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
