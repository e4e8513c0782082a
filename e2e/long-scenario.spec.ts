/**
 * A 100,000-step scenario works end to end in the app (issue 12): the file is read in a worker,
 * its first steps are on screen while the trace worker streams the rest (the timeline grows, with progress
 * and a Cancel), and once whole every step can be reached, the last one included. Not timed: the
 * bench (bench/longtask.bench.ts) measures how long each part takes.
 */
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { collectPageErrors, ShareTools } from './pages/ShareTools';
import { longScenario } from '../src/test/longScenario';

const STEPS = 100_000;
const TITLE = 'One hundred thousand steps';
const longFile = () => JSON.stringify(longScenario(STEPS, { pages: 4, title: TITLE }));

test('a 100,000-step scenario file is on screen at once, streams in, and reaches its last step', async ({
  page,
}) => {
  test.setTimeout(900_000);
  const errors = collectPageErrors(page);
  const app = new AppPage(page);
  await app.load();
  const editor = await new ShareTools(page).openEditor();
  await editor.getByTestId('import-file').setInputFiles({
    name: 'long.json',
    mimeType: 'application/json',
    buffer: Buffer.from(longFile()),
  });
  // On screen before it is computed: its title, step 0, and the progress with a Cancel.
  await expect(app.picker.locator('option:checked')).toHaveText(`Custom: ${TITLE}`, {
    timeout: 120_000,
  });
  const bar = page.getByRole('status').filter({ hasText: `Computing “${TITLE}”` });
  // (Which step: the reader's, or the one the editor selects: its first step's frame.)
  await expect(app.transport.stepCount).toContainText(/Step [01] of/);
  // On screen while the rest streams in: the timeline is not whole yet.
  const arrived = /of ([\d,]+)/.exec((await app.transport.stepCount.textContent()) ?? '')?.[1];
  expect(Number(arrived?.replaceAll(',', ''))).toBeLessThan(STEPS);
  // (The bar may already be gone on a fast machine; while it shows, it says what it does.)
  if (await bar.isVisible())
    await expect(bar.getByRole('button', { name: /Cancel/ })).toBeVisible();
  // The whole run arrives; the timeline is complete.
  await expect(app.transport.stepCount).toContainText(`of ${STEPS}`, { timeout: 840_000 });
  await expect(bar).toHaveCount(0);
  // Close the editor: the keys below are the timeline's.
  await page.getByTestId('edit-toggle').click();
  await page.locator('body').focus();
  await page.keyboard.press('End');
  await app.transport.expectStep(STEPS);
  expect(await app.transport.last()).toBe(STEPS);
  // Back into the middle: a step replayed from its checkpoint, not kept whole.
  await app.transport.range.fill('54321');
  await app.transport.expectStep(54321);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});
