import { defineConfig, devices } from '@playwright/test';

// Playwright's own browser download does not work here: use Debian's chromium
// (scripts/ensure-chromium.mjs installs it when missing).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// PW_PORT and PW_OUT_DIR give a run its own build and server, so that two people running e2e in
// one working tree do not test each other's dist/ (defaults: 4173 and dist/).
const PORT = process.env.PW_PORT ?? '4173';
const OUT = process.env.PW_OUT_DIR ? ` --outDir ${process.env.PW_OUT_DIR}` : '';

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: 'list',
  timeout: 60_000,
  use: { baseURL: `http://127.0.0.1:${PORT}`, trace: 'off' },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `npm run build --${OUT} && npm run preview --${OUT} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    // The build alone takes ~40 s on a quiet 2-core machine and over 180 s when it is busy.
    timeout: 600_000,
  },
});
