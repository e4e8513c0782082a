/**
 * Authoring that explains itself: one step numbering in the editor, the transport and the errors;
 * the views follow the step being edited.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { ShareTools } from './pages/ShareTools';
import { expectJson } from './pages/jsonEditor';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test.describe('authoring', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the editor, the transport and an error name a step by the same number; the views follow the edited step', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load();
    const editor = await new ShareTools(page).openEditor();
    const picks = editor.getByTestId('step-list').locator('.step-pick');
    // The first step is step 1 everywhere.
    await expect(picks.first().locator('.step-index')).toHaveText('1');
    await picks.nth(4).click();
    await app.transport.expectStep(5);
    await expect(editor.getByRole('heading', { name: 'Step 5' })).toBeVisible();
    await expect(picks.nth(4)).toContainText('dmirror_migrate_to_dev');

    // Stepping on the transport selects that step in the editor.
    await app.transport.key('ArrowRight');
    await app.transport.expectStep(6);
    await expect(editor.getByRole('heading', { name: 'Step 6' })).toBeVisible();
    await expect(picks.nth(5)).toHaveAttribute('aria-current', 'step');

    // Inserting a step selects it and the views show the state after it.
    await editor.getByRole('button', { name: 'Insert a step after step 2' }).click();
    await expect(editor.getByRole('heading', { name: 'Step 3' })).toBeVisible();
    await expect(app.transport.stepCount).toContainText('Step 3 of 7');

    // An error names the step as the transport does, with its index in the file.
    const form = editor.getByTestId('step-form');
    await form.getByRole('textbox', { name: 'pid' }).fill('9');
    await expect(editor.getByTestId('editor-status')).toContainText('step 3 (read, steps[2])');
    await form.getByRole('textbox', { name: 'pid' }).fill('1');
    await expect(editor.getByTestId('editor-status')).toContainText('Valid scenario');
  });
});

test.describe('stale notes', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('a fork inserted before the read: its note “the load returns 10” is flagged, then accepted', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load();
    const editor = await new ShareTools(page).openEditor();
    const items = editor.getByTestId('step-list').locator('li');
    await editor.getByRole('button', { name: 'Insert a step after step 5' }).click();
    const form = editor.getByTestId('step-form');
    await form.getByTestId('step-op').selectOption('fork');
    await form.getByRole('textbox', { name: 'child pid' }).fill('2');
    await expect(editor.getByTestId('editor-status')).toContainText('Valid scenario: 7 steps');
    // The read is now step 7: v4.14 livelocks on the forked device-private page.
    await expect(items.nth(6)).toHaveClass(/stale/);
    await items.nth(6).locator('.step-pick').click();
    await app.transport.expectStep(7);
    const warning = editor.getByTestId('note-stale');
    await expect(warning).toContainText('values [10]');
    await expect(warning).toContainText('livelock');
    await expect(editor.getByTestId('step-note')).toHaveAttribute('aria-describedby', /stale/);
    await new AxeBuilder({ page })
      .withTags(TAGS)
      .analyze()
      .then((r) => {
        expect(r.violations.map((v) => v.id)).toEqual([]);
      });
    await warning.getByRole('button', { name: 'The note fits the new result' }).click();
    await expect(warning).toHaveCount(0);
    await expect(items.nth(6)).not.toHaveClass(/stale/);
    // The scenario's file remembers what the note was written for.
    await editor.getByRole('tab', { name: 'JSON' }).click();
    await expectJson(page, /"noteFor":"livelock/);
  });
});
