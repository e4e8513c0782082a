/**
 * The shell fits its window: nothing scrolls sideways from 1280 down to 360 px (the header wraps
 * instead of pushing "Export…" off screen, the narration breaks a long ioctl name), and in
 * presenter mode at 1024×768 the map's key is one line that opens to the same 20-pixel labels.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

async function sideways(page: Page) {
  return page.evaluate(() => {
    const d = document.documentElement;
    const h = document.querySelector<HTMLElement>('.app-header');
    // The step's narration wraps inside its panel: an ioctl's name is one long word.
    const n = document.querySelector<HTMLElement>('[data-testid=narration]');
    return {
      page: d.scrollWidth - d.clientWidth,
      header: h ? h.scrollWidth - h.clientWidth : -1,
      narration: n ? n.scrollWidth - n.clientWidth : -1,
    };
  });
}

test.describe('the shell fits its window', () => {
  for (const width of [1280, 1024, 800, 360]) {
    test(`${width} px: no sideways scroll, every header control on screen`, async ({ page }) => {
      await page.setViewportSize({ width, height: 768 });
      const app = new AppPage(page);
      await app.load('/#v=1&s=migrate-and-fault-back&t=5');
      expect(await sideways(page)).toEqual({ page: 0, header: 0, narration: 0 });
      for (const name of ['Copy link', 'Share…', 'Edit', 'Predict', 'Present', 'Export…']) {
        const box = await page.getByRole('button', { name, exact: true }).boundingBox();
        expect(box, name).not.toBeNull();
        expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= width, name).toBe(true);
      }
    });
  }
});

test.describe('presenter mode at 1024×768', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('the map key is one line that opens to labels of at least 20 px', async ({ page }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=fork-cow-device-private&t=6');
    await page.getByTestId('present').click();
    await expect(page.getByTestId('presenter')).toBeVisible();
    const fold = page.getByTestId('map-legend-fold');
    await expect(fold).toBeVisible();
    const list = fold.locator('ul.map-legend');
    await expect(list).toBeHidden();
    const closed = (await fold.boundingBox())?.height ?? 999;
    // One 44-pixel target (zoomed with the views), not the fifth of the screen the open list takes.
    expect(closed).toBeLessThan(768 / 12);
    await fold.locator('summary').click();
    await expect(list).toBeVisible();
    // The type as drawn: the computed size times the views' zoom.
    const sizes = await list
      .locator('li')
      .evaluateAll((lis) =>
        lis.map(
          (li) =>
            parseFloat(getComputedStyle(li).fontSize) *
            (li as HTMLElement & { currentCSSZoom: number }).currentCSSZoom,
        ),
      );
    expect(sizes.length).toBeGreaterThan(5);
    for (const s of sizes) expect(s).toBeGreaterThanOrEqual(20);
    expect(await sideways(page)).toEqual({ page: 0, header: 0, narration: 0 });
  });
});
