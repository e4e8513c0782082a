/**
 * Issue 12: a 100,000-step scenario works end to end through the CLI. One `sim run --states` of a
 * generated scenario of one-page steps is read as it streams, one step record at a time, the way
 * a script reading a long result must: the whole document is hundreds of MB. The expectations come from the scenario itself (a page reads back the value last
 * written to it, wherever it lives), not from a recorded run. No timing: the timeout only guards
 * against a hang.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pageAddr, privateMappingSetup } from '../src/test/longScenario';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const STEPS = 100_000;
const PAGES = 4;

interface Step {
  op: string;
  addr?: string;
  value?: number;
  [k: string]: unknown;
}

/**
 * Blocks of 16 steps on one page at a time (4 pages): migrate it to the device, read it through
 * the mirror, read it on the CPU (the fault brings it back), then write and read it in turn. Small
 * states keep the --states document at ~5 KB a step (~500 MB in all) rather than ~40 KB.
 */
function scenario(): { steps: Step[]; written: Map<string, number> } {
  const steps = privateMappingSetup(PAGES) as Step[];
  const written = new Map<string, number>();
  for (let i = 0; steps.length < STEPS; i++) {
    const page = { pid: 1, addr: pageAddr(Math.floor(i / 16) % PAGES), npages: 1 };
    const phase = i % 16;
    if (phase === 0) steps.push({ op: 'dmirror_migrate_to_dev', device: 'dmirror0', ...page });
    else if (phase === 1) steps.push({ op: 'dmirror_read', device: 'dmirror0', ...page });
    else if (phase % 2 === 0) steps.push({ op: 'read', ...page });
    else {
      steps.push({ op: 'write', ...page, value: i % 251 });
      written.set(page.addr, i % 251);
    }
  }
  return { steps, written };
}

interface ResultStep {
  index: number;
  op: string;
  result: { ret?: number; values?: number[] };
  violations: unknown[];
  state?: { processes: Record<string, { ptes: Record<string, { pfn?: string }> }> };
}

interface Final {
  processes: Record<string, { ptes: Record<string, { kind: string; pfn?: string }> }>;
  pages: Record<string, { value: number }>;
}

/**
 * Runs the CLI and reads its output line by line: a step record is the lines from `    {` to
 * `    }` (JSON.stringify's indentation, which the contract's output keeps), parsed and checked by
 * `onStep`, then dropped; the rest (schema, era, an empty steps array, final) is parsed at the end.
 */
async function runStreaming(
  args: string[],
  onStep: (s: ResultStep) => void,
): Promise<{ code: number | null; stderr: string; rest: unknown; longest: number }> {
  const child = spawn(TSX, ['cli/sim.ts', ...args], { cwd: ROOT });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((done) => child.on('close', done));
  const rest: string[] = [];
  let record: string[] | null = null;
  let longest = 0;
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    longest = Math.max(longest, line.length);
    if (record === null && line === '    {') record = [line];
    else if (record !== null && (line === '    }' || line === '    },')) {
      record.push('    }');
      onStep(JSON.parse(record.join('\n')) as ResultStep);
      record = null;
    } else if (record !== null) record.push(line);
    else rest.push(line);
  }
  const code = await exited;
  return { code, stderr, rest: JSON.parse(rest.join('\n')) as unknown, longest };
}

describe('sim run: a 100,000-step scenario (issue 12)', () => {
  it('runs end to end and streams --states: every step, its state, no violations, the values written', async () => {
    const { steps, written } = scenario();
    const file = join(mkdtempSync(join(tmpdir(), 'sim-long-')), 'long.json');
    writeFileSync(file, JSON.stringify({ schema: 'hmm-scenario/1', title: 'long', steps }));

    let count = 0;
    let violations = 0;
    let states = 0;
    let readsChecked = 0;
    const last = new Map<string, number>();
    const out = await runStreaming(['run', file, '--states'], (s) => {
      expect(s.index).toBe(count);
      const step = steps[count];
      expect(s.op).toBe(step?.op);
      count += 1;
      violations += s.violations.length;
      if (typeof s.state?.processes === 'object') states += 1;
      if (step?.op === 'write' && step.addr !== undefined && step.value !== undefined)
        last.set(step.addr, step.value);
      // Wherever the page is (RAM, the device), a read gives back the value last written.
      const known = step?.addr === undefined ? undefined : last.get(step.addr);
      if ((step?.op === 'read' || step?.op === 'dmirror_read') && known !== undefined) {
        expect(s.result.values, `step ${s.index}`).toEqual([known]);
        readsChecked += 1;
      }
    });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(count).toBe(STEPS);
    expect(states).toBe(STEPS);
    expect(violations).toBe(0);
    expect(readsChecked).toBeGreaterThan(STEPS / 3);
    // Streamed: no line grows with the scenario.
    expect(out.longest).toBeLessThan(4096);

    const doc = out.rest as { schema: string; era: string; steps: unknown[]; final: Final };
    expect([doc.schema, doc.era, doc.steps]).toEqual(['hmm-result/1', 'v4.14', []]);
    const ptes = doc.final.processes['1']?.ptes ?? {};
    expect(written.size).toBe(PAGES);
    for (const [addr, value] of written) {
      const pfn = ptes[addr]?.pfn;
      expect(pfn, addr).toBeDefined();
      expect(doc.final.pages[pfn ?? '']?.value, addr).toBe(value);
    }
    // A guard against a hang, not a measure: ~1 minute on a quiet 2-core machine, 4 on a busy one.
  }, 900_000);
});
