import type { Browser } from '@playwright/test';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import config from '../playwright.config';

/**
 * Builds the app (unless `rebuild` is false), serves it with vite preview and launches the e2e
 * suite's Chromium; runs `fn` with the browser and the server's URL, then closes both.
 * PW_OUT_DIR / PW_PORT (as for e2e) give a run its own build and server.
 */
export async function withPreviewBrowser<T>(
  rebuild: boolean,
  fn: (browser: Browser, url: string) => Promise<T>,
): Promise<T> {
  const outDir = process.env.PW_OUT_DIR ?? 'dist';
  const port = Number(process.env.PW_PORT) || 4319;
  if (rebuild) await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    build: { outDir },
    preview: { port, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4319/';
  const launch = config.projects?.[0]?.use?.launchOptions ?? {};
  const browser = await chromium.launch({
    ...launch,
    executablePath: launch.executablePath ?? '/usr/bin/chromium',
  });
  try {
    return await fn(browser, url);
  } finally {
    await browser.close();
    await server.close();
  }
}
