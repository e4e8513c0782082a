/**
 * Regenerates src/scenarios/golden/<id>.json (and golden/v6.12/<id>.json, the same built-in run
 * with the era overridden): the full hmm-result/1 document (no --states) of
 * every built-in scenario, exactly as `sim run builtin:<id>` prints it. Golden files of
 * scenarios that no longer exist are removed. Run with `npm run golden` after a deliberate
 * change to the model or the library, and review the diff.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario, toResultJson } from '../src/model';
import { builtinScenarios } from '../src/scenarios/library/all';
// Every era's image (the app loads v6.12 as a chunk of its own).
import '../src/model/vmlinux_v612';

const DIR = fileURLToPath(new URL('../src/scenarios/golden/', import.meta.url));

function readOr(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

mkdirSync(DIR, { recursive: true });
const wanted = new Set<string>();
let changed = 0;
for (const scenario of builtinScenarios) {
  const name = `${scenario.id}.json`;
  wanted.add(name);
  const result = toResultJson(scenario, runScenario(scenario), { states: false });
  const text = `${JSON.stringify(result, null, 2)}\n`;
  const path = join(DIR, name);
  if (readOr(path) !== text) {
    writeFileSync(path, text);
    changed += 1;
    process.stdout.write(`updated ${name}\n`);
  }
}
// Every built-in also runs in v6.12 (the era override of `sim run --era v6.12`).
const DIR612 = join(DIR, 'v6.12');
mkdirSync(DIR612, { recursive: true });
const wanted612 = new Set<string>();
for (const scenario of builtinScenarios) {
  const name = `${scenario.id}.json`;
  wanted612.add(name);
  const input = { ...scenario, era: 'v6.12' as const };
  const text = `${JSON.stringify(toResultJson(input, runScenario(input), { states: false }), null, 2)}\n`;
  const path = join(DIR612, name);
  if (readOr(path) !== text) {
    writeFileSync(path, text);
    changed += 1;
    process.stdout.write(`updated v6.12/${name}\n`);
  }
}
for (const name of readdirSync(DIR612)) {
  if (name.endsWith('.json') && !wanted612.has(name)) {
    rmSync(join(DIR612, name));
    changed += 1;
  }
}
for (const name of readdirSync(DIR)) {
  if (name.endsWith('.json') && !wanted.has(name)) {
    rmSync(join(DIR, name));
    changed += 1;
    process.stdout.write(`removed ${name}\n`);
  }
}
process.stdout.write(`${builtinScenarios.length} golden files, ${changed} changed\n`);
