/**
 * The fixed hostile corpus of G-S2 (src/test/share-hostile.ts) opened in the real app, on load and
 * by hashchange: each one shows an alert (or, when the pipeline accepts it with nothing to say,
 * opens quietly), the page throws nothing, and the app still steps afterwards.
 */
import { ingestFragmentSync } from '../src/ingest';
import { hostileFragments } from '../src/test/share-hostile';
import { encodeFragment } from '../src/url/encode';
import { builtinScenarios } from '../src/scenarios/library/all';
import { lectureScenario, notedScenario } from '../src/url/sample';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { collectPageErrors } from './pages/ShareTools';

const made = encodeFragment({ source: { kind: 'custom', scenario: lectureScenario(40) }, step: 3 });
if (!made.ok) throw new Error(made.error);
// A link of format v=2 (notes compressed against the library's text table) for the v=2 cases.
const madeV2 = encodeFragment({
  source: { kind: 'custom', scenario: notedScenario(30, 2, builtinScenarios) },
  step: 3,
});
if (!madeV2.ok) throw new Error(madeV2.error);
const CASES = hostileFragments(made.fragment, madeV2.fragment).map((c) => {
  // A case written without '#' ("padding") is still meant as a fragment.
  const fragment = c.fragment.startsWith('#') ? c.fragment : `#${c.fragment}`;
  const r = ingestFragmentSync(fragment);
  return { name: c.name, fragment, alert: !r.ok || r.warnings.length > 0 };
});

test.describe('hostile links', () => {
  test.setTimeout(600_000);

  test(`each of ${CASES.length} hostile links, opened on load, alerts and leaves a working app`, async ({
    page,
  }) => {
    const errors = collectPageErrors(page);
    const app = new AppPage(page);
    let alerts = 0;
    for (const c of CASES) {
      await page.goto('about:blank');
      // Chromium's own navigation to a megabyte-long address takes about 5 s on this machine
      // (measured in its browser process, before the page runs): only such links get longer.
      await app.load(`/${c.fragment}`, c.fragment.length > 100_000 ? { timeout: 30_000 } : {});
      const notice = page.getByTestId('notice-link');
      if (c.alert) {
        await expect(notice, c.name).toHaveAttribute('role', 'alert');
        await expect(notice, c.name).toBeVisible();
        alerts++;
      } else await expect(notice, c.name).toHaveCount(0);
      await app.transport.key('ArrowRight');
      await app.transport.expectStep(await app.transport.cursor());
      expect(await app.transport.cursor(), c.name).toBeGreaterThan(0);
      expect(errors, c.name).toEqual([]);
    }
    console.log(`hostile corpus on load: ${CASES.length} links, ${alerts} alerts, 0 page errors`);
  });

  test('the same links by hashchange: the scenario on screen stays', async ({ page }) => {
    const errors = collectPageErrors(page);
    const app = new AppPage(page);
    await app.load('/#v=1&s=fork-cow-device-private&t=2');
    for (const c of CASES.filter((x) => x.alert && !x.name.startsWith('step out of range'))) {
      await page.evaluate((h) => {
        location.hash = h;
      }, c.fragment);
      const notice = page.getByTestId('notice-link');
      await expect(notice, c.name).toHaveAttribute('role', 'alert');
      await expect(page.getByTestId('scenario-picker'), c.name).toHaveValue(
        'fork-cow-device-private',
      );
      await app.transport.expectStep(2);
      await page.getByRole('button', { name: 'Dismiss message' }).first().click();
      await expect(notice).toHaveCount(0);
    }
    await app.transport.key('ArrowRight');
    await app.transport.expectStep(3);
    expect(errors).toEqual([]);
  });
});
