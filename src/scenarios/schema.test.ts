import { describe, expect, it } from 'vitest';
import { parseScenario, parseScenarioValue } from './index';

/** The example of scenario-contract.md §2, verbatim. */
const CONTRACT_EXAMPLE = `{
  "schema": "hmm-scenario/1",
  "title": "Migrate to device memory, fault back on CPU access",
  "era": "v4.14",
  "machine": { "ramPages": 4096, "physBits": 46 },
  "steps": [
    { "op": "device_add", "device": "dmirror0", "type": "private", "note": "hmm_devmem_add hotplugs a 256 MiB chunk" },
    { "op": "spawn", "pid": 1 },
    { "op": "mmap", "pid": 1, "addr": "0x10000000", "npages": 4, "prot": "rw", "flags": ["private", "anonymous"] },
    { "op": "write", "pid": 1, "addr": "0x10000000", "npages": 4, "values": [10, 11, 12, 13] },
    { "op": "dmirror_migrate_to_dev", "device": "dmirror0", "pid": 1, "addr": "0x10000000", "npages": 4 },
    { "op": "read", "pid": 1, "addr": "0x10000000", "npages": 1 }
  ]
}`;

const SPAWN = { op: 'spawn', pid: 1 };
const DEV = { op: 'device_add', device: 'dmirror0', type: 'private' };
const range = { pid: 1, addr: '0x10000000', npages: 2 };
const doc = (steps: unknown[], top: Record<string, unknown> = {}) =>
  JSON.stringify({ schema: 'hmm-scenario/1', ...top, steps });

describe('parseScenario: valid input', () => {
  it('accepts the contract example and normalizes it to model ops', () => {
    const r = parseScenario(CONTRACT_EXAMPLE);
    if (!r.ok) throw new Error(r.error);
    const { scenario } = r;
    expect(scenario.era).toBe('v4.14');
    expect(scenario.machine).toEqual({ ramPages: 4096, physBits: 46 });
    expect(scenario.steps).toHaveLength(6);
    expect(scenario.steps[0]).toEqual({ ...DEV, note: 'hmm_devmem_add hotplugs a 256 MiB chunk' });
    expect(scenario.steps[3]).toEqual({
      op: 'write',
      pid: 1,
      addr: 0x10000000,
      npages: 4,
      values: [10, 11, 12, 13],
    });
  });

  it('fills defaults, expands `value` and accepts numeric addresses and later-era ops', () => {
    const r = parseScenario(
      doc([
        DEV,
        SPAWN,
        { op: 'write', pid: 1, addr: 4096, npages: 3, value: -7, id: 'w' },
        { op: 'gup', ...range },
        { op: 'dmirror_exclusive', device: 'dmirror0', ...range },
        { op: 'dmirror_check_exclusive', device: 'dmirror0', ...range },
        { op: 'dmirror_release', device: 'dmirror0' },
      ]),
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.scenario.machine).toEqual({ ramPages: 4096, physBits: 46 });
    expect(r.scenario.era).toBe('v4.14');
    expect(r.scenario.steps[2]).toEqual({
      op: 'write',
      pid: 1,
      addr: 4096,
      npages: 3,
      values: [-7, -7, -7],
      id: 'w',
    });
    expect(r.scenario.steps[3]).toMatchObject({ op: 'gup', flags: [] });
    expect(r.scenario.steps[6]).toEqual({ op: 'dmirror_release', device: 'dmirror0' });
  });

  it('parseScenarioValue takes already-parsed input', () => {
    const r = parseScenarioValue(JSON.parse(CONTRACT_EXAMPLE));
    expect(r.ok).toBe(true);
  });
});

const bad: [name: string, input: string, error: string | RegExp][] = [
  // V8's wording varies between versions; the prefix and the single line are ours.
  ['bad JSON', '{"schema": "hmm-scenario/1",', /^invalid JSON: \S[^\n]*$/],
  ['bad JSON with a newline in it', '{"schema":\n x}', /^invalid JSON: [^\n]*$/],
  ['not an object', '[1, 2]', 'scenario must be a JSON object, got an array'],
  [
    'unknown op',
    doc([{ op: 'mmapp', pid: 1 }]),
    'step 1 (steps[0]): field "op": unknown op "mmapp"',
  ],
  ['op missing', doc([{ pid: 1 }]), 'step 1 (steps[0]): field "op": missing'],
  ['step not an object', doc([SPAWN, 7]), 'step 2 (steps[1]): must be an object, got 7'],
  [
    'missing field',
    doc([SPAWN, { op: 'mmap', ...range, prot: 'rw' }]),
    'step 2 (mmap, steps[1]): field "flags": missing',
  ],
  [
    'ill-typed field',
    doc([{ op: 'spawn', pid: '1' }]),
    'step 1 (spawn, steps[0]): field "pid": must be an integer, got "1"',
  ],
  [
    'pid out of range',
    doc([{ op: 'spawn', pid: 0 }]),
    'step 1 (spawn, steps[0]): field "pid": must be at least 1, got 0',
  ],
  [
    'unaligned addr',
    doc([SPAWN, SPAWN, { op: 'mmap', ...range, addr: '0x1001', prot: 'rw', flags: ['private'] }]),
    'step 3 (mmap, steps[2]): field "addr": must be page aligned (4096), got "0x1001"',
  ],
  [
    'addr not hex',
    doc([SPAWN, { op: 'read', ...range, addr: '4096' }]),
    'step 2 (read, steps[1]): field "addr": must be a hex string like "0x1000", got "4096"',
  ],
  [
    'negative addr',
    doc([SPAWN, { op: 'read', ...range, addr: -4096 }]),
    'step 2 (read, steps[1]): field "addr": must be a non-negative integer, got -4096',
  ],
  [
    'kernel addr',
    doc([SPAWN, { op: 'read', ...range, addr: '0x800000000000' }]),
    'step 2 (read, steps[1]): field "addr": must be below 2^47 (the end of user space), got "0x800000000000"',
  ],
  [
    'range past user space',
    doc([SPAWN, { op: 'read', ...range, addr: '0x7ffffffff000' }]),
    'step 2 (read, steps[1]): field "npages": the range ends beyond 2^47 (the end of user space), got 2',
  ],
  [
    'huge npages',
    doc([SPAWN, { op: 'read', ...range, npages: 1e9 }]),
    'step 2 (read, steps[1]): field "npages": must be at most 65536, got 1000000000',
  ],
  [
    'fractional npages',
    doc([SPAWN, { op: 'read', ...range, npages: 1.5 }]),
    'step 2 (read, steps[1]): field "npages": must be an integer, got 1.5',
  ],
  [
    'unknown device',
    doc([SPAWN, { op: 'dmirror_read', device: 'dmirror1', ...range }]),
    'step 2 (dmirror_read, steps[1]): field "device": unknown device "dmirror1" (no device_add before this step)',
  ],
  [
    'device used before device_add',
    doc([{ op: 'inject', device: 'dmirror0', fault: 'oom' }, DEV]),
    'step 1 (inject, steps[0]): field "device": unknown device "dmirror0" (no device_add before this step)',
  ],
  [
    'device added twice',
    doc([DEV, DEV]),
    'step 2 (device_add, steps[1]): field "device": device "dmirror0" already exists (added at step 1)',
  ],
  [
    'reserved device name',
    doc([{ ...DEV, device: 'constructor' }]),
    'step 1 (device_add, steps[0]): field "device": is a reserved name, got "constructor"',
  ],
  [
    'unknown pid',
    doc([SPAWN, { op: 'read', ...range, pid: 2 }]),
    'step 2 (read, steps[1]): field "pid": unknown pid 2 (no spawn or fork creates it before this step)',
  ],
  [
    'fork of an unknown parent',
    doc([{ op: 'fork', pid: 1, child: 2 }]),
    'step 1 (fork, steps[0]): field "pid": unknown pid 1 (no spawn or fork creates it before this step)',
  ],
  [
    'spawn of an existing pid',
    doc([SPAWN, SPAWN]),
    'step 2 (spawn, steps[1]): field "pid": pid 1 already exists (step 1)',
  ],
  [
    'fork onto an existing pid',
    doc([SPAWN, { op: 'spawn', pid: 2 }, { op: 'fork', pid: 1, child: 2 }]),
    'step 3 (fork, steps[2]): field "child": pid 2 already exists (step 2)',
  ],
  ['unknown era', doc([], { era: 'v9' }), 'field "era": unknown era "v9" (known: v4.14, v6.12)'],
  [
    'values length mismatch',
    doc([SPAWN, { op: 'write', ...range, values: [1, 2, 3] }]),
    'step 2 (write, steps[1]): field "values": must have npages (2) entries, got 3',
  ],
  [
    'values entry not an integer',
    doc([SPAWN, { op: 'write', ...range, values: [1, 'x'] }]),
    'step 2 (write, steps[1]): field "values[1]": must be an integer, got "x"',
  ],
  [
    'both value and values',
    doc([SPAWN, { op: 'write', ...range, value: 1, values: [1, 2] }]),
    'step 2 (write, steps[1]): field "value": give either "value" or "values", not both',
  ],
  [
    'neither value nor values',
    doc([DEV, SPAWN, { op: 'dmirror_write', device: 'dmirror0', ...range }]),
    'step 3 (dmirror_write, steps[2]): field "values": missing (give "value" or "values")',
  ],
  [
    'absurd ramPages',
    doc([], { machine: { ramPages: 2 ** 40 } }),
    'field "machine.ramPages": must be at most 1048576, got 1099511627776',
  ],
  [
    'tiny physBits',
    doc([], { machine: { physBits: 12 } }),
    'field "machine.physBits": must be at least 36, got 12',
  ],
  [
    'extra key in a step',
    doc([{ ...SPAWN, pdi: 2 }]),
    'step 1 (spawn, steps[0]): field "pdi": unknown field',
  ],
  ['extra key at top level', doc([], { author: 'me' }), 'field "author": unknown field'],
  [
    'bad enum value',
    doc([SPAWN, { op: 'madvise', ...range, advice: 'willneed' }]),
    'step 2 (madvise, steps[1]): field "advice": must be one of "dontneed", "free", got "willneed"',
  ],
  [
    'note too long',
    doc([{ ...SPAWN, note: 'x'.repeat(2001) }]),
    'step 1 (spawn, steps[0]): field "note": must be at most 2000 characters, got 2001',
  ],
  [
    'duplicate step id',
    doc([
      { ...SPAWN, id: 'a' },
      { op: 'exit', pid: 1, id: 'a' },
    ]),
    'step 2 (exit, steps[1]): field "id": duplicate step id "a" (also step 1)',
  ],
  ['schema missing', JSON.stringify({ steps: [] }), 'field "schema": missing'],
  [
    'unknown schema version',
    JSON.stringify({ schema: 'hmm-scenario/9', steps: [] }),
    'field "schema": unknown schema version "hmm-scenario/9" (known: hmm-scenario/1)',
  ],
  [
    'schema version from Object.prototype',
    JSON.stringify({ schema: 'toString', steps: [] }),
    'field "schema": unknown schema version "toString" (known: hmm-scenario/1)',
  ],
  [
    'steps not an array',
    JSON.stringify({ schema: 'hmm-scenario/1', steps: {} }),
    'field "steps": must be an array, got an object',
  ],
];

describe('parseScenario: invalid input', () => {
  it.each(bad)('%s', (_name, input, error) => {
    const r = parseScenario(input);
    if (typeof error === 'string') expect(r).toEqual({ ok: false, error });
    else expect(r.ok ? null : r.error).toMatch(error);
  });

  it('reports every error as one line', () => {
    for (const [, input] of bad) {
      const r = parseScenario(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).not.toMatch(/\n/);
    }
  });
});
