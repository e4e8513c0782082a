import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { customLink } from './customLink';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

const SHOTS = 'test-results/map';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** vpn of 0x40000000: the small VMA whose 64 pages aggregate at the first zoom levels. */
const SMALL_VPN = 0x40000;

/**
 * A big machine: 262,144 RAM pages and four private devices (65,536 pages each). pid 1 writes
 * 4,096 pages and moves a quarter of them to dmirror0, then writes a second VMA of 64 pages; the
 * last step reads one page back from the device (so the 64-page VMA is unchanged at the end).
 */
function bigMachineLink(): { fragment: string; last: number } {
  const steps: object[] = [];
  for (let d = 0; d < 4; d++)
    steps.push({ op: 'device_add', device: `dmirror${d}`, type: 'private' });
  steps.push(
    { op: 'spawn', pid: 1 },
    {
      op: 'mmap',
      pid: 1,
      addr: '0x10000000',
      npages: 4096,
      prot: 'rw',
      flags: ['private', 'anonymous'],
    },
    { op: 'write', pid: 1, addr: '0x10000000', npages: 4096, value: 7 },
    { op: 'dmirror_migrate_to_dev', device: 'dmirror0', pid: 1, addr: '0x10000000', npages: 1024 },
    {
      op: 'mmap',
      pid: 1,
      addr: '0x40000000',
      npages: 64,
      prot: 'rw',
      flags: ['private', 'anonymous'],
    },
    { op: 'write', pid: 1, addr: '0x40000000', npages: 64, value: 3 },
    { op: 'read', pid: 1, addr: '0x10000000', npages: 1 },
  );
  const fragment = customLink({
    title: 'A big machine: runs and bundles',
    machine: { ramPages: 262144, physBits: 46 },
    steps,
  });
  return { fragment, last: steps.length };
}

/**
 * How long the big machine's link may take to reach its last step, its frames streaming from the
 * worker: the default 5 s was not enough on a slow 2-core machine (CI saw "Step 0 of 7" at 5 s).
 * A wait for the step, not a timed figure: the benches time it.
 */
const BIG_LOAD_MS = 60_000;

const map = (page: Page): Locator => page.getByTestId('view-map');
const node = (page: Page, id: string): Locator => map(page).locator(`g.map-node[data-id="${id}"]`);

test.describe('memory map on a big machine', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  test.setTimeout(180_000);

  test('runs of pages and frames and bundles of links show their counts, and open on zoom', async ({
    page,
  }) => {
    const { fragment, last } = bigMachineLink();
    const app = new AppPage(page);
    await app.load(`/${fragment}`);
    await app.transport.expectStep(last, BIG_LOAD_MS);
    const m = map(page);
    // System RAM says how big it is and how many frames are in use; the rest stay aggregated.
    await expect(node(page, 'band:ram')).toContainText(/262,144 pages · [\d,]+ in use/);
    // The 64-page VMA is one run of pages with its count, named in words.
    const run = node(page, `run:1:${SMALL_VPN}`);
    await expect(run).toContainText('×64');
    await expect(run).toHaveAttribute(
      'aria-label',
      /^pid 1 · 64 pages from 0x40000000 .*64 present W/,
    );
    // The 4,096-page VMA aggregates too: runs whose links are bundles with counts (×N) into runs
    // of frames that count their frames.
    await expect(m.locator('g.map-node.kind-pte-run').first()).toBeVisible();
    const bundle = m.locator('g.map-link.bundle').first();
    await expect(bundle.locator('text.count')).toHaveText(/^×[\d,]+$/);
    await expect(
      m
        .locator('g.map-node.kind-frame-run')
        .filter({ hasText: /[\d,]+ frames/ })
        .first(),
    ).toBeVisible();
    // The page this step read back is drawn one by one, out of its run.
    await expect(node(page, 'pte:1:65536')).toHaveCount(1);
    await expect(node(page, `pte:1:${SMALL_VPN}`)).toHaveCount(0);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/big-machine-1280.png` });

    // Zoom in until the 64-page VMA opens into one row per page.
    const zoomIn = m.getByRole('button', { name: /^Zoom in/ });
    await zoomIn.click();
    await expect(m.getByTestId('map-budget')).toHaveText('32 rows/VMA');
    await expect(run).toHaveCount(1);
    await zoomIn.click();
    await expect(m.getByTestId('map-budget')).toHaveText('64 rows/VMA');
    await expect(run).toHaveCount(0);
    // The 64-page VMA is the last block of the column: the map draws its rows as they are
    // scrolled to (the picture is drawn near the view), its last page at the bottom…
    const scroller = page.getByTestId('map-scroll');
    await scroller.evaluate((box) => {
      box.scrollTo({ top: box.scrollHeight, behavior: 'instant' });
    });
    await expect(node(page, `pte:1:${SMALL_VPN + 63}`)).toHaveCount(1);
    // …and its first page a little higher up.
    for (let i = 0; i < 8 && (await node(page, `pte:1:${SMALL_VPN}`).count()) === 0; i++) {
      await scroller.evaluate((box) => {
        box.scrollBy({ top: -box.clientHeight, behavior: 'instant' });
      });
      await page.waitForTimeout(100);
    }
    await expect(node(page, `pte:1:${SMALL_VPN}`)).toHaveCount(1);
    await expect(
      m.getByRole('button', { name: /^pid 1 · 0x40000000 → pfn 0x[0-9a-f]+ in System RAM/ }),
    ).toHaveCount(1);
    // Zooming back out aggregates them again.
    const zoomOut = m.getByRole('button', { name: /^Zoom out/ });
    await zoomOut.click();
    await zoomOut.click();
    await expect(run).toContainText('×64');
    await page.screenshot({ path: `${SHOTS}/big-machine-zoomed-1280.png` });

    // The map's own marks (the device table's pfn buttons are the device view's; see its specs).
    const axe = await new AxeBuilder({ page })
      .include('[data-testid=view-map]')
      .withTags(TAGS)
      .analyze();
    expect(axe.violations).toEqual([]);
    // The device cards below the fold (drawn only when scrolled to): the pfn buttons of an
    // unrendered card must not overlap the next card's heading (axe's target-size).
    const devices = await new AxeBuilder({ page })
      .include('[data-testid=view-device]')
      .withTags(TAGS)
      .analyze();
    expect(devices.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  });

  test('a scene taller than the screen draws what is near the view, and scrolling draws the rest', async ({
    page,
  }) => {
    const { fragment, last } = bigMachineLink();
    const app = new AppPage(page);
    await app.load(`/${fragment}`);
    await app.transport.expectStep(last, BIG_LOAD_MS);
    const m = map(page);
    const zoomIn = m.getByRole('button', { name: /^Zoom in/ });
    for (let i = 0; i < 3; i++) await zoomIn.click();
    await expect(m.getByTestId('map-budget')).toHaveText('128 rows/VMA');
    const scroll = page.getByTestId('map-scroll');
    /** Map nodes (not column heads) drawn inside the scroll box, and how tall the picture is. */
    const seen = () =>
      scroll.evaluate((box) => {
        const r = box.getBoundingClientRect();
        const nodes = [...box.querySelectorAll('g.map-node:not(.kind-column)')];
        const inBox = nodes.filter((n) => {
          const b = n.getBoundingClientRect();
          return b.bottom > r.top && b.top < r.bottom;
        }).length;
        const svg = box.querySelector('svg');
        return {
          inBox,
          drawn: nodes.length,
          scene: Number(svg?.getAttribute('data-scene-nodes')),
          tall: (svg?.getBoundingClientRect().height ?? 0) / r.height,
        };
      });
    await expect.poll(async () => (await seen()).tall).toBeGreaterThan(4);
    const before = await seen();
    // Whatever the scroll, what is on screen is drawn: the end of the picture…
    await scroll.evaluate((box) => {
      box.scrollTo({ top: box.scrollHeight, behavior: 'instant' });
    });
    await expect.poll(async () => (await seen()).inBox).toBeGreaterThan(3);
    // …and the middle of it.
    await scroll.evaluate((box) => {
      box.scrollTo({ top: box.scrollHeight / 2, behavior: 'instant' });
    });
    await expect.poll(async () => (await seen()).inBox).toBeGreaterThan(3);
    // Not the whole picture at once: more than four screens tall, drawn only near the view.
    expect(before.inBox).toBeGreaterThan(3);
    expect(before.drawn).toBeLessThan(before.scene - 1);
  });
});
