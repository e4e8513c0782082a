import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The whole app: load, the scenario picker, the theme and the six views. */
export class AppPage {
  readonly transport: Transport;
  readonly inspector: Locator;
  readonly pageTables: Locator;
  readonly device: Locator;
  readonly physical: Locator;
  readonly kernelPath: Locator;
  readonly counters: Locator;
  readonly picker: Locator;

  constructor(readonly page: Page) {
    this.transport = new Transport(page);
    this.inspector = page.getByTestId('view-inspector');
    this.pageTables = page.getByTestId('view-page-tables');
    this.device = page.getByTestId('view-device');
    this.physical = page.getByTestId('view-physical');
    this.kernelPath = page.getByTestId('view-kernel-path');
    this.counters = page.getByTestId('view-counters');
    this.picker = page.getByTestId('scenario-picker');
  }

  /** `timeout` is for addresses the browser itself is slow to navigate to (a megabyte long). */
  async load(path = '/', { timeout }: { timeout?: number } = {}): Promise<void> {
    const wait = timeout !== undefined ? { timeout } : {};
    await this.page.goto(path, wait);
    await expect(this.transport.stepCount).toBeVisible(wait);
    // Embed mode hides the details, and a hidden grid is never drawn (it has no size): there the
    // memory map is the picture to wait for.
    if (/[?&#]embed=1/.test(path)) await expect(this.page.getByTestId('map-scroll')).toBeVisible();
    else await this.canvasDrawn();
  }

  /** Wait until the frame grid has been painted at least `n` times. */
  async canvasDrawn(n = 1): Promise<void> {
    await expect
      .poll(async () => Number((await this.canvas.getAttribute('data-drawn')) ?? 0))
      .toBeGreaterThanOrEqual(n);
  }

  get canvas(): Locator {
    return this.page.getByTestId('frames-canvas');
  }

  /** What the frame grid's live region says about its keyboard focus cell. */
  get gridFocus(): Locator {
    return this.physical.getByTestId('grid-focus');
  }

  async scenarioIds(): Promise<string[]> {
    return this.picker
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  }

  async pickScenario(id: string): Promise<void> {
    await this.picker.selectOption(id);
    // A built-in other than the default is a chunk of its own: the picker shows it once it is open.
    await expect(this.picker).toHaveValue(id);
    await expect(this.transport.stepCount).toContainText('Step 0 of');
  }

  async setTheme(theme: 'light' | 'dark'): Promise<void> {
    const toggle = this.page.getByRole('button', { name: 'Dark theme' });
    const pressed = (await toggle.getAttribute('aria-pressed')) === 'true';
    if (pressed !== (theme === 'dark')) await toggle.click();
    await expect(this.page.locator('html')).toHaveAttribute('data-theme', theme);
  }

  /** A PTE cell of the page-table view. */
  pte(pid: number, vpn: number): Locator {
    return this.pageTables.locator(`button.pte[data-pid="${pid}"][data-vpn="${vpn}"]`);
  }

  /** Any PTE that maps a frame (its glyph has a letter). */
  mappedPtes(): Locator {
    return this.pageTables.locator('button.pte:not(.k-none)');
  }

  deviceRow(pfn: number): Locator {
    return this.device.locator(`tr[data-pfn="${pfn}"]`);
  }
}

/** The transport bar: buttons, keyboard, the timeline. */
export class Transport {
  readonly stepCount: Locator;
  readonly range: Locator;
  readonly strip: Locator;
  readonly announcer: Locator;

  constructor(readonly page: Page) {
    this.stepCount = page.getByTestId('step-count');
    this.range = page.getByTestId('timeline-range');
    this.strip = page.getByTestId('timeline-strip');
    this.announcer = page.getByTestId('announcer');
  }

  button(
    name: 'First step' | 'Step back' | 'Play' | 'Pause' | 'Step forward' | 'Last step',
  ): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async cursor(): Promise<number> {
    return Number(await this.range.inputValue());
  }

  async last(): Promise<number> {
    return Number(await this.range.getAttribute('max'));
  }

  /** `timeout`: for a link whose frames take a while to arrive from the worker (a big machine). */
  async expectStep(n: number, timeout?: number): Promise<void> {
    const wait = timeout === undefined ? {} : { timeout };
    await expect(this.stepCount).toContainText(`Step ${n} of`, wait);
    // The details below the fold take a step one painted frame later (src/store/lagged.ts).
    const details = this.page.locator('section.details');
    if ((await details.count()) > 0)
      await expect(details).toHaveAttribute('data-cursor', String(n), wait);
  }

  /** Press a key with focus on the page body (not in a control). */
  async key(key: string): Promise<void> {
    await this.page.locator('body').focus();
    await this.page.keyboard.press(key);
  }

  async seek(n: number): Promise<void> {
    await this.range.fill(String(n));
    await this.expectStep(n);
  }
}
