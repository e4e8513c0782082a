/**
 * Authoring that explains itself: one step numbering in the editor, the transport and the errors;
 * the views follow the step being edited.
 */
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { ShareTools } from './pages/ShareTools';

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
