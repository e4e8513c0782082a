import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

// Migration in flight: a built-in paused after the unmap stage shows its migration entries, and
// the task asleep on one, on the map.
test('a paused migration shows its migration entries and the sleeper on the map', async ({
  page,
}) => {
  const app = new AppPage(page);
  // After step 8 of migration-entry-wait: the migration is paused and pid 1's load sleeps.
  await app.load('/#v=1&s=migration-entry-wait&t=8');
  const m = page.getByTestId('view-map');
  const first = m.getByRole('button', {
    name: /^pid 1 · 0x10000000 → pfn 0x1 .*migration entry, writable.* · pid 1's read sleeps on it/,
  });
  await expect(first).toBeVisible();
  await expect(first).toContainText('M W');
  await expect(first).toContainText('zz waiter');
  await expect(
    m.getByRole('button', { name: /^pid 1 · 0x10001000 → pfn 0x2 .*migration entry/ }),
  ).toBeVisible();
  // After the resume the entry is gone again: the first page is back in RAM (v4.14).
  await app.load('/#v=1&s=migration-entry-wait&t=9');
  await expect(
    m.getByRole('button', { name: /^pid 1 · 0x10000000 → pfn 0x1 .*present, writable/ }),
  ).toBeVisible();
});
