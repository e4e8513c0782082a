import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';
import { collectPageErrors } from './pages/ShareTools';

const SCREENS = 'test-results/screens';

/** Every visible control smaller than 44×44 CSS px (as laid out, zoom included). */
function smallTargets(page: AppPage['page']): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const sel = 'button, a[href], select, input, textarea, summary, [role="button"], [role="tab"]';
    for (const el of document.querySelectorAll<HTMLElement>(sel)) {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden') continue;
      if (el.closest('.sr-only') || el.classList.contains('sr-only')) continue;
      if (r.width < 43.5 || r.height < 43.5)
        out.push(
          `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 20)}" ${r.width.toFixed(1)}×${r.height.toFixed(1)}`,
        );
    }
    return out;
  });
}

/**
 * Press "next" (a key or the button) until the presenter leaves step `from`: a note longer than
 * its column is paged first, and each press must show its next page or the next step.
 */
async function untilStepLeaves(
  page: AppPage['page'],
  from: string,
  next: () => Promise<void>,
): Promise<void> {
  const step = page.getByTestId('presenter-step');
  const note = page.getByTestId('presenter-narration');
  for (let k = 0; k < 5; k += 1) {
    const top = await note.evaluate((el) => el.scrollTop);
    await next();
    await expect
      .poll(
        async () =>
          (await step.textContent()) !== from || (await note.evaluate((el) => el.scrollTop)) > top,
      )
      .toBe(true);
    if ((await step.textContent()) !== from) return;
  }
  throw new Error(`five presses did not leave ${from}`);
}

/**
 * Every visible text on screen drawn under `min` CSS px, as "size tag "text"". HTML text: its
 * computed font size × the CSS zoom it sits under; SVG text: its font size × the scale it is
 * drawn at (its box on screen over its box in user units: viewBox, zoom and transforms included).
 * Text outside the viewport, inside a scroll box's hidden part or made for screen readers only is
 * not on screen.
 */
function smallText(page: AppPage['page'], min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || (n.nodeValue ?? '').trim() === '' || el.closest('.sr-only')) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
      range.selectNodeContents(n);
      const box = [...range.getClientRects()].find((r) => r.width > 1 && r.height > 1);
      if (!box || box.bottom <= 0 || box.top >= innerHeight) continue;
      if (box.right <= 0 || box.left >= innerWidth) continue;
      // Clipped away by a scroll box (the map, a panel body): not on screen.
      const cx = (box.left + box.right) / 2;
      const cy = (box.top + box.bottom) / 2;
      const hit = document.elementFromPoint(cx, cy);
      if (
        !hit ||
        !(
          hit === el ||
          el.contains(hit) ||
          hit.contains(el) ||
          hit.closest('svg') === el.closest('svg')
        )
      )
        continue;
      let size: number;
      if (el instanceof SVGGraphicsElement) {
        const user = el.getBBox().height;
        size = user > 0 ? parseFloat(cs.fontSize) * (el.getBoundingClientRect().height / user) : 0;
      } else {
        size = parseFloat(cs.fontSize) * el.currentCSSZoom;
      }
      if (size < min)
        out.push(
          `${size.toFixed(1)}px ${el.tagName.toLowerCase()}.${(el.className as unknown as { baseVal?: string }).baseVal ?? el.className} "${(n.nodeValue ?? '').trim().slice(0, 30)}"`,
        );
    }
    return out;
  }, min);
}

test.describe('presenter mode', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('full screen (or in the window), big narration, no chrome; clicker and arrow keys step; Escape leaves', async ({
    page,
  }) => {
    const errors = collectPageErrors(page);
    const app = new AppPage(page);
    await app.load('/#v=1&s=migrate-and-fault-back&t=1');
    await page.getByTestId('present').click();
    const presenter = page.getByTestId('presenter');
    await expect(presenter).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-mode', 'present');
    await expect(page.locator('.app-header')).toBeHidden();
    await expect(app.transport.stepCount).toBeHidden();
    const full = await page.evaluate(() => document.fullscreenElement !== null);
    console.log(`presenter: fullscreen ${full ? 'granted' : 'not granted (in-window fallback)'}`);

    const step = page.getByTestId('presenter-step');
    const narration = page.getByTestId('presenter-narration');
    await expect(step).toHaveText('Step 1 / 6');
    await expect(narration).toContainText('Driver probe');
    const size = await narration.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(22); // 26 px, 22 px for a paragraph-long note

    const pageDown = () => page.keyboard.press('PageDown');
    const right = () => page.keyboard.press('ArrowRight');
    await untilStepLeaves(page, 'Step 1 / 6', pageDown);
    await expect(step).toHaveText('Step 2 / 6');
    await expect(narration).toContainText('mm_alloc');
    // At the top of a note, back goes to the step before.
    await page.keyboard.press('PageUp');
    await expect(step).toHaveText('Step 1 / 6');
    await untilStepLeaves(page, 'Step 1 / 6', right);
    await untilStepLeaves(page, 'Step 2 / 6', right);
    await expect(step).toHaveText('Step 3 / 6');
    await page.keyboard.press('ArrowLeft');
    await expect(step).toHaveText('Step 2 / 6');
    await untilStepLeaves(page, 'Step 2 / 6', () =>
      page.getByRole('button', { name: 'Next step' }).click(),
    );
    await expect(step).toHaveText('Step 3 / 6');

    await page.keyboard.press('Escape');
    await expect(presenter).toBeHidden();
    await expect(page.locator('html')).not.toHaveAttribute('data-mode', /./);
    await expect(page.locator('.app-header')).toBeVisible();
    await app.transport.expectStep(3);
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
    expect(errors).toEqual([]);
  });

  test('projector theme: black on white, targets at least 44×44, no axe violations', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=migrate-and-fault-back&t=5');
    await app.setTheme('dark');
    await page.getByTestId('present').click();
    await expect(page.getByTestId('presenter')).toBeVisible();
    const colors = await page.evaluate(() => {
      const cs = getComputedStyle(document.body);
      return [cs.color, cs.backgroundColor];
    });
    expect(colors).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    await app.mappedPtes().first().click();
    await expect(app.inspector.getByTestId('pte-details')).toBeVisible();
    expect(await smallTargets(page)).toEqual([]);
    const r = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(r.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ') ?? ''}`)).toEqual([]);
    mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: `${SCREENS}/presenter.png` });
    await page.keyboard.press('Home');
    await page.screenshot({ path: `${SCREENS}/presenter-step0.png` });
  });

  test('legible from the back of a hall: no text under 20 px at 1024×768, timeline and map kept', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=fork-cow-device-private&t=0');
    await page.getByTestId('present').click();
    await expect(page.getByTestId('presenter')).toBeVisible();
    const views = page.locator('main.views');
    const timeline = page.getByTestId('timeline-strip');
    const map = page.getByTestId('map-svg');
    const last = await app.transport.last();
    // Every step of the fork lesson, the first screen, then the details scrolled into view.
    for (let step = 0; step <= last; step += 1) {
      await app.transport.range.fill(String(step));
      await expect(page.getByTestId('presenter-step')).toHaveText(`Step ${step} / ${last}`);
      await expect(map).toHaveAttribute('data-cursor', String(step));
      await views.evaluate((v) => {
        v.scrollTo(0, 0);
      });
      expect(await smallText(page, 20), `step ${step}, first screen`).toEqual([]);
      await expect(timeline).toBeInViewport();
      // What the step changed is on the first screen (at least its first object), or, for a
      // step that changed no mapping (a device's new, empty table), marked at the edge it lies
      // beyond while the PTE the op names is in view.
      const changed = map.locator('g.map-node.mark-added, g.map-node.mark-changed');
      const mappings = map.locator(
        'g.map-node.mark-added:not(.kind-mirror-table), g.map-node.mark-changed:not(.kind-mirror-table)',
      );
      if ((await mappings.count()) > 0) await expect(mappings.first()).toBeInViewport();
      else if ((await changed.count()) > 0)
        await expect(page.locator('[data-testid^="map-edge-"]').first()).toBeVisible();
      if (step === 0 || step === last) {
        await views.evaluate((v) => {
          v.scrollTo(0, v.scrollHeight);
        });
        expect(await smallText(page, 20), `step ${step}, details`).toEqual([]);
      }
    }
    mkdirSync(SCREENS, { recursive: true });
    await views.evaluate((v) => {
      v.scrollTo(0, 0);
    });
    await page.screenshot({ path: `${SCREENS}/presenter-fork-last.png` });
  });
});
