/**
 * The suite's `test`: every spec imports it from here instead of '@playwright/test'. It listens
 * for `securitypolicyviolation` in every page and frame of the test's browser context (and of any
 * context made with `newWatchedContext`) and fails the test on the first one (goal G-S4: 0
 * violations across the suite). Counts go to test-results/csp.jsonl, one line per test.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions } from '@playwright/test';
import { expect, test as base } from '@playwright/test';

export { expect };

export interface CspReport {
  readonly directive: string;
  readonly blocked: string;
  readonly source: string;
  readonly sample: string;
}

/** Runs in every document before its own scripts. */
function listenForViolations(): void {
  document.addEventListener('securitypolicyviolation', (e) => {
    const report = (window as unknown as { __cspReport?: (r: unknown) => void }).__cspReport;
    report?.({
      directive: e.effectiveDirective,
      blocked: e.blockedURI,
      source: `${e.sourceFile}:${e.lineNumber}`,
      sample: e.sample,
    });
  });
}

/** Collect the violations of every page of `context` into `into`. */
export async function watchCsp(context: BrowserContext, into: CspReport[]): Promise<void> {
  await context.exposeBinding('__cspReport', (_source, r: CspReport) => {
    into.push(r);
  });
  await context.addInitScript(listenForViolations);
}

/** Reports of the contexts the current test made itself. */
let extra: CspReport[][] = [];

/** A fresh browser context (no storage, no service worker) whose CSP violations count too. */
export async function newWatchedContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  const list: CspReport[] = [];
  extra.push(list);
  await watchCsp(context, list);
  return context;
}

export const test = base.extend<{ cspViolations: CspReport[] }>({
  cspViolations: [
    async ({ context }, use, info) => {
      const found: CspReport[] = [];
      extra = [];
      await watchCsp(context, found);
      await use(found);
      const all = [...found, ...extra.flat()];
      mkdirSync('test-results', { recursive: true });
      appendFileSync(
        'test-results/csp.jsonl',
        `${JSON.stringify({ test: info.titlePath.join(' › '), violations: all.length })}\n`,
      );
      expect(all, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});
