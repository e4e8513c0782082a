import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestFragmentSync } from '../src/ingest';
import { parseScenario } from '../src/scenarios';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const EXAMPLE = join(ROOT, 'cli/fixtures/contract-example.json');

function sim(args: string[], input = '') {
  const r = spawnSync(TSX, ['cli/sim.ts', 'url', ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sim url', () => {
  it('prints the short form for a built-in', () => {
    expect(sim(['builtin:migrate-and-fault-back', '--step', '3'])).toEqual({
      code: 0,
      stdout: '#v=1&s=migrate-and-fault-back&t=3\n',
      stderr: '',
    });
  });
  it('prints a custom link for a file and for stdin that opens to the same scenario', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const fromFile = sim([EXAMPLE, '--step', '6']);
    const fromStdin = sim(['-', '--step', '6'], text);
    expect(fromFile.code).toBe(0);
    expect(fromStdin).toEqual(fromFile);
    expect(fromFile.stdout).toMatch(/^#v=[12]&c=[A-Za-z0-9_-]+&t=6\n$/);
    const opened = ingestFragmentSync(fromFile.stdout.trim());
    const parsed = parseScenario(text);
    expect(opened.ok && parsed.ok && opened.step).toBe(6);
    expect(opened.ok && opened.scenario).toEqual(parsed.ok && parsed.scenario);
  });
  it.each([
    [['builtin:no-such'], /^sim: unknown built-in scenario "no-such"/],
    [['builtin:migrate-and-fault-back', '--step', 'x'], /^sim: --step must be a whole number/],
    [['builtin:migrate-and-fault-back', '--step', '99'], /^sim: --step 99 is past the end/],
    [['-'], /^sim: invalid JSON/],
    [[], /^sim: url takes exactly one scenario/],
  ])('refuses %j with one line and exit 2', (args, message) => {
    const r = sim(args, '{');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n')[0]).toMatch(/^sim: [^\n]+$/);
  });
});
