import { mkdirSync } from 'node:fs';
import { customLink } from './customLink';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

const DIR = 'test-results/screens';

test.describe('the frame grid by keyboard', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('is a focusable widget with a name, a hint and a live description', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    const grid = app.canvas;
    await expect(grid).toHaveAttribute('tabindex', '0');
    await expect(grid).toHaveAttribute('role', 'application');
    await expect(grid).toHaveAccessibleName(/^Page frames 0x0 to 0x/);
    await expect(grid).toHaveAccessibleDescription(/Arrow keys move between frames/);
    // Reached with Tab from the grid tools (past the panel and the address axis).
    await app.physical.getByRole('button', { name: 'Go' }).focus();
    for (let i = 0; i < 12 && !(await grid.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    await expect(grid).toBeFocused();
    await expect(app.gridFocus).toHaveText(/^pfn 0x0 · /);
    await expect(app.physical.getByTestId('grid-caption')).toContainText('arrows move');
  });

  test('arrows move the focus cell and never step; Enter selects the frame everywhere', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load();
    await app.transport.key('End');
    const last = await app.transport.last();
    await app.transport.expectStep(last);
    const drawn = Number(await app.canvas.getAttribute('data-drawn'));
    await app.canvas.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(app.gridFocus).toHaveText(/^pfn 0x2 · /);
    await page.keyboard.press('ArrowLeft');
    await expect(app.gridFocus).toHaveText(/^pfn 0x1 · /);
    // ←/→, Home/End and PageUp/PageDown belong to the grid while it has focus.
    await page.keyboard.press('Home');
    await expect(app.gridFocus).toHaveText(/^pfn 0x0 · /);
    await page.keyboard.press('ArrowDown');
    const below = await app.gridFocus.textContent();
    expect(below).toMatch(/^pfn 0x[1-9a-f][0-9a-f]* · /);
    await app.transport.expectStep(last);
    // The focus ring is drawn on the canvas.
    await app.canvasDrawn(drawn + 1);

    await page.keyboard.press('Enter');
    const pfn = Number.parseInt(/^pfn (0x[0-9a-f]+)/.exec(below ?? '')?.[1] ?? '', 16);
    await expect(app.inspector.getByTestId('page-details')).toHaveAttribute(
      'data-pfn',
      String(pfn),
    );
    await app.transport.expectStep(last);
    mkdirSync(DIR, { recursive: true });
    await app.physical.screenshot({ path: `${DIR}/physical-keyboard.png` });

    // ←/→ step again once the focus has left the grid.
    await app.canvas.blur();
    await app.transport.key('ArrowLeft');
    await app.transport.expectStep(last - 1);
  });

  test('a click selects a frame without taking the keys from the transport', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    await app.transport.key('End');
    const last = await app.transport.last();
    await app.canvas.click({ position: { x: 4, y: 4 } });
    await expect(app.inspector.getByTestId('page-details')).toHaveAttribute('data-pfn', '0');
    await expect(app.canvas).not.toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await app.transport.expectStep(last - 1);
  });

  test('moving past the window scrolls it by rows', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    const caption = app.physical.getByTestId('grid-caption');
    // "pfn 0x0–0xd7 · 1 cell = 1 page": the window's range.
    const range = ((await caption.textContent()) ?? '').split(' · ')[0] ?? '';
    expect(range).toMatch(/^pfn 0x0–0x[0-9a-f]+$/);
    await app.canvas.focus();
    await page.keyboard.press('PageDown');
    await expect(caption).not.toContainText(`${range} · `);
    await expect(app.gridFocus).toHaveText(/^pfn 0x[0-9a-f]+ · /);
    await page.keyboard.press('PageUp');
    await expect(caption).toContainText(`${range} · `);
    await app.transport.expectStep(0);
  });
});

test.describe('device memory follows the selection', () => {
  test('a PTE on a device page far into the table brings its row into view', async ({ page }) => {
    // Forty pages written and migrated to dmirror0: its table pages 16 rows at a time.
    const fragment = customLink({
      title: 'Forty device pages',
      machine: { ramPages: 4096, physBits: 46 },
      steps: [
        { op: 'device_add', device: 'dmirror0', type: 'private' },
        { op: 'spawn', pid: 1 },
        {
          op: 'mmap',
          pid: 1,
          addr: '0x10000000',
          npages: 40,
          prot: 'rw',
          flags: ['private', 'anonymous'],
        },
        { op: 'write', pid: 1, addr: '0x10000000', npages: 40, value: 7 },
        {
          op: 'dmirror_migrate_to_dev',
          device: 'dmirror0',
          pid: 1,
          addr: '0x10000000',
          npages: 40,
        },
      ],
    });
    const app = new AppPage(page);
    await app.load(`/${fragment}`);
    await app.transport.expectStep(5);
    const table = app.device.locator('table.dev-pages');
    await expect(table.getByTestId('device-rows')).toHaveText('1–16');
    // The 38th page of the mapping lives on the 38th device page in use.
    await app.pte(1, 0x10000 + 37).click();
    const pfn = Number(await app.inspector.getByTestId('page-details').getAttribute('data-pfn'));
    const row = app.deviceRow(pfn);
    await expect(row).toHaveClass(/selected/);
    await expect(row).toBeInViewport();
    await expect(table.getByTestId('device-rows')).toHaveText('33–40');
  });
});
