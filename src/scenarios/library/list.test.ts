import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinScenarios } from './all';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('sim list --json', () => {
  it('lists id, title, era and step count of every built-in, in library order', () => {
    const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['cli/sim.ts', 'list', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as unknown;
    expect(rows).toEqual(
      builtinScenarios.map((s) => ({
        id: s.id,
        title: s.title,
        era: s.era,
        steps: s.steps.length,
      })),
    );
    expect(builtinScenarios.length).toBeGreaterThanOrEqual(24);
  });
});
