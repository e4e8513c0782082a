/**
 * A promise that settles in a task of its own: work split across tasks lets the browser paint and
 * answer input between them (no main-thread task over 50 ms, issue 12). A MessageChannel message
 * rather than setTimeout(0): nested timeouts are clamped to 4 ms each, which 25 slices of a long
 * document would turn into 100 ms of waiting for nothing.
 */
export const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      // An open port keeps Node's event loop (tests, the CLI) alive.
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
