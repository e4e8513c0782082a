import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

test.describe('transport', () => {
  test('loads the default scenario paused at step 0', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    await app.transport.expectStep(0);
    await expect(app.transport.button('Play')).toBeVisible();
    expect(await app.transport.last()).toBeGreaterThan(2);
    await expect(app.transport.announcer).toHaveText(/^Step 0 of \d+: /);
  });

  test('steps with the keyboard and announces each step', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    const t = app.transport;
    await t.key('ArrowRight');
    await t.expectStep(1);
    await expect(t.announcer).toHaveText(/^Step 1 of \d+: \S/);
    await t.key('ArrowRight');
    await t.key('ArrowLeft');
    await t.expectStep(1);
    await t.key('End');
    const last = await t.last();
    await t.expectStep(last);
    await t.key('ArrowRight');
    await t.expectStep(last);
    await t.key('Home');
    await t.expectStep(0);
    await t.key('ArrowLeft');
    await t.expectStep(0);
  });

  test('plays with Space and pauses at the end', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    const t = app.transport;
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('8');
    await t.key(' ');
    await expect(t.button('Pause')).toBeVisible();
    const last = await t.last();
    await t.expectStep(last);
    await expect(t.button('Play')).toBeVisible();
  });

  test('never steps while the user is typing in a field', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    const input = app.physical.getByRole('textbox', { name: 'pfn' });
    await input.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('End');
    await page.keyboard.type(' 12');
    await app.transport.expectStep(0);
    await expect(input).toHaveValue(' 12');
  });

  test('buttons step, and the timeline scrubs', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    const t = app.transport;
    await t.button('Step forward').click();
    await t.expectStep(1);
    await t.button('Last step').click();
    const last = await t.last();
    await t.expectStep(last);
    await t.button('First step').click();
    await t.expectStep(0);
    await t.seek(2);
    // Click the strip near its right end: the last step.
    const box = await t.strip.boundingBox();
    if (!box) throw new Error('no timeline strip');
    await page.mouse.click(box.x + box.width - 9, box.y + box.height / 2);
    await t.expectStep(last);
    // Drag back to the start.
    await page.mouse.move(box.x + box.width - 9, box.y + 4);
    await page.mouse.down();
    await page.mouse.move(box.x + 2, box.y + 4, { steps: 5 });
    await page.mouse.up();
    await t.expectStep(0);
  });

  test('marks faults and migrations on the timeline', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    await expect(app.transport.strip.locator('.mk-fault').first()).toBeAttached();
    await expect(app.transport.strip.locator('.mk-migration').first()).toBeAttached();
  });
});
