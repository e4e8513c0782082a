import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { readJson, setJson } from './pages/jsonEditor';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function audit(page: Page, where: string): Promise<void> {
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(
    r.violations.map((v) => `${where}: ${v.id} ${v.nodes[0]?.target.join(' ') ?? ''}`),
  ).toEqual([]);
}

test.describe('accessibility of share, edit, export and embed (axe)', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`editor, share panel, export panel, handout, notices (${theme})`, async ({ page }) => {
      const app = new AppPage(page);
      await app.load('/#v=1&s=migrate-and-fault-back&t=4&sel=pte.1.10000000');
      await app.setTheme(theme);
      await page.getByTestId('share-toggle').click();
      await page.getByTestId('frame-digest-show').click();
      await expect(page.getByTestId('frame-digest')).toBeVisible();
      await audit(page, 'share panel');
      await page.keyboard.press('Escape');
      await page.getByTestId('export-toggle').click();
      await audit(page, 'export panel');
      await page.keyboard.press('Escape');
      await page.getByTestId('edit-toggle').click();
      await page.getByTestId('step-list').locator('.step-pick').nth(2).click();
      await audit(page, 'editor (steps)');
      await page.getByRole('tab', { name: 'JSON' }).click();
      await setJson(page, (await readJson(page)).replace('"npages":4', '"npages":0'));
      await expect(page.getByTestId('editor-status')).toContainText('must be at least 1');
      await page.evaluate(() => {
        location.hash = '#v=1&c=broken';
      });
      await expect(page.getByTestId('notice-link')).toBeVisible();
      await audit(page, 'editor (JSON, error) with a link alert');
      await page.getByRole('button', { name: 'Close the editor' }).click();
      await page.getByTestId('export-toggle').click();
      await page.getByTestId('open-handout').click();
      // The handout draws the map at every step before it lists them: wait for it as export.spec does.
      await expect(page.getByTestId('handout-progress')).toHaveText('7 steps.', {
        timeout: 30_000,
      });
      await expect(page.getByTestId('handout-step')).toHaveCount(7);
      await audit(page, 'handout');
    });
  }

  test('embed mode', async ({ page }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=fork-cow-device-private&t=3&embed=1');
    await audit(page, 'embed');
  });
});
