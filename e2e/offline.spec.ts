import { CSP } from '../scripts/vite-csp';
import { expect, test, watchCsp, type CspReport } from './fixtures';
import { AppPage } from './pages/AppPage';

test.describe('installable and offline', () => {
  test('after the first visit the app loads and steps with no network', async ({
    page,
    context,
  }) => {
    const app = new AppPage(page);
    await app.load('/');
    // The service worker has installed, precached the build and taken control of the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
        timeout: 15_000,
      })
      .toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect(app.transport.stepCount).toBeVisible();
    await app.transport.key('ArrowRight');
    await app.transport.expectStep(1);
    // A share link opens offline too (a custom one needs the codec chunk: precached).
    await app.load('/#v=1&s=fork-cow-device-private&t=3');
    await app.transport.expectStep(3);
    await page.getByTestId('edit-toggle').click();
    await expect(page.getByTestId('editor')).toBeVisible();
    await page.getByTestId('doc-title').fill('Offline edit');
    await expect(page).toHaveURL(/#v=[12]&c=/);
    await page.reload();
    await expect(app.transport.stepCount).toContainText('Step 3 of');
    await expect(page.getByTestId('notice-draft')).toContainText('Offline edit');
    await context.setOffline(false);
    console.log(
      'offline: reload, stepping, a built-in link, the editor and a custom link all work',
    );
  });

  test('the web manifest names the app, its icons and theme colour', async ({ page, request }) => {
    await page.goto('/');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('./manifest.webmanifest');
    const manifest = (await (await request.get('/manifest.webmanifest')).json()) as {
      name: string;
      theme_color: string;
      display: string;
      icons: { src: string; sizes: string; purpose?: string }[];
    };
    expect(manifest).toMatchObject({
      name: 'HMM Explorer',
      theme_color: '#0072b2',
      display: 'standalone',
    });
    expect(manifest.icons.map((i) => i.sizes)).toEqual(['192x192', '512x512', '512x512', 'any']);
    for (const icon of manifest.icons) expect((await request.get(`/${icon.src}`)).ok()).toBe(true);
  });

  test("the tab's icon is a PNG that loads (Chromium fetches it again on every step's history write)", async ({
    page,
    request,
  }) => {
    await page.goto('/');
    // An SVG icon is decoded on the page's main thread as a whole SVG document at each of those
    // fetches: 5–22 ms in the middle of the map's transition.
    const icons = page.locator('link[rel="icon"]');
    await expect(icons).toHaveCount(1);
    await expect(icons).toHaveAttribute('type', 'image/png');
    const href = (await icons.getAttribute('href')) ?? '';
    const res = await request.get(`/${href.replace(/^\.\//, '')}`);
    expect(res.ok()).toBe(true);
    expect(res.headers()['content-type']).toBe('image/png');
  });

  test('the built page carries the strict CSP as its first <head> element', async ({ page }) => {
    await page.goto('/');
    const first = page.locator('head > :first-child');
    await expect(first).toHaveAttribute('http-equiv', 'Content-Security-Policy');
    await expect(first).toHaveAttribute('content', CSP);
  });

  test('the violation listener works: an inline style attribute is reported', async ({
    browser,
  }) => {
    // A context of its own, not counted by the suite's fixture.
    const context = await browser.newContext();
    const seen: CspReport[] = [];
    await watchCsp(context, seen);
    const page = await context.newPage();
    await page.goto('/');
    await page.evaluate(() => {
      document.body.setAttribute('style', 'outline: 1px solid red');
    });
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toMatchObject({ directive: 'style-src-attr' });
    await context.close();
  });
});
