import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

const SHOTS = 'test-results/compare';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// The fork scenario in v4.14 and v6.12 side by side: after fork the parent's read of its device
// page livelocks in v4.14 (map_pte cannot see the child's entry) and migrates back in v6.12.
test.describe('compare view: two eras, one timeline', () => {
  test('the fork scenario shows its difference at step 8 (steps[7]) on both maps, and the link holds the pair', async ({
    page,
  }) => {
    mkdirSync(SHOTS, { recursive: true });
    await page.setViewportSize({ width: 1400, height: 1000 });
    const app = new AppPage(page);
    await app.load('/#v=1&s=fork-cow-device-private');
    await page.getByTestId('compare-picker').selectOption('v6.12');
    const view = page.getByTestId('view-compare');
    await expect(view).toBeVisible();
    const item = view.getByRole('button', { name: /^step 8: v4\.14 livelock.* · v6\.12 read 1/ });
    await expect(item).toBeVisible();
    await item.click();
    // steps[7] of the file (the contract's index 7) is the transport's step 8: one numbering.
    await expect(app.transport.stepCount).toContainText('Step 8 of');
    await expect(item).toHaveAttribute('aria-current', 'step');
    await expect(view.getByTestId('compare-here')).toContainText('step 8: v4.14 livelock');
    await expect(view.getByTestId('compare-side-v4.14')).toContainText('v4.14: livelock');
    await expect(view.getByTestId('compare-side-v6.12')).toContainText('v6.12: read 1');
    for (const era of ['v4.14', 'v6.12']) {
      const marked = view.getByTestId(`compare-map-${era}`).locator('g.map-node.era-diff');
      await expect(marked.first()).toBeAttached();
      expect(await marked.count(), `${era} map marks the differing PTE`).toBeGreaterThan(0);
    }
    await expect(view.getByTestId('compare-step-diffs')).toContainText('pte pid 1');
    await page.screenshot({ path: `${SHOTS}/fork-step7.png`, fullPage: false });

    // The address bar holds the pair; opening it again shows the same comparison at the same step.
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/&t=8.*&vs=v6\.12$/);
    const hash = await page.evaluate(() => location.hash);
    const again = new AppPage(page);
    await page.goto('about:blank');
    await again.load(`/${hash}`);
    await expect(page.getByTestId('view-compare')).toBeVisible();
    await expect(again.transport.stepCount).toContainText('Step 8 of');
    await expect(page.getByTestId('compare-picker')).toHaveValue('v6.12');

    const r = await new AxeBuilder({ page })
      .include('[data-testid="view-compare"]')
      .withTags(TAGS)
      .analyze();
    expect(r.violations.map((v) => `${v.id} ${v.nodes[0]?.target.join(' ') ?? ''}`)).toEqual([]);
  });

  test('the era selector runs the scenario in v6.12, and One era closes the comparison', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=fork-cow-device-private&t=8');
    await page.getByTestId('era-picker').selectOption('v6.12');
    await expect(app.transport.stepCount).toContainText('Step 8 of');
    await expect(app.kernelPath).toContainText('migrate_vma_setup');
    // The v6.12 document's own link, opened fresh: the app loads the v6.12 kernel image first.
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#v=[12]&c=.*&t=8$/);
    const v612 = await page.evaluate(() => location.hash);
    await page.goto('about:blank');
    await app.load(`/${v612}`);
    await expect(page.getByTestId('era-picker')).toHaveValue('v6.12');
    await expect(app.transport.stepCount).toContainText('Step 8 of');
    await expect(app.kernelPath).toContainText('migrate_vma_setup');
    await page.getByTestId('compare-picker').selectOption('v4.14');
    const view = page.getByTestId('view-compare');
    await expect(
      view.getByRole('button', { name: /^step 8: v6\.12 read 1.* · v4\.14 livelock/ }),
    ).toBeVisible();
    await view.getByRole('button', { name: 'One era' }).click();
    await expect(view).toBeHidden();
    await expect(page.getByTestId('compare-picker')).toHaveValue('');
  });
});
