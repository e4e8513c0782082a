import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const EXAMPLE = join(ROOT, 'cli/fixtures/contract-example.json');
const TMP = mkdtempSync(join(tmpdir(), 'sim-test-'));

function sim(args: string[], input?: string) {
  const r = spawnSync(TSX, ['cli/sim.ts', ...args], {
    cwd: ROOT,
    input: input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, nothing on stdout, exactly one `sim: ...` line on stderr, no stack trace. */
function expectOneLineError(r: ReturnType<typeof sim>, message: string | RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^sim: [^\n]*\n$/);
  expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  if (typeof message === 'string') expect(r.stderr).toBe(`sim: ${message}\n`);
  else expect(r.stderr).toMatch(message);
}

describe('sim: errors (no model needed)', () => {
  it('invalid scenario on stdin: exit 2, one line naming step and field', () => {
    const r = sim(
      ['run', '-'],
      '{"schema":"hmm-scenario/1","steps":[{"op":"spawn","pid":1},{"op":"mmap","pid":1,"addr":"0x1001","npages":1,"prot":"rw","flags":["private"]}]}',
    );
    expectOneLineError(
      r,
      'step 2 (mmap, steps[1]): field "addr": must be page aligned (4096), got "0x1001"',
    );
  });

  it('bad JSON in a file, a missing file, an unknown builtin', () => {
    const bad = join(TMP, 'bad.json');
    writeFileSync(bad, '{"schema": "hmm-scenario/1",\n  "steps": [}');
    expectOneLineError(sim(['run', bad]), /^sim: invalid JSON: /);
    expectOneLineError(
      sim(['run', join(TMP, 'missing.json')]),
      /^sim: cannot read ".*missing\.json": no such file\n$/,
    );
    expectOneLineError(
      sim(['run', 'builtin:nope']),
      'unknown built-in scenario "nope" (see: sim list)',
    );
  });

  it('prints no control character from the input (ESC, BEL, C1, bidi)', () => {
    const hostile = 'mmap\u001b]0;pwned\u0007\u009b31m\u202e';
    const r = sim(
      ['run', '-'],
      JSON.stringify({ schema: 'hmm-scenario/1', steps: [{ op: hostile }] }),
    );
    expectOneLineError(
      r,
      'step 1 (steps[0]): field "op": unknown op "mmap\\u001b]0;pwned\\u0007\\u009b31m\\u202e"',
    );
    const path = join(TMP, 'title\u001b]0;x\u0007\u009b.json');
    expectOneLineError(
      sim(['run', path]),
      /^sim: cannot read ".*title\\u001b\]0;x\\u0007\\u009b\.json": no such file\n$/,
    );
    const cmd = sim(['ru\u001bn']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr.split('\n')[0]).toBe('sim: unknown command "ru\\u001bn"');
    for (const out of [r.stderr, cmd.stderr])
      expect(out.replace(/\n/g, '')).not.toMatch(/[\p{Cc}\u202e]/u);
  });

  // Issue 11 §2: this ran out of memory after 3.5 minutes (exit 134, an 18-line V8 stack).
  it('refuses the 983,040-page migration before running it: exit 2, one line, no stack', () => {
    const steps: unknown[] = [
      { op: 'device_add', device: 'dmirror0', type: 'private' },
      { op: 'spawn', pid: 1 },
    ];
    for (let i = 0; i < 15; i++) {
      const addr = `0x${(0x10000000 + i * 0x10000000).toString(16)}`;
      const flags = ['private', 'anonymous'];
      steps.push({ op: 'mmap', pid: 1, addr, npages: 65536, prot: 'rw', flags });
      steps.push({ op: 'dmirror_migrate_to_dev', device: 'dmirror0', pid: 1, addr, npages: 65536 });
    }
    const file = join(TMP, 'migrate-983040.json');
    const machine = { ramPages: 1_048_576 };
    writeFileSync(file, JSON.stringify({ schema: 'hmm-scenario/1', machine, steps }));
    expectOneLineError(
      sim(['run', file]),
      /^sim: .*scenario asks for about [\d,]+ units of work, more than 1,048,576 .*step 4 \(dmirror_migrate_to_dev, steps\[3\]\).*\n$/,
    );
  });

  it('refuses more than 64 MiB on stdin', () => {
    expectOneLineError(sim(['run', '-'], ' '.repeat(64 * 1024 * 1024 + 10)), /64 MiB/);
  });

  it('unknown command, unknown flag, missing argument: usage on stderr, exit 2', () => {
    for (const args of [
      ['frobnicate'],
      ['run', 'builtin:x', '--bogus'],
      ['run'],
      [],
      ['list', 'x'],
    ]) {
      const r = sim(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^sim: .*\nusage: /);
    }
  });

  it('list --json prints [{id, title, era, steps}]', () => {
    const r = sim(['list', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['era', 'id', 'steps', 'title']);
      expect([typeof row.id, typeof row.title, row.era, typeof row.steps]).toEqual([
        'string',
        'string',
        'v4.14',
        'number',
      ]);
    }
    expect(rows.map((x) => x.id)).toContain('migrate-and-fault-back');
  });
});

describe('sim run (needs src/model)', () => {
  it('runs the contract example from stdin: one hmm-result/1 document, exit 0', () => {
    const r = sim(['run', '-'], readFileSync(EXAMPLE, 'utf8'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as {
      schema: string;
      era: string;
      steps: unknown[];
      final: unknown;
    };
    expect(result.schema).toBe('hmm-result/1');
    expect(result.era).toBe('v4.14');
    expect(result.steps).toHaveLength(6);
    expect(result.final).toBeTypeOf('object');
    expect(result.steps.every((s) => !Object.hasOwn(s as object, 'state'))).toBe(true);
  });

  it('runs a file, and --states adds the state after every step', () => {
    const r = sim(['run', EXAMPLE, '--states']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { steps: { index: number; state?: unknown }[] };
    expect(result.steps.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const s of result.steps) expect(s.state).toBeTypeOf('object');
  });

  it("runs the README's examples/scenario.json to the same result as its built-in", () => {
    const file = sim(['run', 'examples/scenario.json']);
    expect(file.code).toBe(0);
    expect(file.stdout).toBe(sim(['run', 'builtin:migrate-and-fault-back']).stdout);
  });

  it('runs every built-in scenario by id', () => {
    const rows = JSON.parse(sim(['list', '--json']).stdout) as { id: string; steps: number }[];
    for (const { id, steps } of rows) {
      const r = sim(['run', `builtin:${id}`]);
      expect(r.stderr, id).toBe('');
      expect(r.code, id).toBe(0);
      expect((JSON.parse(r.stdout) as { steps: unknown[] }).steps, id).toHaveLength(steps);
    }
    // One tsx process per built-in (~2 s each on a loaded machine, 40+ built-ins): the timeout only
    // guards against a hang, so it grows with the library instead of timing the machine.
  }, 600_000);
});

describe('sim: eras (--era, compare)', () => {
  it('run --era v6.12 overrides the file and says so in the result', () => {
    const r = sim(['run', 'builtin:fork-cow-device-private', '--era', 'v6.12']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { era: string; steps: { result: unknown }[] };
    expect(doc.era).toBe('v6.12');
    expect(doc.steps[7]?.result).toEqual({ ret: 0, values: [1] });
  });

  it('run --era with an unknown era: exit 2, one line', () => {
    const r = sim(['run', 'builtin:fork-cow-device-private', '--era', 'v5']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sim: --era: unknown era "v5" \(known: v4\.14, v6\.12\)\n/);
  });

  it('compare prints the fork livelock at step 7 in v4.14 and the migration back in v6.12', () => {
    const r = sim(['compare', 'builtin:fork-cow-device-private', '--eras', 'v4.14,v6.12']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      schema: string;
      eras: string[];
      steps: { index: number; summary: string }[];
    };
    expect(doc.schema).toBe('hmm-compare/1');
    expect(doc.eras).toEqual(['v4.14', 'v6.12']);
    const s7 = doc.steps.find((s) => s.index === 7);
    expect(s7?.summary).toBe(
      'step 8: v4.14 livelock, PTE device-private R · v6.12 read 1, PTE present R',
    );
  });
});
