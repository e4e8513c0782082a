import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { getBuiltin } from '../src/scenarios/library/all';
import { customLink } from './customLink';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

const SHOTS = 'test-results/map';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Two processes: pid 1 maps sixteen pages (so pid 2 sits below the fold at 1024×768), pid 2's four
 * pages go to the device and a CPU read of pid 2's first page faults it back.
 */
function twoProcessLink(): { fragment: string; faultBack: number } {
  const steps = [
    { op: 'device_add', device: 'dmirror0', type: 'private' },
    { op: 'spawn', pid: 1 },
    { op: 'spawn', pid: 2 },
    {
      op: 'mmap',
      pid: 1,
      addr: '0x10000000',
      npages: 16,
      prot: 'rw',
      flags: ['private', 'anonymous'],
    },
    { op: 'write', pid: 1, addr: '0x10000000', npages: 16, value: 5 },
    {
      op: 'mmap',
      pid: 2,
      addr: '0x20000000',
      npages: 4,
      prot: 'rw',
      flags: ['private', 'anonymous'],
    },
    { op: 'write', pid: 2, addr: '0x20000000', npages: 4, values: [21, 22, 23, 24] },
    { op: 'dmirror_migrate_to_dev', device: 'dmirror0', pid: 2, addr: '0x20000000', npages: 4 },
    { op: 'read', pid: 2, addr: '0x20000000', npages: 1 },
  ];
  const fragment = customLink({
    title: 'Two processes, one faults back',
    machine: { ramPages: 4096, physBits: 46 },
    steps,
  });
  return { fragment, faultBack: steps.length };
}

const map = (page: Page): Locator => page.getByTestId('view-map');

/** The element's box lies inside the map's scroll box and inside the window. */
async function inView(page: Page, el: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  const scroller = await map(page).getByTestId('map-scroll').boundingBox();
  const vp = page.viewportSize();
  if (!box || !scroller || !vp) return false;
  return (
    box.y >= scroller.y - 1 &&
    box.y + box.height <= scroller.y + scroller.height + 1 &&
    box.x >= scroller.x - 1 &&
    box.x + box.width <= scroller.x + scroller.width + 1 &&
    box.y + box.height <= vp.height &&
    box.x + box.width <= vp.width
  );
}

test.describe('memory map', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('at the fault-back step it names the new link and the ghost of the device page; the second process’s PTE is in view', async ({
    page,
  }) => {
    const { fragment, faultBack } = twoProcessLink();
    const app = new AppPage(page);
    await app.load(`/${fragment}`);
    await app.transport.expectStep(faultBack);
    const m = map(page);
    // The link from pid 2's PTE to its new frame in System RAM, moved this step.
    const link = m.getByRole('img', {
      name: /^pid 2 · 0x20000000 → pfn 0x[0-9a-f]+ in System RAM · present, read-only · moved this step from pfn 0x3ffff0000$/,
    });
    await expect(link).toHaveCount(1);
    // The device page it left: a ghost, freed this step, still holding the value that travelled.
    const ghost = m.getByRole('button', {
      name: /^pfn 0x3ffff0000 in dmirror0 .*holds 21 .*freed this step$/,
    });
    await expect(ghost).toHaveClass(/mark-ghost/);
    // The changed PTE of the second process is on screen at 1024×768.
    const pte = m.getByRole('button', { name: /^pid 2 · 0x20000000 → pfn .* changed this step/ });
    await expect.poll(() => inView(page, pte)).toBe(true);
    await expect(m.getByTestId('map-summary')).toContainText(
      'pid 2 0x20000000: device-private W → present R',
    );
    await expect(m.getByTestId('map-summary')).toContainText('pfn 0x3ffff0000 ref 2 → 1, freed');
    mkdirSync(SHOTS, { recursive: true });
    await settled(page);
    await page.screenshot({ path: `${SHOTS}/custom-fault-back-1024.png` });
  });

  test('selecting in the map lights the chain and the other views follow; keys reach it', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=fork-cow-device-private&t=6');
    const m = map(page);
    const parent = m.getByRole('button', { name: /^pid 1 · 0x10000000 → pfn 0x3ffff0000/ });
    await parent.click();
    await expect(parent).toHaveAttribute('aria-pressed', 'true');
    // Both mms that map the page light up, and the inspector shows the PTE.
    await expect(m.locator('g.map-node.lit[data-id="pte:2:65536"]')).toHaveCount(1);
    await expect(m.locator('g.map-node.lit[data-id="frame:17179803648"]')).toHaveCount(1);
    await expect(app.inspector.getByTestId('pte-details')).toBeVisible();
    // Keyboard: focus the child's PTE and select it with Enter.
    const child = m.getByRole('button', { name: /^pid 2 · 0x10001000/ });
    await child.focus();
    await page.keyboard.press('Enter');
    await expect(child).toHaveAttribute('aria-pressed', 'true');
  });

  test('stepping back shows the step before, reduced motion is instant with the same marks', async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const app = new AppPage(page);
    await app.load('/#v=1&s=migrate-and-fault-back&t=6');
    const m = map(page);
    const line = m.locator('[data-id="link:pte:1:65536"]');
    await expect(line).toHaveAttribute('aria-label', /in System RAM/);
    await app.transport.button('Step back').click();
    await app.transport.expectStep(5);
    await expect(line).toHaveAttribute('aria-label', /in dmirror0 memory .*moved this step/);
    // No transition ran: the path already ends at its frame.
    const ends = await line.locator('path.line').getAttribute('d');
    const frame = await m.locator('[data-id="frame:17179803648"]').getAttribute('transform');
    expect(ends?.split(' ').pop()?.split(',')[1]).toBe(
      String(Number(/,([\d.]+)\)/.exec(frame ?? '')?.[1]) + 16),
    );
  });

  test('a livelocked PTE is drawn as stuck, and the key to the map explains the mark', async ({
    page,
  }) => {
    const app = new AppPage(page);
    // v4.14: after fork, the child's read of the device-private page faults and faults again.
    await app.load('/#v=1&s=fork-cow-device-private&t=8');
    const m = map(page);
    const stuck = m.locator('g.map-node.stuck');
    await expect(stuck).toHaveCount(1);
    await expect(stuck).toHaveAttribute('data-id', /^pte:2:/);
    const key = m.getByRole('list', { name: 'How to read the memory map' });
    const item = key.getByRole('listitem').filter({ hasText: /livelock/ });
    await expect(item).toHaveCount(1);
    // The key's swatch is drawn like the stuck PTE's box: dashed, in the same colour.
    const [swatch, box] = await Promise.all([
      item.locator('.lg-swatch.stuck').evaluate((el) => {
        const cs = getComputedStyle(el);
        return { style: cs.borderTopStyle, color: cs.borderTopColor };
      }),
      stuck.locator('rect.box').evaluate((el) => getComputedStyle(el).stroke),
    ]);
    expect(swatch.style).toBe('dashed');
    expect(swatch.color).toBe(box);
  });

  test('axe finds no violations with the map on screen (light and dark)', async ({ page }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=fork-cow-device-private&t=6');
    for (const theme of ['light', 'dark'] as const) {
      await app.setTheme(theme);
      const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      expect(
        r.violations.map((v) => `${theme}: ${v.id} ${v.nodes[0]?.target.join(' ') ?? ''}`),
      ).toEqual([]);
    }
  });
});

/** The step of fork-cow-device-private that first runs `op` (step t is record t). */
function forkStepOf(op: string): number {
  const steps = getBuiltin('fork-cow-device-private')?.steps ?? [];
  const t = steps.findIndex((s) => s.op === op) + 1;
  expect(t).toBeGreaterThan(0);
  return t;
}

/** fork-cow-device-private at step t, in presenter mode. */
async function presentForkAt(page: Page, t: number): Promise<void> {
  await new AppPage(page).load(`/#v=1&s=fork-cow-device-private&t=${t}`);
  await page.getByTestId('present').click();
  await expect(page.getByTestId('presenter')).toBeVisible();
}

test.describe('memory map in presenter mode', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('a step that changes no PTE brings the PTE it looked at into view (presenter, 1024×768)', async ({
    page,
  }) => {
    // fork-cow-device-private's dmirror_snapshot of pid 2: no page or PTE changes (the device
    // only registers its table for the child), and the child's rows lie below pid 1's; the map
    // shows pid 2's heading and its row, not pid 1's.
    const snapshot = forkStepOf('dmirror_snapshot');
    await presentForkAt(page, snapshot - 1);
    await nextPresenterStep(page, snapshot - 1);
    const m = map(page);
    await expect(m.locator('svg.map-svg')).toHaveAttribute('data-cursor', String(snapshot));
    await expect(m.getByTestId('map-summary')).toContainText(
      'dmirror0 mirror of pid 2: registered',
    );
    const row = m.getByRole('button', { name: /^pid 2 · 0x10000000 → / });
    await expect.poll(() => inView(page, row)).toBe(true);
    await expect.poll(() => inView(page, m.locator('g.map-node[data-id="proc:2"]'))).toBe(true);
  });

  test('the fork, the busiest step: beside its note and under its summary the drawing keeps 480 px of 768', async ({
    page,
  }) => {
    // fork-cow-device-private's fork: a five-line note and a four-line summary. The note's 26-px
    // type, the whole summary and the map's title bar left the drawing ~120 px, two rows of what
    // the step changed.
    const fork = forkStepOf('fork');
    await presentForkAt(page, fork);
    const m = map(page);
    await expect(m.locator('svg.map-svg')).toHaveAttribute('data-cursor', String(fork));
    const summary = m.getByTestId('map-summary');
    await expect(summary).toContainText('pid 2: created');
    // Two lines on screen, and the whole summary still in its text and its title.
    const { lines, hidden } = await summary.evaluate((el) => {
      const cs = getComputedStyle(el);
      const pad = parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom);
      return {
        lines: (el.clientHeight - pad) / parseFloat(cs.lineHeight),
        hidden: el.scrollHeight > el.clientHeight,
      };
    });
    expect(lines).toBeLessThanOrEqual(2.2);
    expect(hidden).toBe(true);
    await expect(summary).toHaveAttribute('title', /dmirror0 mirror/);
    // Beside the note (projector.css): the drawing has the screen's height under the bar, not
    // what five lines of note over it left (285 px).
    const drawing = await m.getByTestId('map-scroll').boundingBox();
    expect(drawing?.height ?? 0).toBeGreaterThanOrEqual(480);
    // The map's zoom sits on the line under the drawing, beside the key: it covers none of it.
    const zoom = await m.getByRole('button', { name: /^Zoom in/ }).boundingBox();
    expect(zoom && drawing && zoom.y >= drawing.y + drawing.height).toBe(true);
    const panel = await m.boundingBox();
    expect(panel && panel.y + panel.height).toBeLessThanOrEqual(768);
  });

  test('at 1024×768 the second process’s changed PTE below the fold is brought into view', async ({
    page,
  }) => {
    mkdirSync(SHOTS, { recursive: true });
    const { fragment, faultBack } = twoProcessLink();
    const app = new AppPage(page);
    await app.load(`/${fragment}`);
    await app.transport.expectStep(faultBack);
    await app.transport.seek(faultBack - 1);
    await page.getByTestId('present').click();
    await expect(page.getByTestId('presenter')).toBeVisible();
    const m = map(page);
    const svg = m.locator('svg.map-svg');
    await expect(svg).toHaveAttribute('data-cursor', String(faultBack - 1));
    // The step before: the migration of pid 2's four pages, below pid 1's sixteen.
    const migrated = m.getByRole('button', { name: /^pid 2 · 0x20000000 → .*changed this step/ });
    await expect.poll(() => inView(page, migrated)).toBe(true);
    await settled(page);
    await page.screenshot({ path: `${SHOTS}/custom-present-migrate-1024.png` });
    await nextPresenterStep(page, faultBack - 1);
    await expect(svg).toHaveAttribute('data-cursor', String(faultBack));
    const pte = m.getByRole('button', { name: /^pid 2 · 0x20000000 → pfn .* changed this step/ });
    await expect.poll(() => inView(page, pte)).toBe(true);
    await settled(page);
    // What does not fit is marked at the edge, in a row of its own: the marker covers no part of
    // the drawing (laid over it, it hid the device page's ghost and the new frame's value).
    const below = m.getByTestId('map-edge-down');
    await expect(below).toHaveText(/▼ \d+ changed below/);
    const marker = await below.boundingBox();
    const drawing = await m.getByTestId('map-scroll').boundingBox();
    expect(marker && drawing && marker.y >= drawing.y + drawing.height).toBe(true);
    await page.screenshot({ path: `${SHOTS}/custom-present-fault-back-1024.png` });
  });
});

test.describe('memory map on a phone', () => {
  for (const width of [360, 390]) {
    test(`fits ${width} px: no sideways scroll of the page or the map`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      const app = new AppPage(page);
      await app.load('/#v=1&s=fork-cow-device-private&t=6');
      const svg = map(page).locator('svg.map-svg');
      await expect(svg).toHaveAttribute('data-cursor', '6');
      const sizes = await page.evaluate(() => {
        const sc = document.querySelector('[data-testid=map-scroll]');
        return {
          page: document.documentElement.scrollWidth,
          map: sc ? sc.scrollWidth - sc.clientWidth : -1,
        };
      });
      expect(sizes).toEqual({ page: width, map: 0 });
    });
  }
});

/**
 * In presenter mode → first pages through a long note (PageDown paging), then steps: press until
 * the map's cursor leaves step `t` (bounded).
 */
async function nextPresenterStep(page: Page, t: number): Promise<void> {
  const svg = map(page).locator('svg.map-svg');
  for (let k = 0; k < 12; k++) {
    await page.keyboard.press('ArrowRight');
    const moved = await expect(svg)
      .not.toHaveAttribute('data-cursor', String(t), { timeout: 1_000 })
      .then(
        () => true,
        () => false,
      );
    if (moved) return;
  }
  throw new Error(`presenter did not leave step ${t}`);
}

/**
 * Wait until the map's step transition is over, so a screenshot shows what a student sees once the
 * step has played: the picture is the same over three animation frames in a row (a frame loop
 * moves the marks; the first frame of a motion draws where it starts, so two equal frames are not
 * enough), and the map's scroll box has stopped where bringing the step into view takes it.
 */
async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const svg = document.querySelector('svg.map-svg');
    const box = document.querySelector('[data-testid=map-scroll]');
    let last = '';
    let same = 0;
    while (svg && same < 3) {
      await new Promise((r) => requestAnimationFrame(r));
      // The picture and where the map is scrolled to (bringing a step into view scrolls smoothly).
      const now = `${box?.scrollTop ?? 0}|${new XMLSerializer().serializeToString(svg)}`;
      same = now === last ? same + 1 : 0;
      last = now;
    }
  });
}

/** Screenshots of every step at each size, for a person to look at (test-results/map). */
test.describe('memory map screenshots', () => {
  const SIZES = [
    { name: '1024', width: 1024, height: 768 },
    { name: '1280', width: 1280, height: 800 },
    { name: 'phone', width: 390, height: 844 },
  ];
  for (const id of ['migrate-and-fault-back', 'fork-cow-device-private']) {
    test(`every step of ${id}`, async ({ page }) => {
      test.setTimeout(240_000);
      mkdirSync(SHOTS, { recursive: true });
      const app = new AppPage(page);
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await app.load(`/#v=1&s=${id}&t=0`);
        const last = await app.transport.last();
        for (let t = 0; t <= last; t++) {
          await app.transport.seek(t);
          await expect(map(page).locator('svg.map-svg')).toHaveAttribute('data-cursor', String(t));
          await settled(page);
          await page.screenshot({ path: `${SHOTS}/${id}-${size.name}-step${t}.png` });
        }
      }
      await page.setViewportSize({ width: 1024, height: 768 });
      await app.load(`/#v=1&s=${id}&t=0`);
      await page.getByTestId('present').click();
      await expect(page.getByTestId('presenter')).toBeVisible();
      const steps = Number(
        /\/ (\d+)/.exec((await page.getByTestId('presenter-step').textContent()) ?? '')?.[1],
      );
      for (let t = 0; t <= steps; t++) {
        await expect(map(page).locator('svg.map-svg')).toHaveAttribute('data-cursor', String(t));
        await settled(page);
        // The map ends on the projected screen, under any note: its edge markers stay in sight.
        const panel = await map(page).boundingBox();
        expect(panel && panel.y + panel.height).toBeLessThanOrEqual(768);
        await page.screenshot({ path: `${SHOTS}/${id}-present-step${t}.png` });
        if (t < steps) await nextPresenterStep(page, t);
      }
    });
  }
});
