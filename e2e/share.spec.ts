import { encodeFragment } from '../src/url/encode';
import { getBuiltin } from '../src/scenarios/library/all';
import { expect, newWatchedContext, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { collectPageErrors, ShareTools } from './pages/ShareTools';

const ID = 'fork-cow-device-private';

/** What a viewer sees: step label, inspector, digest. */
async function seen(page: AppPage['page']) {
  const app = new AppPage(page);
  const tools = new ShareTools(page);
  return {
    step: (await app.transport.stepCount.textContent()) ?? '',
    inspector: (await app.inspector.locator('.panel-body').textContent()) ?? '',
    narration: (await page.getByTestId('narration').textContent()) ?? '',
    digest: (await tools.readShare()).digest,
  };
}

test.describe('share links', () => {
  test('a copied link opens at the same step and selection in a fresh browser context', async ({
    page,
    context,
    browser,
  }) => {
    const errors = collectPageErrors(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const app = new AppPage(page);
    const tools = new ShareTools(page);
    await app.load();
    await app.pickScenario(ID);
    const last = await app.transport.last();
    await app.transport.seek(last - 1);
    await app.mappedPtes().first().click();
    await expect(app.inspector.getByTestId('pte-details')).toBeVisible();

    await page.getByTestId('copy-link').click();
    await expect(page.getByTestId('notice-copy')).toContainText('Link copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const { link, info } = await tools.readShare();
    expect(copied).toBe(link);
    // An unmodified built-in: the short form, step and selection in the fragment.
    expect(link).toMatch(new RegExp(`#v=1&s=${ID}&t=${last - 1}&sel=pte\\.\\d+\\.[0-9a-f]+$`));
    expect(info).toContain('built-in');
    console.log(`built-in link: ${link.length} characters`);
    const before = await seen(page);

    const fresh = await newWatchedContext(browser);
    const other = await fresh.newPage();
    const otherErrors = collectPageErrors(other);
    // load() waits until the transport is visible: the link has been opened.
    await new AppPage(other).load(link);
    expect(await seen(other)).toEqual(before);
    await fresh.close();
    expect([...errors, ...otherErrors]).toEqual([]);
  });

  test('an edited scenario travels whole, compressed, and opens the same elsewhere', async ({
    page,
    browser,
  }) => {
    const app = new AppPage(page);
    const tools = new ShareTools(page);
    await app.load();
    const editor = await tools.openEditor();
    await editor.getByTestId('doc-title').fill('Fault back, my version');
    await expect(page.getByTestId('scenario-picker')).toHaveValue('');
    await app.transport.seek(4);
    await expect.poll(() => tools.hash()).toMatch(/^#v=[12]&c=[\w-]+&t=4$/);
    const { link, info } = await tools.readShare();
    expect(info).toContain('compressed');
    expect(link.length).toBeLessThanOrEqual(2000);
    console.log(`custom link (edited default scenario): ${link.length} characters`);
    const before = await seen(page);

    const fresh = await newWatchedContext(browser);
    const other = await fresh.newPage();
    await new AppPage(other).load(link);
    expect(await seen(other)).toEqual(before);
    await expect(other.getByTestId('scenario-picker')).toHaveValue('');
    await fresh.close();
  });

  test('steps replace the history entry, a new scenario pushes one, Back returns to it', async ({
    page,
  }) => {
    const app = new AppPage(page);
    const tools = new ShareTools(page);
    await app.load();
    const start = await page.evaluate(() => history.length);
    await app.transport.key('ArrowRight');
    await app.transport.key('ArrowRight');
    await expect.poll(() => tools.hash()).toContain('&t=2');
    expect(await page.evaluate(() => history.length)).toBe(start);
    await app.pickScenario(ID);
    await expect.poll(() => tools.hash()).toBe(`#v=1&s=${ID}&t=0`);
    expect(await page.evaluate(() => history.length)).toBe(start + 1);
    await page.goBack();
    await app.transport.expectStep(2);
    await expect(page.getByTestId('scenario-picker')).toHaveValue('migrate-and-fault-back');
    await expect(tools.linkNotice).toHaveCount(0);
  });

  test('a bad link typed into the address bar is refused; the scenario stays and still works', async ({
    page,
  }) => {
    const errors = collectPageErrors(page);
    const app = new AppPage(page);
    const tools = new ShareTools(page);
    await app.load();
    await app.pickScenario(ID);
    await app.transport.seek(3);
    await page.evaluate(() => {
      location.hash = '#v=1&c=not-a-scenario';
    });
    await expect(tools.linkNotice).toHaveAttribute('role', 'alert');
    await expect(tools.linkNotice).toContainText('could not be opened');
    await expect(page.getByTestId('scenario-picker')).toHaveValue(ID);
    await app.transport.expectStep(3);
    await expect.poll(() => tools.hash()).toBe(`#v=1&s=${ID}&t=3`);
    await app.transport.key('ArrowRight');
    await app.transport.expectStep(4);
    expect(errors).toEqual([]);
  });

  test('a step past the end opens the last step with a warning', async ({ page }) => {
    const app = new AppPage(page);
    await app.load(`/#v=1&s=${ID}&t=9999`);
    const steps = getBuiltin(ID)?.steps.length ?? 0;
    await app.transport.expectStep(steps);
    await expect(page.getByTestId('notice-link')).toContainText('past the end');
  });

  test('edited built-ins still make links of at most 2,000 characters', () => {
    const lengths: number[] = [];
    for (const id of ['migrate-and-fault-back', ID, 'hotplug-two-devices']) {
      const s = getBuiltin(id);
      if (!s) throw new Error(id);
      const custom = encodeFragment({
        source: { kind: 'custom', scenario: { ...s, title: `${s.title}!` } },
        step: 3,
      });
      expect(custom.ok && custom.fragment.length).toBeLessThanOrEqual(2000);
      if (custom.ok) lengths.push(custom.fragment.length);
    }
    console.log(`custom fragments of three edited built-ins: ${lengths.join(', ')} characters`);
  });
});
