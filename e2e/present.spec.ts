import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { collectPageErrors } from './pages/ShareTools';

const SCREENS = 'test-results/screens';

/** Every visible control smaller than 44×44 CSS px (as laid out, zoom included). */
function smallTargets(page: AppPage['page']): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const sel = 'button, a[href], select, input, textarea, summary, [role="button"], [role="tab"]';
    for (const el of document.querySelectorAll<HTMLElement>(sel)) {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden') continue;
      if (el.closest('.sr-only') || el.classList.contains('sr-only')) continue;
      if (r.width < 43.5 || r.height < 43.5)
        out.push(
          `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 20)}" ${r.width.toFixed(1)}×${r.height.toFixed(1)}`,
        );
    }
    return out;
  });
}

test.describe('presenter mode', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('full screen (or in the window), big narration, no chrome; clicker and arrow keys step; Escape leaves', async ({
    page,
  }) => {
    const errors = collectPageErrors(page);
    const app = new AppPage(page);
    await app.load('/#v=1&s=migrate-and-fault-back&t=1');
    await page.getByTestId('present').click();
    const presenter = page.getByTestId('presenter');
    await expect(presenter).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-mode', 'present');
    await expect(page.locator('.app-header')).toBeHidden();
    await expect(app.transport.stepCount).toBeHidden();
    const full = await page.evaluate(() => document.fullscreenElement !== null);
    console.log(`presenter: fullscreen ${full ? 'granted' : 'not granted (in-window fallback)'}`);

    const step = page.getByTestId('presenter-step');
    const narration = page.getByTestId('presenter-narration');
    await expect(step).toHaveText('Step 1 / 6');
    await expect(narration).toContainText('Driver probe');
    const size = await narration.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(22); // 26 px, 22 px for a paragraph-long note

    await page.keyboard.press('PageDown');
    await expect(step).toHaveText('Step 2 / 6');
    await expect(narration).toContainText('mm_alloc');
    await page.keyboard.press('PageUp');
    await expect(step).toHaveText('Step 1 / 6');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(step).toHaveText('Step 3 / 6');
    await page.keyboard.press('ArrowLeft');
    await expect(step).toHaveText('Step 2 / 6');
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(step).toHaveText('Step 3 / 6');

    await page.keyboard.press('Escape');
    await expect(presenter).toBeHidden();
    await expect(page.locator('html')).not.toHaveAttribute('data-mode', /./);
    await expect(page.locator('.app-header')).toBeVisible();
    await app.transport.expectStep(3);
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
    expect(errors).toEqual([]);
  });

  test('projector theme: black on white, targets at least 44×44, no axe violations', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=migrate-and-fault-back&t=5');
    await app.setTheme('dark');
    await page.getByTestId('present').click();
    await expect(page.getByTestId('presenter')).toBeVisible();
    const colors = await page.evaluate(() => {
      const cs = getComputedStyle(document.body);
      return [cs.color, cs.backgroundColor];
    });
    expect(colors).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    await app.mappedPtes().first().click();
    await expect(app.inspector.getByTestId('pte-details')).toBeVisible();
    expect(await smallTargets(page)).toEqual([]);
    const r = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(r.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ') ?? ''}`)).toEqual([]);
    mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: `${SCREENS}/presenter.png` });
    await page.keyboard.press('Home');
    await page.screenshot({ path: `${SCREENS}/presenter-step0.png` });
  });
});
