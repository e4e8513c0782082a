import type { Locator, Page } from '@playwright/test';
import { expect } from '../fixtures';

/** The header's share, edit, present and export tools, and the notices they raise. */
export class ShareTools {
  constructor(readonly page: Page) {}

  get linkNotice(): Locator {
    return this.page.getByTestId('notice-link');
  }

  /** Open the Share panel and read the link, its info line and the frame digest. */
  async readShare(): Promise<{ link: string; info: string; digest: string }> {
    const panel = this.page.getByTestId('popover-share');
    if (!(await panel.isVisible())) await this.page.getByTestId('share-toggle').click();
    const input = this.page.getByTestId('share-link');
    await expect(input).toHaveValue(/#v=[12]&/);
    // The digest is computed on demand: ask for it once, then it follows the steps.
    const show = this.page.getByTestId('frame-digest-show');
    if (await show.isVisible()) await show.click();
    await expect(this.page.getByTestId('frame-digest')).toHaveText(/^[0-9a-f]{8}$/);
    const out = {
      link: await input.inputValue(),
      info: (await this.page.getByTestId('share-link-info').textContent()) ?? '',
      digest: (await this.page.getByTestId('frame-digest').textContent()) ?? '',
    };
    await this.page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    return out;
  }

  async openEditor(): Promise<Locator> {
    const editor = this.page.getByTestId('editor');
    // The toggle's state, not the drawer's visibility: the drawer is a lazy chunk that shows a
    // moment after the editor is opened (by a restored draft, say), and a click then would close it.
    const toggle = this.page.getByTestId('edit-toggle');
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    await expect(editor).toBeVisible();
    return editor;
  }

  /** The hash as the page sees it. */
  hash(): Promise<string> {
    return this.page.evaluate(() => location.hash);
  }
}

/** Errors the page threw (none expected). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}
