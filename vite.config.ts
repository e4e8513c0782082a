/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspMeta } from './scripts/vite-csp.ts';
import { pwa } from './scripts/vite-pwa.ts';
import { preloadWhatIsMissing } from './scripts/vite-preload.ts';

const preload = preloadWhatIsMissing();

export default defineConfig({
  base: './',
  plugins: [react(), cspMeta(), pwa(), preload.plugin],
  build: { modulePreload: { resolveDependencies: preload.resolveDependencies } },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'cli/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    setupFiles: ['src/test/eras.setup.ts'],
    // gc(): tests that a cache lets go of what it no longer needs (sceneCache.test.ts).
    execArgv: ['--expose-gc'],
  },
});
