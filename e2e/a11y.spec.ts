import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A spread of the library (set A11Y_ALL=1 to audit every built-in scenario). */
const SAMPLE = [
  'migrate-and-fault-back',
  'device-private-lifecycle',
  'hotplug-two-devices',
  'fork-cow-device-private',
  'device-public-cpu-access',
  'device-error-sigbus',
  'tiny-machine-oom',
  'selftest-migrate-multiple',
];

async function audit(app: AppPage, where: string): Promise<void> {
  await app.canvasDrawn();
  const r = await new AxeBuilder({ page: app.page }).withTags(TAGS).analyze();
  const summary = r.violations.map(
    (v) => `${where}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ') ?? ''}`,
  );
  expect(summary).toEqual([]);
}

/** WCAG 2.2 AA adds target size (2.5.8: at least 24 × 24 CSS pixels, or spaced as much). */
test.describe('accessibility (axe, WCAG 2.2 AA)', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`no violations at the start, middle and end of every scenario (${theme})`, async ({
      page,
    }) => {
      test.setTimeout(600_000);
      const app = new AppPage(page);
      await app.load();
      await app.setTheme(theme);
      const all = await app.scenarioIds();
      const ids = process.env.A11Y_ALL ? all : SAMPLE.filter((id) => all.includes(id));
      expect(ids.length).toBeGreaterThan(3);
      for (const id of ids) {
        await app.pickScenario(id);
        const last = await app.transport.last();
        for (const step of [0, Math.floor(last / 2), last]) {
          await app.transport.seek(step);
          await audit(app, `${id}@${step}`);
        }
      }
    });
  }

  test('no violations with a PTE selected', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    await app.transport.key('End');
    await app.mappedPtes().first().click();
    await audit(app, 'selected');
  });

  test('no violations with the frame grid driven by keyboard', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    await app.transport.key('End');
    await app.canvas.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(app.inspector.getByTestId('page-details')).toBeVisible();
    await audit(app, 'grid focused');
  });
});
