import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axe(page: Page, where: string): Promise<void> {
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(
    r.violations.map((v) => `${where}: ${v.id} ${v.nodes[0]?.target.join(' ') ?? ''}`),
  ).toEqual([]);
}

test.describe('first minute', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('a cold start says what to press; pressing it runs step 1 in plain words', async ({
    page,
  }) => {
    const app = new AppPage(page);
    await app.load();
    const hint = page.getByTestId('start-hint');
    await expect(hint).toBeVisible();
    await expect(hint).toContainText('press →');
    await axe(page, 'cold start');
    await app.transport.key('ArrowRight');
    await app.transport.expectStep(1);
    await expect(hint).toBeHidden();
    await expect(page.getByTestId('plain-summary')).toContainText(
      'A device driver starts and adds the device',
    );
    await expect(page.getByTestId('kernel-chain')).toContainText('dmirror_probe → hmm_device_new');
  });

  test('the tour visits the views and closes on Escape', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    await page.getByRole('button', { name: 'Take the 5-stop tour' }).click();
    const tour = page.getByTestId('tour');
    await expect(tour).toBeFocused();
    await expect(tour).toContainText('Transport and timeline');
    await expect(page.getByTestId('transport')).toHaveClass(/tour-target/);
    await axe(page, 'tour');
    await tour.getByRole('button', { name: 'Next stop' }).click();
    await expect(tour).toContainText('This step');
    await expect(app.kernelPath).toHaveClass(/tour-target/);
    await page.keyboard.press('Escape');
    await expect(tour).toBeHidden();
    await expect(app.kernelPath).not.toHaveClass(/tour-target/);
    await app.transport.expectStep(0);
  });

  test('the library is a course, each entry saying what you will see', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    const groups = await app.picker
      .locator('optgroup')
      .evaluateAll((gs) => gs.map((g) => (g as HTMLOptGroupElement).label));
    expect(groups.slice(0, 7)).toEqual([
      '1. Start here',
      '2. Device-private basics',
      '3. fork and copy-on-write',
      '4. Hotplug',
      '5. DEVICE_PUBLIC',
      '6. Failure paths',
      '7. The kernel’s own selftests (hmm-tests.c)',
    ]);
    await app.pickScenario('fork-cow-device-private');
    await expect(page.getByTestId('scenario-see')).toContainText(
      'fork() shares device pages read-only',
    );
  });

  test('kernel terms explain themselves on hover and on focus; Escape closes', async ({ page }) => {
    const app = new AppPage(page);
    await app.load();
    await app.transport.key('End');
    const ref = app.device.locator('[data-term="refcount"]').first();
    await ref.hover();
    const card = page.getByTestId('term-card');
    await expect(card).toContainText('How many holders a page has');
    await expect(card).toContainText('include/linux/page_ref.h');
    await page.mouse.move(0, 0);
    await expect(card).toBeHidden();
    const calloc = app.device.locator('[data-term="calloc"]');
    await calloc.focus();
    await expect(card).toContainText('test driver has handed out');
    await expect(calloc).toHaveAccessibleDescription(/lib\/test_hmm\.c/);
    await axe(page, 'term card');
    await page.keyboard.press('Escape');
    await expect(card).toBeHidden();
    await app.transport.expectStep(6);
  });
});

test.describe('predict the next state', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('a predict link asks before each step, scores a wrong and a right answer, and shows the answer', async ({
    page,
  }) => {
    const { runScenario } = await import('../src/model');
    const { getBuiltin } = await import('../src/scenarios/library/all');
    const { questionFor } = await import('../src/lesson/predict');
    const base = getBuiltin('migrate-and-fault-back');
    if (!base) throw new Error('missing default');
    const trace = runScenario(base);
    const app = new AppPage(page);
    await app.load('/?predict=1');
    const panel = page.getByTestId('predict');
    await expect(panel).toBeVisible();
    await expect(page.getByTestId('predict-toggle')).toHaveAttribute('aria-pressed', 'true');
    await axe(page, 'predict question');
    // → does not skip the question: it goes to the choices.
    await app.transport.key('ArrowRight');
    await app.transport.expectStep(0);
    await expect(panel.locator('.predict-choice').first()).toBeFocused();

    for (let step = 1; step < trace.length; step++) {
      const q = questionFor(trace, step);
      if (!q) throw new Error(`no question at ${step}`);
      await expect(page.getByTestId('predict-question')).toContainText(q.prompt);
      // Step 1 answered wrong, every other one right.
      const pick = step === 1 ? q.choices.find((c) => c.id !== q.answer) : q;
      const id = pick && 'answer' in pick ? pick.answer : pick?.id;
      await panel.locator(`[data-choice="${id}"]`).click();
      await expect(page.getByTestId('predict-answer')).toContainText(
        step === 1 ? 'Not quite.' : 'Right.',
      );
      if (step === 1) await axe(page, 'predict answer');
      await expect(page.getByTestId('predict-score')).toHaveText(`Score ${step - 1}/${step}`);
      await panel.getByRole('button', { name: `Show step ${step}` }).click();
      await app.transport.expectStep(step);
      if (q.focus?.kind === 'pte') await expect(app.inspector).toContainText(`pid ${q.focus.pid}`);
    }
    await expect(page.getByTestId('predict-done')).toContainText(
      `You got ${trace.length - 2} of ${trace.length - 1} right`,
    );
  });
});

test.describe('lessons', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('the fork lesson lists its chapters and jumps to one', async ({ page }) => {
    const app = new AppPage(page);
    await app.load('/#v=1&s=fork-cow-device-private&t=0');
    const chapters = page.getByTestId('chapters');
    await expect(chapters.getByRole('button')).toHaveCount(4);
    await chapters.getByRole('button', { name: 'The child’s load livelocks' }).click();
    await app.transport.expectStep(8);
    await expect(
      chapters.getByRole('button', { name: 'The child’s load livelocks' }),
    ).toHaveAttribute('aria-current', 'step');
    await expect(page.getByTestId('plain-summary')).toContainText('gets stuck');
    await axe(page, 'chapters');
  });

  test('presenter mode pages a long note with PageDown before the next step; the timeline stays', async ({
    page,
  }) => {
    // A projector's 1024×768: the note's column beside the map holds a paragraph, not this one.
    await page.setViewportSize({ width: 1024, height: 768 });
    const app = new AppPage(page);
    await app.load('/#v=1&s=migrate-and-fault-back&t=5');
    await page.getByTestId('present').click();
    const step = page.getByTestId('presenter-step');
    const narration = page.getByTestId('presenter-narration');
    await expect(step).toHaveText('Step 5 / 6');
    const overflow = await narration.evaluate((el) => el.scrollHeight > el.clientHeight + 2);
    expect(overflow, 'the step 5 note is longer than the box').toBe(true);
    await expect(page.getByTestId('presenter-more')).toContainText('More of this note');
    await expect(app.transport.range).toBeVisible();
    // Each PageDown shows the note's next page, the step unchanged, until its end is on screen.
    const more = page.getByTestId('presenter-more');
    let top = 0;
    for (let pages = 0; pages < 4 && !(await more.textContent())?.includes('End'); pages += 1) {
      await page.keyboard.press('PageDown');
      await expect(step).toHaveText('Step 5 / 6');
      await expect.poll(() => narration.evaluate((el) => el.scrollTop)).toBeGreaterThan(top);
      top = await narration.evaluate((el) => el.scrollTop);
    }
    await expect(more).toContainText('End of the note');
    await page.keyboard.press('PageDown');
    await expect(step).toHaveText('Step 6 / 6');
    await expect.poll(() => narration.evaluate((el) => el.scrollTop)).toBe(0);
    await page.keyboard.press('PageUp');
    await expect(step).toHaveText('Step 5 / 6');
  });
});
