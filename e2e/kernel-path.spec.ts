/**
 * The kernel path as a reader needs it: the chain that matters, folded call levels, a search
 * across the whole trace shown on the timeline, ways past the source links for a keyboard user,
 * and timeline markers that name their step and event.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axe(page: Page, where: string): Promise<void> {
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(
    r.violations.map((v) => `${where}: ${v.id} ${v.nodes[0]?.target.join(' ') ?? ''}`),
  ).toEqual([]);
}

test.describe('the kernel path', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('a step opens on its chain and its top call levels; levels fold and unfold', async ({
    page,
  }) => {
    const app = new AppPage(page);
    // Step 6 of the default scenario: the CPU read faults the device page back.
    await app.load('/#v=1&s=migrate-and-fault-back&t=6');
    await expect(page.getByTestId('kernel-chain')).toContainText('do_swap_page');
    await expect(page.getByTestId('kernel-chain')).toContainText('migrate_vma');
    const list = page.getByTestId('events');
    const rows = list.locator('li');
    await expect(rows.first()).toBeVisible();
    const folded = list.getByRole('button', { name: /^Unfold the \d+ calls of / });
    expect(await folded.count()).toBeGreaterThan(0);
    const before = await rows.count();
    await folded.first().click();
    await expect.poll(() => rows.count()).toBeGreaterThan(before);
    await page.getByRole('button', { name: 'Unfold all' }).click();
    await expect(list.getByRole('button', { name: /^Unfold the/ })).toHaveCount(0);
    const all = await rows.count();
    await page.getByRole('button', { name: 'Fold all', exact: true }).click();
    await expect.poll(() => rows.count()).toBeLessThan(all);
    await axe(page, 'folded path');
  });

  test('a search across the trace shows its steps on the timeline and jumps between them', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=migrate-and-fault-back&t=1');
    const box = page.getByTestId('trace-search');
    await box.fill('migrate_vma_pages');
    await expect(page.getByTestId('search-count')).toContainText(/\d+ in \d+ steps?/);
    const ticks = app.transport.strip.locator('line.search-hit');
    await expect(ticks).not.toHaveCount(0);
    // Enter jumps to the next step that ran it; its rows are marked.
    await box.press('Enter');
    await expect.poll(() => app.transport.cursor()).toBeGreaterThan(1);
    const at = await app.transport.cursor();
    // The step's list holds its hits only, marked.
    const hits = page.getByTestId('events').locator('li');
    await expect(hits.first()).toBeVisible();
    await expect(hits.locator('mark').first()).toHaveText('migrate_vma_pages');
    expect(await hits.count()).toBe(await page.getByTestId('events').locator('li.hit').count());
    await box.fill('');
    await expect.poll(() => page.getByTestId('events').locator('li').count()).toBeGreaterThan(1);
    await expect(ticks).toHaveCount(0);
    await box.fill('migrate_vma_pages');
    await axe(page, 'search');
    // Again: the next hit, or round to the first.
    await page.getByRole('button', { name: 'Next step with a hit' }).click();
    await expect.poll(() => app.transport.cursor()).not.toBe(1);
    // A search for nothing says so and draws nothing.
    await box.fill('no_such_function_anywhere');
    await expect(page.getByTestId('search-count')).toHaveText('no step ran it');
    await expect(ticks).toHaveCount(0);
    expect(at).toBeGreaterThan(1);
  });

  test('a keyboard user skips the source links: skip links first, then past the path', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=migrate-and-fault-back&t=6');
    await page.keyboard.press('Tab');
    const first = page.getByRole('button', { name: 'Skip to Memory map' });
    await expect(first).toBeFocused();
    await expect(first).toBeInViewport();
    await page.getByRole('button', { name: 'Skip to Page tables' }).focus();
    await page.keyboard.press('Enter');
    await expect(app.pageTables.locator('.panel-body')).toBeFocused();
    // Inside the kernel path: one Tab from its body reaches "Skip the kernel path".
    await app.kernelPath.locator('.panel-body').focus();
    let skip = false;
    for (let i = 0; i < 12 && !skip; i += 1) {
      await page.keyboard.press('Tab');
      skip = await page
        .getByRole('button', { name: /^Skip the kernel path/ })
        .evaluate((el) => el === document.activeElement);
    }
    expect(skip).toBe(true);
    await page.keyboard.press('Enter');
    await expect(app.pageTables.locator('.panel-body')).toBeFocused();
    await axe(page, 'skip links');
  });

  test('timeline markers name their step and event on hover and on focus', async ({ page }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=migrate-and-fault-back&t=0');
    const marks = app.transport.strip.locator('g.mark-step');
    await expect(marks).not.toHaveCount(0);
    const tip = page.getByTestId('timeline-tip');
    await marks.first().hover();
    await expect(tip).toBeVisible();
    await expect(tip).toContainText(/^Step \d+: /);
    const name = await marks.first().getAttribute('aria-label');
    expect(name).toMatch(/^Step \d+: (fault|migration|page_free|signal|violation)/);
    await page.mouse.move(0, 700);
    await expect(tip).toBeHidden();
    // One tab stop for all markers; arrows move between them, Enter goes to the step.
    await marks.first().focus();
    await expect(tip).toHaveText(name ?? '');
    expect(await marks.evaluateAll((gs) => gs.filter((g) => g.tabIndex === 0).length)).toBe(1);
    if ((await marks.count()) > 1) {
      await page.keyboard.press('ArrowRight');
      await expect(marks.nth(1)).toBeFocused();
      await app.transport.expectStep(0);
    }
    const target = Number(
      await page.evaluate(() => document.activeElement?.getAttribute('data-step')),
    );
    await page.keyboard.press('Enter');
    await app.transport.expectStep(target);
    await axe(page, 'timeline markers');
  });

  test('F6 and Shift+F6 move the keyboard from panel to panel; the skip links say so', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=migrate-and-fault-back&t=5');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('panel-keys-help')).toBeVisible();
    await expect(page.getByTestId('panel-keys-help')).toContainText('F6');
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    const region = () =>
      page.evaluate(() => {
        const a = document.activeElement;
        const r = a?.closest('[data-testid^="view-"], .transport, .app-header');
        return r?.getAttribute('data-testid') ?? r?.className ?? '';
      });
    const seen: string[] = [];
    for (let i = 0; i < 9; i++) {
      await page.keyboard.press('F6');
      seen.push(await region());
    }
    // Header, transport, then every panel in reading order, and round again.
    expect(seen.slice(0, 4)).toEqual([
      'app-header',
      expect.stringContaining('transport'),
      'view-map',
      'view-kernel-path',
    ]);
    expect(seen).toContain('view-page-tables');
    expect(seen).toContain('view-physical');
    await expect(page.locator(':focus')).toBeVisible();
    const here = await region();
    await page.keyboard.press('F6');
    await page.keyboard.press('Shift+F6');
    expect(await region()).toBe(here);
    // The keys do not step the scenario.
    await app.transport.expectStep(5);
    await axe(page, 'panel keys');
  });

  test('in presenter mode the timeline markers name their step and event on hover and focus', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    const app = new AppPage(page);
    await app.load('/#v=1&s=migrate-and-fault-back&t=2');
    await page.getByTestId('present').click();
    await expect(page.getByTestId('presenter')).toBeVisible();
    const marks = app.transport.strip.locator('g.mark-step');
    await expect(marks.first()).toBeVisible();
    const tip = page.getByTestId('timeline-tip');
    await marks.first().hover();
    await expect(tip).toBeVisible();
    const name = (await marks.first().getAttribute('aria-label')) ?? '';
    expect(name).toMatch(/^Step \d+: (fault|migration|page_free|signal|violation)/);
    await expect(tip).toHaveText(name);
    expect(
      await tip.evaluate((t) => parseFloat(getComputedStyle(t).fontSize)),
    ).toBeGreaterThanOrEqual(20);
    await page.mouse.move(500, 600);
    await expect(tip).toBeHidden();
    await marks.first().focus();
    await expect(tip).toHaveText(name);
    if ((await marks.count()) > 1) {
      await page.keyboard.press('ArrowRight');
      await expect(marks.nth(1)).toBeFocused();
      await expect(tip).toHaveText((await marks.nth(1).getAttribute('aria-label')) ?? '');
      await expect(page.getByTestId('presenter-step')).toHaveText(/^Step 2 \//);
    }
    await axe(page, 'presenter markers');
  });
});
