/**
 * In-page source (a string: tsx would wrap a function's closures in a helper the page lacks) of
 * `nextPaint()`: a promise that settles once the next frame has been painted, that is when the
 * task that ran its frame callbacks, style, layout, paint and commit is over. The frame callback
 * posts a user-blocking task: Chromium's scheduler runs it before the ordinary tasks already
 * queued, such as the details' catch-up that store/lagged.ts starts after the frame, so the time
 * measured is the frame's and not that of the work the app deliberately put after it. (A timer
 * here measured that catch-up too: 2–6 ms more per step on the bench machine, seen in a trace as
 * the gap between the frame's Commit and the timer.)
 */
export const NEXT_PAINT = `() => new Promise((r) => requestAnimationFrame(() => {
  if (globalThis.scheduler && typeof globalThis.scheduler.postTask === 'function')
    globalThis.scheduler.postTask(() => r(), { priority: 'user-blocking' });
  else {
    const c = new MessageChannel();
    c.port1.onmessage = () => r();
    c.port2.postMessage(0);
  }
}))`;
