import { mkdirSync } from 'node:fs';
import { expect, newWatchedContext, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { ShareTools } from './pages/ShareTools';

const SCREENS = 'test-results/screens';
const ID = 'migrate-and-fault-back';

test.describe('embed mode', () => {
  test('#…&embed=1 opens with minimal chrome at the chosen step and keeps the flag', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 800, height: 520 });
    const app = new AppPage(page);
    await app.load(`/#v=1&s=${ID}&t=4&embed=1`);
    await expect(page.locator('.app-header')).toBeHidden();
    const bar = page.getByTestId('embed-bar');
    await expect(bar).toContainText('Migrate to device memory');
    await app.transport.expectStep(4);
    await app.transport.key('ArrowRight');
    await app.transport.expectStep(5);
    await expect.poll(() => new ShareTools(page).hash()).toBe(`#v=1&s=${ID}&t=5&embed=1`);
    const out = bar.getByRole('link', { name: /Open in HMM Explorer/ });
    await expect(out).toHaveAttribute('href', /#v=1&s=migrate-and-fault-back&t=5$/);
    await expect(out).toHaveAttribute('target', '_blank');
    mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: `${SCREENS}/embed.png` });
  });

  test('?embed=1 works too, and never restores a draft', async ({ page }) => {
    const app = new AppPage(page);
    await app.load('/');
    const editor = await new ShareTools(page).openEditor();
    await editor.getByTestId('doc-title').fill('Secret draft');
    await expect(editor.getByTestId('editor-saved')).toContainText('Draft saved');
    await app.load(`/?embed=1#v=1&s=${ID}&t=2`);
    await expect(page.locator('.app-header')).toBeHidden();
    await expect(page.getByTestId('embed-bar')).toBeVisible();
    await app.transport.expectStep(2);
    await expect(page.getByTestId('notice-draft')).toHaveCount(0);
    await expect(page.getByTestId('editor')).toHaveCount(0);
  });

  test('"Copy embed snippet" makes an iframe that opens embedded at the start step', async ({
    page,
    context,
    browser,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const app = new AppPage(page);
    await app.load(`/#v=1&s=${ID}&t=5`);
    await page.getByTestId('share-toggle').click();
    await page.getByTestId('embed-start').fill('2');
    const snippet = page.getByTestId('embed-snippet');
    await expect(snippet).toHaveValue(/&amp;t=2&amp;embed=1"/);
    await page.getByTestId('copy-embed').click();
    await expect(page.getByTestId('notice-copy')).toContainText('Embed snippet copied');
    const html = await page.evaluate(() => navigator.clipboard.readText());
    expect(html).toBe(await snippet.inputValue());
    expect(html).toMatch(
      /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/#v=1&amp;s=migrate-and-fault-back&amp;t=2&amp;embed=1" title="HMM Explorer: Migrate to device memory, fault back on CPU access" width="960" height="600" loading="lazy" allow="fullscreen; clipboard-write" style="[^"]*"><\/iframe>$/,
    );
    console.log(`embed snippet: ${html.length} characters`);

    // The snippet pasted into a host page (a slide deck, an LMS): the app runs embedded at step 2.
    const host = await newWatchedContext(browser);
    const slide = await host.newPage();
    await slide.setContent(
      `<!doctype html><html lang="en"><title>Slide 7</title><body>${html}</body></html>`,
    );
    const frame = slide.frameLocator('iframe');
    await expect(frame.getByTestId('step-count')).toContainText('Step 2 of 6');
    await expect(frame.getByTestId('embed-bar')).toBeVisible();
    await expect(frame.locator('.app-header')).toBeHidden();
    await frame.getByRole('button', { name: 'Step forward' }).click();
    await expect(frame.getByTestId('step-count')).toContainText('Step 3 of 6');
    await host.close();
  });
});
