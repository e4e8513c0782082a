/**
 * Wait until the bench machine (?bench=1 or ?bench=small) is on screen and done: the app boots on
 * the default scenario and opens the bench document as it opens a link (the big one in the trace
 * worker, streamed onto the screen as it grows), so the default scenario's step counter and map
 * appear first. Ready is: no background run, the bench document on screen, and the map has drawn
 * the step at the cursor.
 */
import type { Page } from '@playwright/test';

export async function benchReady(page: Page, timeout = 180_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const store = (window as { __hmmStore?: { getState(): unknown } }).__hmmStore;
      const s = store?.getState() as
        { loading: unknown; cursor: number; scenario: { title: string } } | undefined;
      return (
        s !== undefined &&
        s.loading === null &&
        s.scenario.title === 'Render benchmark' &&
        document.querySelector('svg.map-svg')?.getAttribute('data-cursor') === String(s.cursor)
      );
    },
    null,
    { timeout, polling: 100 },
  );
}
