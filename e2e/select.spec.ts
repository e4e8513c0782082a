import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

test.describe('selection is linked across views', () => {
  test('a PTE lights up its page in the inspector, device memory and the frame grid', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load();
    // Step to the first frame where a PTE points at device memory.
    const last = await app.transport.last();
    let found = false;
    for (let i = 1; i <= last && !found; i++) {
      await app.transport.seek(i);
      found = (await app.pageTables.locator('button.pte.k-devpriv').count()) > 0;
    }
    expect(found).toBe(true);
    const pte = app.pageTables.locator('button.pte.k-devpriv').first();
    const drawn = Number(await app.canvas.getAttribute('data-drawn'));
    await pte.click();
    await expect(pte).toHaveAttribute('aria-pressed', 'true');

    const details = app.inspector.getByTestId('page-details');
    await expect(app.inspector.getByTestId('pte-details')).toContainText('device-private');
    await expect(details).toContainText('ZONE_DEVICE device-private');
    const pfn = Number(await details.getAttribute('data-pfn'));
    expect(pfn).toBeGreaterThan(0);

    // The device view highlights the same page, and the frame grid redraws around it.
    await expect(app.deviceRow(pfn)).toHaveClass(/selected/);
    await app.canvasDrawn(drawn + 1);
    await expect(app.physical.getByTestId('grid-caption')).toContainText('1 cell = 1 page');

    // And back: the page's rmap link selects the PTE again.
    await app.inspector
      .getByRole('button', { name: /^pid \d+ @ 0x/ })
      .first()
      .click();
    await expect(app.inspector.getByTestId('pte-details')).toBeVisible();
  });

  test('a device page selects its PTEs back', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    const last = await app.transport.last();
    for (let i = 1; i <= last; i++) {
      await app.transport.seek(i);
      if ((await app.device.locator('tr[data-pfn]').count()) > 0) break;
    }
    const row = app.device.locator('tr[data-pfn]').first();
    await row.getByRole('button').click();
    await expect(row).toHaveClass(/selected/);
    await expect(app.inspector.getByTestId('page-details')).toBeVisible();
    await expect(app.pageTables.locator('button.pte.linked').first()).toBeVisible();
  });

  test('clicking a frame in the grid inspects it', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    await app.transport.key('End');
    await app.canvasDrawn();
    // The first RAM frame (pfn 0, reserved: the BIOS page) sits at the grid's top-left corner.
    await app.canvas.click({ position: { x: 4, y: 4 } });
    await expect(app.inspector.getByTestId('page-details')).toHaveAttribute('data-pfn', '0');
  });
});
