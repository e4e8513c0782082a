import { describe, expect, it } from 'vitest';
import { MAX_SCENARIO_BYTES, parseScenario, parseScenarioValue } from './index';

const SPAWN = { op: 'spawn', pid: 1 };
const doc = (steps: unknown[]) => JSON.stringify({ schema: 'hmm-scenario/1', steps });

describe('parseScenario: defensive limits', () => {
  it('rejects more than 100,000 steps (the structural cap: a link carries as many)', () => {
    const steps = Array.from({ length: 100_001 }, (_, i) => ({ op: 'spawn', pid: i + 1 }));
    expect(parseScenario(doc(steps))).toEqual({
      ok: false,
      error: 'field "steps": must have at most 100000 steps, got 100001',
    });
  });

  it('refuses input over 16 MiB before JSON.parse, counting UTF-8 bytes', () => {
    expect(parseScenario(' '.repeat(MAX_SCENARIO_BYTES + 1))).toEqual({
      ok: false,
      error: 'scenario is larger than 16777216 bytes (16 MiB)',
    });
    const wide = doc([{ ...SPAWN, note: 'é'.repeat(MAX_SCENARIO_BYTES / 2) }]);
    expect(wide.length).toBeLessThan(MAX_SCENARIO_BYTES * 1.01);
    const r = parseScenario(wide);
    expect(r.ok ? null : r.error).toBe('scenario is larger than 16777216 bytes (16 MiB)');
    // A reader that allows more (the CLI: 64 MiB) or less says so.
    expect(parseScenario(doc([SPAWN]), { maxBytes: 20 })).toEqual({
      ok: false,
      error: 'scenario is larger than 20 bytes',
    });
    const over = ` ${doc([SPAWN])}`.padStart(MAX_SCENARIO_BYTES + 1);
    expect(parseScenario(over, { maxBytes: 2 * MAX_SCENARIO_BYTES }).ok).toBe(true);
  });

  it('a __proto__ key is an unknown field and pollutes nothing', () => {
    const text = `{"schema":"hmm-scenario/1","steps":[{"op":"spawn","pid":1,"__proto__":{"polluted":1}}],"__proto__":{"polluted":1}}`;
    const r = parseScenario(text);
    expect(r).toEqual({
      ok: false,
      error: 'step 1 (spawn, steps[0]): field "__proto__": unknown field',
    });
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives hostile and deeply nested values without throwing', () => {
    const hostile = {
      get schema(): string {
        throw new Error('boom');
      },
    };
    expect(parseScenarioValue(hostile)).toEqual({
      ok: false,
      error: 'scenario could not be read: boom',
    });
    const deep = `{"schema":"hmm-scenario/1","steps":[],"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const r = parseScenario(deep);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).not.toMatch(/\n/);
    expect(parseScenarioValue(null)).toEqual({
      ok: false,
      error: 'scenario must be a JSON object, got null',
    });
  });

  it('refuses a document whose steps would touch too many pages, before the schema runs', () => {
    const step = { op: 'read', pid: 1, addr: '0x10000000', npages: 65536 };
    const doc = {
      schema: 'hmm-scenario/1',
      steps: [{ op: 'spawn', pid: 1 }, ...Array.from({ length: 17 }, () => step)],
    };
    const r = parseScenario(JSON.stringify(doc));
    expect(r).toEqual({
      ok: false,
      error: 'scenario touches 1114112 pages in all; at most 1048576 are allowed',
    });
  });
});
