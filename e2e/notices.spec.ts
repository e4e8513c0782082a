/**
 * Notices float over the page: showing or closing one never moves the views; Escape closes the
 * newest; an info closes on its own unless the reader holds it (hover or focus).
 */
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

test.describe('notices', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('a refused link alerts over the page, the layout stays put, Escape closes it', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load();
    const top = async () => (await page.locator('#main').boundingBox())?.y ?? -1;
    const before = await top();
    await page.evaluate(() => {
      location.hash = '#v=1&s=no-such-scenario';
    });
    const notice = page.getByTestId('notice-link');
    await expect(notice).toHaveAttribute('role', 'alert');
    await expect(notice).toBeVisible();
    expect(await top()).toBe(before);
    // The alert waits to be read: it is still there after the info delay.
    await page.waitForTimeout(1000);
    await expect(notice).toBeVisible();
    await app.transport.key('Escape');
    await expect(notice).toHaveCount(0);
    expect(await top()).toBe(before);
    // Escape with no notice left does nothing else: the app still steps.
    await app.transport.key('ArrowRight');
    await app.transport.expectStep(1);
  });

  test('an info notice closes on its own, not while it is focused', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const app = new AppPage(page);
    await app.load();
    await page.getByTestId('copy-link').click();
    const notice = page.getByTestId('notice-copy');
    await expect(notice).toContainText('Link copied');
    await expect(notice).toHaveAttribute('role', 'status');
    // Held: focus on its close button keeps it.
    await notice.getByRole('button', { name: 'Dismiss message' }).focus();
    await page.waitForTimeout(9000);
    await expect(notice).toBeVisible();
    // Released: it goes by itself.
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
    });
    await page.mouse.move(1000, 10);
    await expect(notice).toHaveCount(0, { timeout: 12_000 });
  });
});
