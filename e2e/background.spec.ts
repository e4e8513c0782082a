/**
 * A heavy scenario is computed in the trace worker (src/ui/trace): the page stays usable while it
 * runs, shows its progress with a Cancel, keeps the link in the address bar; its first frames go
 * on screen as they arrive (issue 12), and Cancel (or Escape) keeps them, saying the timeline is
 * cut (issue 11: a link within the budget froze the tab).
 */
import type { Scenario } from '../src/scenarios';
import { encodeFragment } from '../src/url/encode';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

function writeScenario(title: string, npages: number): string {
  const scenario: Scenario = {
    schema: 'hmm-scenario/1',
    title,
    era: 'v4.14',
    machine: { ramPages: 131_072, physBits: 46 },
    steps: [
      { op: 'spawn', pid: 1 },
      {
        op: 'mmap',
        pid: 1,
        addr: 0x10000000,
        npages,
        prot: 'rw',
        flags: ['private', 'anonymous'],
      },
      { op: 'write', pid: 1, addr: 0x10000000, npages, values: Array<number>(npages).fill(7) },
    ],
  };
  const r = encodeFragment({ source: { kind: 'custom', scenario }, step: 3 });
  if (!r.ok) throw new Error(r.error);
  return r.fragment;
}

// About 65,536 units of work: seconds of model time, far more than a frame.
const LARGE = writeScenario('A large write', 65_536);
const MEDIUM = writeScenario('A medium write', 1_024);

test('a heavy link goes on screen with its first frames; Cancel keeps them and offers the rest', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.load('/');
  await page.evaluate((h) => {
    location.hash = h;
  }, LARGE);
  const bar = page.getByRole('status').filter({ hasText: 'Computing “A large write”' });
  await expect(bar).toBeVisible();
  await expect(bar.getByRole('progressbar')).toBeVisible();
  // Its first steps (spawn, mmap) are on screen while the 65,536-page write is computed.
  await expect(app.picker.locator('option:checked')).toHaveText('Custom: A large write');
  await expect(bar).toContainText('its timeline grows as they arrive');
  // Frames arrive in batches: the first may hold only the spawn. Wait for the mmap (step 2), so
  // what Cancel keeps is known; the 65,536-page write after it takes far longer. (The slider
  // spans the whole document while it streams: the step count says what arrived.)
  await expect(app.transport.stepCount).toContainText(/ of 2$/);
  // The main thread is free: the frames that arrived step while the worker computes.
  await app.transport.button('Step forward').click();
  await app.transport.expectStep(1);
  // The address bar keeps the link being opened (a reload would open it again).
  expect(await page.evaluate(() => location.hash)).toBe(LARGE);
  await bar.getByRole('button', { name: /Cancel/ }).click();
  await expect(bar).toBeHidden();
  // What arrived stays, and says its timeline is cut before the write.
  const stopped = page.getByTestId('stopped-bar');
  await expect(stopped).toContainText('Stopped: the timeline ends at step 2 of 3.');
  await app.transport.expectStep(1);
  expect(await app.transport.last()).toBe(2);
  // The address bar names the document on screen (a reload computes it whole).
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#v=[12]&c=.*&t=1/);
  await stopped.getByRole('button', { name: 'Compute the rest' }).click();
  await expect(stopped).toBeHidden();
  await expect(bar).toBeVisible();
});

test('Escape cancels a heavy link opened at start, keeping the steps that arrived', async ({
  page,
}) => {
  await page.goto(`/${LARGE}`);
  const bar = page.getByRole('status').filter({ hasText: 'Computing' });
  await expect(bar).toBeVisible();
  expect(await page.evaluate(() => location.hash)).toBe(LARGE);
  const app = new AppPage(page);
  await expect(app.picker.locator('option:checked')).toHaveText('Custom: A large write');
  // The first batch of frames may hold only the spawn (CI kept 1 step): wait for the mmap.
  await expect(app.transport.stepCount).toContainText(/ of 2$/);
  await page.keyboard.press('Escape');
  await expect(bar).toBeHidden();
  await expect(page.getByTestId('stopped-bar')).toBeVisible();
  await expect(app.transport.stepCount).toBeVisible();
  expect(await app.transport.last()).toBe(2);
});

test('a heavy link that finishes lands on its step, with its title', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(`/${MEDIUM}`);
  await expect(app.transport.stepCount).toContainText('Step 3 of 3');
  await expect(page.getByRole('status').filter({ hasText: 'Computing' })).toHaveCount(0);
  await expect(app.picker.locator('option:checked')).toHaveText('Custom: A medium write');
  expect(await page.evaluate(() => location.hash)).toBe(MEDIUM);
});
