/**
 * Drafts (issue 11 §3): nothing the user typed is lost — not by a reload of an invalid draft, not
 * by a second tab, not by opening a link or importing a file, not at the size limit; the drafts
 * list restores any kept version and passes axe.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { draftText } from './pages/drafts';
import { collectPageErrors, ShareTools } from './pages/ShareTools';
import { expectJson, readJson, setJson } from './pages/jsonEditor';

const MAX_SCENARIO_BYTES = 2 * 1024 * 1024;

async function editTitle(page: Page, title: string): Promise<Locator> {
  const editor = await new ShareTools(page).openEditor();
  await editor.getByRole('tab', { name: 'Steps' }).click();
  await editor.getByTestId('doc-title').fill(title);
  await expect(editor.getByTestId('editor-saved')).toContainText('Draft saved');
  await expect.poll(() => draftText(page)).toContain(`"title": "${title}"`);
  return editor;
}

/** Open the editor's JSON tab; read and write it with readJson/setJson. */
async function jsonTab(page: Page): Promise<void> {
  const editor = await new ShareTools(page).openEditor();
  await editor.getByRole('tab', { name: 'JSON' }).click();
}

test('an invalid draft keeps its last valid text across reloads', async ({ page }) => {
  const errors = collectPageErrors(page);
  const app = new AppPage(page);
  await app.load('/');
  await editTitle(page, 'Still mine');
  await jsonTab(page);
  const half = `${await readJson(page)}, "oops`;
  await setJson(page, half);
  await expect.poll(() => draftText(page)).toBe(half);
  // Opened without a link, three times: each restores the invalid text and, from its last valid
  // text, the scenario (the single-slot draft lost it at the second reload).
  for (let i = 0; i < 3; i++) {
    await page.goto('/');
    await expect(page.getByTestId('notice-draft')).toContainText(
      'Restored your draft “Still mine”',
    );
    // The restore reopens the editor itself (the draft was saved open): wait for that state
    // rather than open it (a click on the toggle while its lazy drawer mounts closed it again).
    await expect(page.getByTestId('edit-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('editor')).toBeVisible();
    await expect(page.getByTestId('step-count')).toBeVisible();
    await jsonTab(page);
    await expectJson(page, half);
  }
  const list = page.getByTestId('drafts');
  await list.locator('summary').click();
  await expect(list.getByTestId('draft-version').first()).toContainText(
    'not valid (opens its last valid text)',
  );
  expect(errors).toEqual([]);
});

test('a draft saved by an earlier version (one localStorage slot) is restored and moved', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.load('/');
  await jsonTab(page);
  const text = (await readJson(page)).replace(/"title": "[^"]*"/, '"title": "From before"');
  const half = `${text}, "oops`;
  await page.evaluate(
    ([t, v]) => {
      localStorage.clear();
      localStorage.setItem(
        'hmm-explorer:draft',
        JSON.stringify({ text: t, valid: v, savedAt: Date.now(), open: true }),
      );
    },
    [half, text],
  );
  await page.goto('about:blank');
  await app.load('/');
  await expect(page.getByTestId('notice-draft')).toContainText('Restored your draft “From before”');
  await expect(page.getByTestId('edit-toggle')).toHaveAttribute('aria-pressed', 'true');
  await jsonTab(page);
  await expectJson(page, half);
  // Now in the drafts store; the old key is gone, and a reload still restores it.
  await expect.poll(() => draftText(page)).toBe(half);
  expect(await page.evaluate(() => localStorage.getItem('hmm-explorer:draft'))).toBeNull();
  await page.goto('/');
  await expect(page.getByTestId('notice-draft')).toContainText('Restored your draft “From before”');
});

test('two tabs keep a draft each; a newer save in the other tab is offered', async ({
  page,
  context,
}) => {
  await new AppPage(page).load('/');
  await editTitle(page, 'Tab A');
  const b = await context.newPage();
  await new AppPage(b).load('/');
  // A new tab opens the newest draft (tab A's) …
  await expect(b.getByTestId('notice-draft')).toContainText('Restored your draft “Tab A”');
  // … and its edits go to a slot of its own.
  await editTitle(b, 'Tab B');
  await editTitle(page, 'Tab A again');
  const offer = b.getByTestId('notice-draft');
  await expect(offer).toContainText('A newer version of “Tab A again” was saved in another tab');
  await expect(offer.getByRole('button', { name: 'Open it' })).toBeVisible();
  // Neither overwrote the other.
  expect(await draftText(page)).toContain('"title": "Tab A again"');
  expect(await draftText(b)).toContain('"title": "Tab B"');
  const list = b.getByTestId('drafts');
  await list.locator('summary').click();
  await expect(list.getByRole('heading', { name: 'This tab' })).toBeVisible();
  await expect(list.getByRole('heading', { name: 'Another tab' })).toBeVisible();
  await offer.getByRole('button', { name: 'Open it' }).click();
  await expect(b.getByTestId('doc-title')).toHaveValue('Tab A again');
  await b.close();
});

test('opening a link over a draft says so and restores it; so does one opened while editing', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.load('/');
  await editTitle(page, 'Keep me');
  // A new load of a link (not a hash change: that is the second half).
  await page.goto('about:blank');
  await app.load('/#v=1&s=fork-cow-device-private&t=1');
  const notice = page.getByTestId('notice-draft');
  await expect(notice).toContainText('You have a draft “Keep me”');
  await notice.getByRole('button', { name: 'Restore' }).click();
  const editor = page.getByTestId('editor');
  await expect(editor.getByTestId('doc-title')).toHaveValue('Keep me');

  // A link opened while the draft is in the editor: kept as a version, with a Restore.
  await editor.getByTestId('doc-title').fill('Keep me too');
  await expect.poll(() => draftText(page)).toContain('"title": "Keep me too"');
  await page.evaluate(() => {
    location.hash = '#v=1&s=fork-cow-device-private&t=2';
  });
  await expect(notice).toContainText('Your draft “Keep me too” was kept');
  await editor.getByRole('button', { name: 'Edit the scenario on screen instead' }).click();
  await expect(editor.getByTestId('doc-title')).not.toHaveValue('Keep me too');
  await page.getByTestId('drafts').locator('summary').click();
  await page
    .getByRole('button', { name: /^Restore “Keep me too” saved/ })
    .first()
    .click();
  await expect(editor.getByTestId('doc-title')).toHaveValue('Keep me too');
});

test('importing a file keeps the draft, with an undo', async ({ page }) => {
  await new AppPage(page).load('/');
  const editor = await editTitle(page, 'Before import');
  await jsonTab(page);
  const json = JSON.parse(await readJson(page)) as { steps: unknown[] };
  await editor.getByTestId('import-file').setInputFiles({
    name: 'mine.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...json, title: 'Imported one' })),
  });
  await expect(page.getByTestId('notice-file')).toContainText('Imported “Imported one”');
  const notice = page.getByTestId('notice-draft');
  await expect(notice).toContainText('Your draft “Before import” was kept before the import.');
  await editor.getByRole('tab', { name: 'Steps' }).click();
  await expect(editor.getByTestId('doc-title')).toHaveValue('Imported one');
  await notice.getByRole('button', { name: 'Restore' }).click();
  await expect(editor.getByTestId('doc-title')).toHaveValue('Before import');
});

test('a draft at the size limit is saved and opens again; one byte more is refused, said so', async ({
  page,
}) => {
  await new AppPage(page).load('/');
  await editTitle(page, 'Big one');
  await jsonTab(page);
  const text = await readJson(page);
  const pad = (n: number) => text + ' '.repeat(n - Buffer.byteLength(text));
  await setJson(page, pad(MAX_SCENARIO_BYTES));
  const saved = page.getByTestId('editor-saved');
  await expect(saved).toContainText('Draft saved', { timeout: 20_000 });
  const bytes = async () => Buffer.byteLength((await draftText(page)) ?? '');
  await expect.poll(bytes).toBe(MAX_SCENARIO_BYTES);
  await page.goto('/');
  await expect(page.getByTestId('notice-draft')).toContainText('Restored your draft “Big one”');
  await expect(page.getByTestId('editor')).toBeVisible();

  await jsonTab(page);
  await setJson(page, pad(MAX_SCENARIO_BYTES + 1));
  await expect(saved).toContainText('Not saved: this draft is 2.00 MB', { timeout: 20_000 });
  await expect(saved).not.toContainText('Draft saved');
  // What was saved is still what opens.
  expect(await bytes()).toBe(MAX_SCENARIO_BYTES);
});

test('the drafts list passes axe', async ({ page }) => {
  await new AppPage(page).load('/');
  await editTitle(page, 'Listed');
  const list = page.getByTestId('drafts');
  await list.locator('summary').click();
  await expect(list.getByTestId('draft-version').first()).toContainText('“Listed”');
  const r = await new AxeBuilder({ page })
    .include('[data-testid="drafts"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(r.violations.map((v) => `${v.id} ${v.nodes[0]?.target.join(' ') ?? ''}`)).toEqual([]);
});
