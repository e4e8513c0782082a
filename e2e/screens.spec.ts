import { mkdirSync } from 'node:fs';
import { test } from './fixtures';
import { AppPage } from './pages/AppPage';

const DIR = 'test-results/screens';

/** Screenshots of the whole app and each view at 1024×768, for a person to look at. */
test.describe('screens', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  for (const theme of ['light', 'dark'] as const) {
    test(`every view, mid-scenario, selection made (${theme})`, async ({ page }) => {
      mkdirSync(DIR, { recursive: true });
      const app = new AppPage(page);
      await app.load();
      await app.setTheme(theme);
      const last = await app.transport.last();
      await app.transport.seek(Math.max(1, last - 1));
      const pte = app.pageTables.locator('button.pte.k-devpriv, button.pte.k-present').first();
      if ((await pte.count()) > 0) await pte.click();
      await app.canvasDrawn();
      await page.screenshot({ path: `${DIR}/app-${theme}.png` });
      const views = {
        'page-tables': app.pageTables,
        device: app.device,
        inspector: app.inspector,
        physical: app.physical,
        'kernel-path': app.kernelPath,
        counters: app.counters,
      };
      for (const [name, view] of Object.entries(views)) {
        await view.screenshot({ path: `${DIR}/${name}-${theme}.png` });
      }
      await page.getByTestId('transport').screenshot({ path: `${DIR}/transport-${theme}.png` });
    });
  }
});
