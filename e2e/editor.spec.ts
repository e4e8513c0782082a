import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { draftText } from './pages/drafts';
import { collectPageErrors, ShareTools } from './pages/ShareTools';
import { caretAfter, expectJson, readJson, setJson } from './pages/jsonEditor';
import { MAX_SCENARIO_BYTES } from '../src/scenarios/limits';

const SCREENS = 'test-results/screens';

async function openEditor(page: Page) {
  const app = new AppPage(page);
  await app.load();
  const editor = await new ShareTools(page).openEditor();
  return { app, editor, list: editor.getByTestId('step-list').locator('li') };
}

test.describe('scenario editor', () => {
  test('the step list inserts, removes and reorders steps (buttons and keys); the trace follows', async ({
    page,
  }) => {
    const errors = collectPageErrors(page);
    const { app, editor, list } = await openEditor(page);
    await expect(list).toHaveCount(6);
    await app.transport.expectStep(0);
    await expect(app.transport.stepCount).toContainText('of 6');

    await editor.getByTestId('add-step').click();
    await expect(list).toHaveCount(7);
    await expect(app.transport.stepCount).toContainText('of 7');
    await editor.getByRole('button', { name: 'Remove step 7' }).click();
    await expect(list).toHaveCount(6);
    await expect(app.transport.stepCount).toContainText('of 6');

    // Keyboard: Alt+↑ moves spawn above device_add; focus follows the moved step.
    const pick = (i: number) => list.nth(i).locator('.step-pick');
    await pick(1).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect(pick(0)).toContainText('spawn');
    await expect(pick(1)).toContainText('device_add');
    await expect(pick(0)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(pick(1)).toBeFocused();
    await page.keyboard.press('Insert');
    await expect(list).toHaveCount(7);
    await page.keyboard.press('Delete');
    await expect(list).toHaveCount(6);
    await editor.getByRole('button', { name: 'Move step 1 down' }).click();
    await expect(pick(0)).toContainText('device_add');
    await expect(editor.getByTestId('editor-status')).toContainText('Valid scenario');

    // Selecting a step shows the state after it; a form edit changes the trace.
    await pick(3).click();
    await app.transport.expectStep(4);
    const form = editor.getByTestId('step-form');
    await expect(form.getByTestId('step-op')).toHaveValue('write');
    await form.getByRole('textbox', { name: 'values' }).fill('21, 22, 23, 24');
    await expect(page.getByTestId('narration')).toContainText('Four CPU stores');
    await expect(app.transport.stepCount).toContainText('Step 4 of 6');
    await expect(page).toHaveURL(/#v=[12]&c=/);

    // A semantic error names the step; the views keep the last valid scenario.
    await form.getByRole('textbox', { name: 'pid' }).fill('9');
    await expect(editor.getByTestId('editor-status')).toContainText('step 4 (write, steps[3])');
    await expect(list.nth(3)).toHaveClass(/bad/);
    await form.getByRole('textbox', { name: 'pid' }).fill('1');
    await expect(editor.getByTestId('editor-status')).toContainText('Valid scenario');

    // Changing the op keeps the shared fields and adds the new op's defaults.
    await form.getByTestId('step-op').selectOption('mprotect');
    await expect(form.getByRole('combobox', { name: 'protection' })).toHaveValue('rw');
    await expect(pick(3)).toContainText('mprotect');
    expect(errors).toEqual([]);
  });

  test('the JSON tab shows the schema’s one-line error, naming step and field, as you type', async ({
    page,
  }) => {
    const { app, editor } = await openEditor(page);
    await editor.getByRole('tab', { name: 'JSON' }).click();
    const text = await readJson(page);
    expect(text).toContain('"op":"mmap"');
    await setJson(
      page,
      text.replace(
        '"op":"mmap","pid":1,"addr":"0x10000000"',
        '"op":"mmap","pid":1,"addr":"0x10000001"',
      ),
    );
    await expect(editor.getByTestId('editor-status')).toHaveText(
      'step 3 (mmap, steps[2]): field "addr": must be page aligned (4096), got "0x10000001"',
    );
    await expect(app.transport.stepCount).toContainText('of 6');
    await setJson(page, text.slice(0, 40));
    await expect(editor.getByTestId('editor-status')).toContainText('invalid JSON');
    await editor.getByRole('tab', { name: 'Steps' }).click();
    await expect(editor.getByRole('note')).toContainText('cannot be read');
    await editor.getByRole('tab', { name: 'JSON' }).click();
    await setJson(
      page,
      text.replace('"npages":4', '"npages":5').replace('"values":[10,11,12,13]', '"value":3'),
    );
    await expect(editor.getByTestId('editor-status')).toContainText('Valid scenario');
  });

  test('keys typed in the JSON tab are the text’s: Space and the arrows never play or step', async ({
    page,
  }) => {
    const { app, editor } = await openEditor(page);
    await app.transport.seek(2);
    await editor.getByRole('tab', { name: 'JSON' }).click();
    // The caret just inside the title's opening quote (the editor sits in a shadow root: the
    // window's transport keys saw its host, a plain div, and took Space for Play).
    await caretAfter(page, /"title": ?"/);
    await page.keyboard.type('a b c ');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Home');
    await page.keyboard.press('End');
    await expectJson(page, /"title": ?"a b c /);
    await app.transport.expectStep(2);
    await expect(page.getByTestId('transport').locator('button.play')).toHaveAttribute(
      'aria-label',
      'Play',
    );
  });

  test('autosave: a reload or a bad link never loses work', async ({ page }) => {
    const { editor } = await openEditor(page);
    const tools = new ShareTools(page);
    await editor.getByTestId('doc-title').fill('Work in progress');
    await expect(editor.getByTestId('editor-saved')).toContainText('Draft saved');
    await editor.getByRole('tab', { name: 'JSON' }).click();
    const half = `${await readJson(page)}, "oops`;
    await setJson(page, half);
    await expect.poll(() => draftText(page)).toBe(half);

    await page.evaluate(() => {
      location.hash = '#v=1&c=garbage';
    });
    await expect(tools.linkNotice).toHaveAttribute('role', 'alert');
    await expectJson(page, half);

    await page.reload();
    await expect(page.getByTestId('notice-draft')).toContainText('Restored your draft');
    await expect(page.getByTestId('editor')).toBeVisible();
    await page.getByTestId('editor').getByRole('tab', { name: 'JSON' }).click();
    await expectJson(page, half);

    // A bad link on load: said so, and the draft is what opens.
    await page.goto('about:blank');
    await page.goto('/#v=1&c=AAAA');
    await expect(tools.linkNotice).toContainText('could not be opened');
    await expect(page.getByTestId('notice-draft')).toContainText('Work in progress');
    await expect(page.getByTestId('scenario-picker')).toHaveValue('');
  });

  test('typing in a long scenario’s form keeps every key (its text is checked in a worker)', async ({
    page,
  }) => {
    // Over the editor's BIG_TEXT: the schema's verdict comes from a worker, later than the keys.
    const page0 = { pid: 1, addr: '0x10000000', npages: 1 };
    const steps: object[] = [
      { op: 'spawn', pid: 1 },
      { ...page0, op: 'mmap', prot: 'rw', flags: ['private', 'anonymous'] },
    ];
    while (steps.length < 4001) steps.push({ ...page0, op: 'read' });
    const { app, editor } = await openEditor(page);
    await editor.getByTestId('import-file').setInputFiles({
      name: 'long.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ schema: 'hmm-scenario/1', era: 'v4.14', steps })),
    });
    // Its trace is computed in the trace worker: on a loaded machine that takes seconds.
    await expect(app.transport.stepCount).toContainText(/of 4,?001/, { timeout: 30_000 });
    const note = editor.getByTestId('step-note');
    await note.click();
    const typed = 'every key typed here stays';
    await page.keyboard.type(typed, { delay: 5 });
    await expect(note).toHaveValue(typed);
    await expect(editor.getByTestId('editor-status')).toContainText('Valid scenario: 4001 steps', {
      timeout: 30_000,
    });
    await expect.poll(() => draftText(page)).toContain(`"note":"${typed}"`);
  });

  test('import (through ingestFile) and export .json', async ({ page }) => {
    const { app, editor } = await openEditor(page);
    const download = page.waitForEvent('download');
    await editor.getByTestId('export-json').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('migrate-to-device-memory-fault-back-on-cpu-access.json');
    const exported = JSON.parse(readFileSync(await file.path(), 'utf8')) as {
      title: string;
      steps: unknown[];
    };
    expect(exported.steps).toHaveLength(6);

    const input = editor.getByTestId('import-file');
    const mine = { ...exported, title: 'Imported one', steps: exported.steps.slice(0, 4) };
    await input.setInputFiles({
      name: 'mine.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(mine)),
    });
    await expect(page.getByTestId('notice-file')).toContainText(
      'Imported “Imported one” (4 steps)',
    );
    await expect(app.transport.stepCount).toContainText('of 4');
    await expect(editor.getByTestId('doc-title')).toHaveValue('Imported one');

    const bad = { ...mine, steps: [{ op: 'mmap', pid: 1 }] };
    await input.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    const notice = page.getByTestId('notice-file');
    await expect(notice).toHaveAttribute('role', 'alert');
    await expect(notice).toContainText('step 1 (mmap, steps[0]): field "addr": missing');
    await input.setInputFiles({
      name: 'huge.json',
      mimeType: 'application/json',
      // One byte over the file cap (16 MiB since the cap follows 100,000 steps).
      buffer: Buffer.alloc(MAX_SCENARIO_BYTES + 1, 32),
    });
    await expect(notice).toContainText('too large');
    await input.setInputFiles({
      name: 'bin.json',
      mimeType: 'application/json',
      buffer: Buffer.from([0xff, 0xfe, 0x00]),
    });
    await expect(notice).toContainText('not UTF-8');
    await expect(app.transport.stepCount).toContainText('of 4');
  });

  test('screenshot: the editor beside the views (1024×768)', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    const { app, editor } = await openEditor(page);
    await editor.getByTestId('step-list').locator('.step-pick').nth(4).click();
    await app.transport.expectStep(5);
    mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: `${SCREENS}/editor.png` });
    await editor.getByRole('tab', { name: 'JSON' }).click();
    await setJson(page, (await readJson(page)).replace('"npages":4', '"npages":0'));
    await expect(editor.getByTestId('editor-status')).toContainText('must be at least 1');
    await page.screenshot({ path: `${SCREENS}/editor-json-error.png` });
  });
});
