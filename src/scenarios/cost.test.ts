import { describe, expect, it } from 'vitest';
import { builtinScenarios } from './library/all';
import { MAX_COST_UNITS, STEP_UNITS, checkCost, estimateCost } from './cost';
import { parseScenarioValue } from './parse';
import type { Scenario } from './schema';

const A = '0x10000000';
const spawn = { op: 'spawn', pid: 1 };
const mmap = (npages: number) => ({
  op: 'mmap',
  pid: 1,
  addr: A,
  npages,
  prot: 'rw',
  flags: ['private', 'anonymous'],
});
const doc = (steps: unknown[]) => ({ schema: 'hmm-scenario/1', title: 't', steps });

function parsed(steps: unknown[]): Scenario {
  const p = parseScenarioValue(doc(steps), { unbounded: true });
  if (!p.ok) throw new Error(p.error);
  return p.scenario;
}

describe('estimateCost', () => {
  it('counts page ops by npages and a migration five times', () => {
    const write = estimateCost(
      parsed([spawn, mmap(1000), { op: 'write', pid: 1, addr: A, npages: 1000, value: 1 }]),
    );
    // Every step costs STEP_UNITS besides its pages.
    expect(write.units).toBe(3 * STEP_UNITS + 1 + 1 + 1000);
    const dev = { op: 'device_add', device: 'dmirror0', type: 'private' };
    const migrate = {
      op: 'dmirror_migrate_to_dev',
      device: 'dmirror0',
      pid: 1,
      addr: A,
      npages: 1000,
    };
    const e = estimateCost(parsed([dev, spawn, mmap(1000), migrate]));
    expect(e.units).toBe(4 * STEP_UNITS + 16 + 1 + 1 + 5000);
    expect(e.worst).toEqual({ index: 3, op: 'dmirror_migrate_to_dev', units: STEP_UNITS + 5000 });
  });

  it('counts fork and exit by the pages the process maps, and the VMA ops by what they can reach', () => {
    // mprotect over 65,536 pages of a 10-page mapping walks 10 PTEs, not 65,536.
    const small = estimateCost(
      parsed([spawn, mmap(10), { op: 'mprotect', pid: 1, addr: A, npages: 65536, prot: 'r' }]),
    );
    expect(small.units).toBe(3 * STEP_UNITS + 1 + 1 + 10 * 0.5);
    // Repeated forks of a big mapping: each copies every PTE (the work the page budget missed).
    const forks = Array.from({ length: 20 }, (_, i) => [
      { op: 'fork', pid: 1, child: 2 + i },
    ]).flat();
    const e = estimateCost(parsed([spawn, mmap(65536), ...forks]));
    expect(e.units).toBe(22 * STEP_UNITS + 2 + 20 * 1.5 * 65536);
    expect(e.units).toBeGreaterThan(MAX_COST_UNITS);
    // A child inherits the mapping: its exit zaps all of it; after munmap nothing is left to copy.
    const child = estimateCost(
      parsed([
        spawn,
        mmap(100),
        { op: 'fork', pid: 1, child: 2 },
        { op: 'exit', pid: 2 },
        { op: 'munmap', pid: 1, addr: A, npages: 100 },
        { op: 'fork', pid: 1, child: 3 },
      ]),
    );
    expect(child.units).toBe(6 * STEP_UNITS + 1 + 1 + 150 + 150 + 175 + 1);
  });

  it('every built-in fits the budget', () => {
    for (const b of builtinScenarios) {
      expect(estimateCost(b).units, b.id).toBeLessThanOrEqual(MAX_COST_UNITS);
    }
  });
});

describe('the budget in parseScenarioValue', () => {
  it('refuses the 983,040-page migration that ran the CLI out of memory, in one line naming the step', () => {
    const steps: unknown[] = [{ op: 'device_add', device: 'dmirror0', type: 'private' }, spawn];
    for (let i = 0; i < 15; i++) {
      const addr = `0x${(0x10000000 + i * 0x10000000).toString(16)}`;
      steps.push({ ...mmap(65536), addr });
      steps.push({ op: 'dmirror_migrate_to_dev', device: 'dmirror0', pid: 1, addr, npages: 65536 });
    }
    const p = parseScenarioValue(doc(steps));
    expect(p).toEqual({
      ok: false,
      error:
        'scenario asks for about 4,915,360 units of work, more than 1,048,576 (a unit is one page ' +
        'through the fault path); the largest is step 4 (dmirror_migrate_to_dev, steps[3]) with ' +
        '327,684: use fewer pages (npages) or fewer steps',
    });
  });

  it('refuses 1,000 mprotects over a populated mapping, which the page budget let through', () => {
    const steps: unknown[] = [
      spawn,
      mmap(4096),
      { op: 'write', pid: 1, addr: A, npages: 4096, value: 1 },
    ];
    for (let i = 0; i < 1000; i++)
      steps.push({ op: 'mprotect', pid: 1, addr: A, npages: 4096, prot: i % 2 ? 'rw' : 'r' });
    const p = parseScenarioValue(doc(steps));
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error).toMatch(/^scenario asks for about 2,056,110 units of work/);
  });

  it('accepts what fits, and `unbounded` lifts it for the app’s own benchmark machine', () => {
    const steps = [spawn, mmap(65536), { op: 'write', pid: 1, addr: A, npages: 65536, value: 1 }];
    expect(parseScenarioValue(doc(steps)).ok).toBe(true);
    // Each fork copies 65,536 PTEs: a dozen of them is over the budget.
    const forks = Array.from({ length: 12 }, (_, i) => ({ op: 'fork', pid: 1, child: 2 + i }));
    expect(parseScenarioValue(doc([...steps, ...forks])).ok).toBe(false);
    expect(parseScenarioValue(doc([...steps, ...forks]), { unbounded: true }).ok).toBe(true);
  });
});

/** 100,000 steps (the step cap) of one-page steps on 64 pages: migrate, fault back, write, mirror read. */
function cheapSteps(n: number): unknown[] {
  const dev = { op: 'device_add', device: 'dmirror0', type: 'private' };
  const steps: unknown[] = [dev, spawn, mmap(64)];
  for (let i = 0; steps.length < n; i++) {
    const addr = `0x${(0x10000000 + (i % 64) * 4096).toString(16)}`;
    const page = { pid: 1, addr, npages: 1 };
    const kinds = [
      { op: 'dmirror_migrate_to_dev', device: 'dmirror0', ...page },
      { op: 'read', ...page },
      { op: 'write', ...page, value: i % 251 },
      { op: 'dmirror_read', device: 'dmirror0', ...page },
    ];
    steps.push(kinds[Math.floor(i / 64) % 4]);
  }
  return steps;
}

describe('100,000 steps: the budget, not a step count, decides (issue 12)', () => {
  it('accepts 100,000 cheap steps', () => {
    const steps = cheapSteps(100_000);
    const p = parseScenarioValue(doc(steps));
    expect(p.ok ? p.scenario.steps.length : p.error).toBe(100_000);
    // Each step's fixed cost is counted: a one-page step is more than one unit.
    const { units } = estimateCost({ steps });
    expect(units).toBeGreaterThan(100_000 * STEP_UNITS);
    expect(units).toBeLessThanOrEqual(MAX_COST_UNITS);
  });

  it('refuses 100,000 steps of 65,536-page writes, and 100,000 mprotects of a populated mapping', () => {
    const write = { op: 'write', pid: 1, addr: A, npages: 65536, value: 1 };
    const writes = [spawn, mmap(65536), ...Array.from({ length: 99_998 }, () => write)];
    expect(checkCost(doc(writes))).toMatch(
      /^scenario asks for about [\d,]+ units of work, more than 1,048,576 \(a unit is one page through the fault path\); the largest is step 3 \(write, steps\[2\]\) with 65,540: use fewer pages \(npages\) or fewer steps$/,
    );
    // The page-count rule (budget.ts) does not see VMA ops; the budget does, and each step's cost.
    const mprotect = { op: 'mprotect', pid: 1, addr: A, npages: 4096, prot: 'r' };
    const populated = [spawn, mmap(4096), { ...write, npages: 4096 }];
    const p = parseScenarioValue(
      doc([...populated, ...Array.from({ length: 99_997 }, () => mprotect)]),
    );
    // 3 set-up steps (5 + 5 + 4,100) and 99,997 mprotects walking 4,096 PTEs (4 + 2,048 each).
    expect(p.ok ? 'accepted' : p.error).toMatch(
      /^scenario asks for about 205,197,954 units of work, more than 1,048,576 /,
    );
  });
});
