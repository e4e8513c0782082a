/**
 * Error boundaries (issue 11 §1): a view that throws shows a message in its own panel with ways
 * back, the other views keep working, the draft is saved first, and the address bar is repaired so
 * that a reload opens. The throw is real: a selection whose device name cannot be turned into a
 * property key (its toString throws) makes the inspector's lookup throw, through the store that
 * `?bench` exposes.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { draftText } from './pages/drafts';
import { ShareTools } from './pages/ShareTools';
import { readJson, setJson } from './pages/jsonEditor';

const poison = (page: Page) =>
  page.evaluate(() => {
    const store = (window as unknown as { __hmmStore: { setState(s: unknown): void } }).__hmmStore;
    const device = {
      toString(): string {
        throw new Error('a device name that cannot be read');
      },
    };
    store.setState({ selection: { kind: 'device', device } });
  });

test('a throwing view stays in its panel; draft saved, address repaired, ways back work', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new AppPage(page);
  // ?bench exposes the store and opens no link: reach step 3 with a selection by hand.
  await app.load('/?bench=store');
  await app.transport.seek(3);
  await page.evaluate(() => {
    const store = (window as unknown as { __hmmStore: { setState(s: unknown): void } }).__hmmStore;
    store.setState({ selection: { kind: 'page', pfn: 0x100 } });
  });
  await expect
    .poll(() => new URL(page.url()).hash)
    .toBe('#v=1&s=migrate-and-fault-back&t=3&sel=pfn.100');
  const editor = await new ShareTools(page).openEditor();
  await editor.getByRole('tab', { name: 'JSON' }).click();
  const half = `${await readJson(page)}, "half-typed`;
  await setJson(page, half);
  await poison(page);

  const failed = app.inspector.getByTestId('view-failed');
  await expect(failed).toBeVisible();
  await expect(failed).toContainText('a device name that cannot be read');
  await expect(failed).toContainText('Your draft is saved.');
  // Saved (the fallback says so once the drafts store has it), as typed.
  expect(await draftText(page)).toBe(half);
  // The address bar no longer carries the selection.
  expect(new URL(page.url()).hash).toBe('#v=1&s=migrate-and-fault-back&t=3');
  // The rest of the app keeps working.
  await expect(app.pageTables).toBeVisible();
  await app.transport.button('Step forward').click();
  await app.transport.expectStep(4);
  await expect(app.counters).toBeVisible();

  // A way back.
  await failed.getByRole('button', { name: 'Clear the selection' }).click();
  await expect(app.inspector.getByTestId('view-failed')).toHaveCount(0);
  await expect(app.inspector).toContainText('Select a PTE, a page frame or a device');

  // Again, then reload: the page opens (and the draft is offered back).
  await poison(page);
  await expect(app.inspector.getByTestId('view-failed')).toBeVisible();
  await page.reload();
  await expect(app.transport.stepCount).toBeVisible();
  await expect(page.getByTestId('view-failed')).toHaveCount(0);
  // Errors caught by a boundary are not page errors.
  expect(errors).toEqual([]);
});
