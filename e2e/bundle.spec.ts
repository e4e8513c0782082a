import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from './fixtures';

/**
 * Initial JS ≤ 150 kB gzip (perf goal G-P1, stretch). The webServer builds dist/ before the suite;
 * the entry chunk is whatever dist/index.html loads, plus its modulepreloads.
 */
test('initial JavaScript is at most 150 kB gzip', () => {
  const dist = resolve(process.cwd(), process.env.PW_OUT_DIR ?? 'dist'); // the build under test
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map(
    (m) => m[1] ?? '',
  );
  expect(srcs.length).toBeGreaterThan(0);
  const kb = srcs.reduce((n, s) => n + gzipSync(readFileSync(join(dist, s))).length, 0) / 1024;
  console.log(`initial JS: ${srcs.join(', ')} = ${kb.toFixed(1)} kB gzip`);
  expect(kb).toBeLessThanOrEqual(150);
});
