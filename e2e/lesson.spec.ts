/**
 * A lesson shared as a link: its own title and summary, its chapters, each step's focus (the
 * panel or map object it brings forward), in the normal layout and in presenter mode.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { ShareTools } from './pages/ShareTools';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axe(page: Page, where: string): Promise<void> {
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(
    r.violations.map((v) => `${where}: ${v.id} ${v.nodes[0]?.target.join(' ') ?? ''}`),
  ).toEqual([]);
}

/** The golden lesson link (src/url/golden/v1-lesson.txt): a compact custom scenario. */
function lessonLink(step: number): string {
  const line = readFileSync('src/url/golden/v1-lesson.txt', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('compact '));
  if (!line) throw new Error('no compact golden lesson link');
  return `/${line.slice('compact '.length).replace(/&t=\d+/, `&t=${step}`)}`;
}

/** Is the box of `el` inside the viewport (and inside `within`, a scroll box, when given)? */
async function inView(el: Locator, within?: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  const vp = el.page().viewportSize();
  if (!box || !vp) return false;
  const outer = within ? await within.boundingBox() : { x: 0, y: 0, ...vp };
  if (!outer) return false;
  return (
    box.x >= outer.x - 1 &&
    box.y >= outer.y - 1 &&
    box.x + box.width <= outer.x + outer.width + 1 &&
    box.y + box.height <= outer.y + outer.height + 1 &&
    box.y + box.height <= vp.height + 1
  );
}

test.describe('a shared lesson', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('a shared custom scenario shows its own title and summary, and its chapters', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load(lessonLink(0));
    const title = 'Golden link v1 (lesson fields): chapters, noteFor and focus';
    await expect(app.picker.locator('option:checked')).toHaveText(`Custom: ${title}`);
    await expect(page.getByTestId('scenario-see')).toContainText(
      'Frozen forever: the custom links in v1-lesson.txt',
    );
    await expect(page.getByTestId('narration')).toContainText('Frozen forever');
    const chapters = page.getByTestId('chapters');
    await expect(chapters.getByRole('button')).toHaveText(['Set up', 'Migrate and fault back']);
    await chapters.getByRole('button', { name: 'Migrate and fault back' }).click();
    await app.transport.expectStep(5);
    await expect(page.getByTestId('view-map')).toHaveAttribute('data-focus', 'step');
    await axe(page, 'shared lesson');
    await page.getByTestId('present').click();
    await expect(page.getByTestId('presenter')).toContainText(title);
  });

  test('a step focus brings its panel forward, or rings its object on the map', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load(lessonLink(2));
    // Step 2 names the page tables: they come into view with a ring and a tag.
    await expect(app.pageTables).toHaveAttribute('data-focus', 'step');
    await expect(app.pageTables.getByTestId('focus-tag')).toHaveText('look here');
    await expect.poll(() => inView(app.pageTables.locator('.panel-head'))).toBe(true);
    await expect(page.locator('[data-focus="step"]')).toHaveCount(1);
    await axe(page, 'panel focus');

    // Step 3 names nothing: no ring anywhere.
    await app.transport.key('ArrowRight');
    await app.transport.expectStep(3);
    await expect(page.locator('[data-focus="step"]')).toHaveCount(0);

    // Step 5 names the PTE of pid 1 at 0x10000000: the map rings it and scrolls it into view.
    await app.transport.key('ArrowRight');
    await app.transport.key('ArrowRight');
    await app.transport.expectStep(5);
    const map = page.getByTestId('view-map');
    await expect(map).toHaveAttribute('data-focus', 'step');
    const ring = map.locator('g.map-node.step-focus');
    await expect(ring).toHaveCount(1);
    await expect(ring).toHaveAttribute('data-keys', /(^| )pte:1:65536( |$)/);
    await expect
      .poll(() => inView(ring.locator('.box').first(), page.getByTestId('map-scroll')))
      .toBe(true);
    await axe(page, 'map focus');

    // Presenter mode honours it too.
    await page.getByTestId('present').click();
    await expect(page.getByTestId('presenter')).toBeVisible();
    await expect(ring).toHaveCount(1);
    await expect(map).toHaveAttribute('data-focus', 'step');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await expect(page.getByTestId('presenter-step')).toHaveText('Step 2 / 6');
    await expect(app.pageTables).toHaveAttribute('data-focus', 'step');
    await expect.poll(() => inView(app.pageTables.locator('.panel-head'))).toBe(true);
    await axe(page, 'presenter focus');
  });

  test('the editor shows and writes a step focus; the views follow it', async ({ page }) => {
    const app = new AppPage(page);
    await app.load(lessonLink(1));
    const editor = await new ShareTools(page).openEditor();
    const focus = editor.getByTestId('step-form').getByTestId('step-focus');
    await expect(focus).toHaveValue('device dmirror0');
    await focus.fill('counters');
    await expect(app.counters).toHaveAttribute('data-focus', 'step');
    await expect(page.getByTestId('view-map')).not.toHaveAttribute('data-focus', /./);
    await focus.fill('the counters');
    await expect(focus).toHaveAttribute('aria-invalid', 'true');
    await expect(editor.getByTestId('editor-status')).toContainText('field "focus"');
  });
});
