/**
 * The core knows a driver only through what it registered (v4.14: hmm_devmem_ops via
 * hmm_devmem_add, hmm_mirror_ops via hmm_mirror_register, migrate_vma_ops per migrate_vma call):
 * tags in the state, functions in the kernel image's table.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Drivers } from './kernel';
import { stepWith } from './step';
import { runScenarioWith } from './run';
import { ERAS } from './types';
import { driversOf, isEraLoaded, loadEra, step } from './vmlinux';
import { dmirrorDriver } from './driver';
import { A, fns, last, run, setup, toDev } from '../test/modelKit';
import type { Op } from './ops';
import { processOf } from './query';

describe('registered ops are tags in plain state', () => {
  it('hmm_devmem_add records the driver tag on the chunk; hmm_mirror_register on the mm', () => {
    const f = last(run([...setup(1), toDev(1)]));
    expect(f.state.devices['dmirror0']?.chunks[0]?.ops).toBe('dmirror');
    expect(processOf(f.state, 1)?.hmmMirrors).toEqual([{ device: 'dmirror0', ops: 'dmirror' }]);
    expect(f.state.drvdata['dmirror0']?.driver).toBe('dmirror');
    // Plain data: no function (no registered op) is stored anywhere in the state.
    const kinds = new Set<string>();
    const walk = (x: unknown): void => {
      kinds.add(typeof x);
      if (x !== null && typeof x === 'object') for (const v of Object.values(x)) walk(v);
    };
    walk(f.state);
    expect(kinds.has('function')).toBe(false);
  });

  it('exit_mmap runs the mirror release op and drops the registration', () => {
    const f = last(run([...setup(1), toDev(1), { op: 'exit', pid: 1 }]));
    expect(processOf(f.state, 1)?.hmmMirrors).toEqual([]);
    expect(fns(f)).toContain('hmm_release');
  });
});

describe('the core dispatches through the image’s table', () => {
  // Another image: the same driver, but its hmm_devmem_ops.fault always fails.
  const broken: Drivers = {
    byTag: {
      dmirror: {
        ...dmirrorDriver,
        devmem: {
          free: (k, dev, pfn) => dmirrorDriver.devmem?.free(k, dev, pfn),
          fault: () => 'SIGBUS',
        },
      },
    },
    defaultDriver: 'dmirror',
  };
  const ops: Op[] = [...setup(1), toDev(1), { op: 'read', pid: 1, addr: A, npages: 1 }];

  it('do_swap_page → device_private_entry_fault calls the registered fault op', () => {
    const good = last(runScenarioWith(step, { era: 'v4.14', steps: ops }));
    expect(good.result).toEqual({ ret: 0, values: [10] });
    const bad = last(
      runScenarioWith((s, op) => stepWith(broken, s, op), { era: 'v4.14', steps: ops }),
    );
    expect(bad.result).toMatchObject({ signal: 'SIGBUS' });
  });

  it('every era links a default driver (v6.12 once its image has loaded)', async () => {
    for (const era of ERAS) {
      await loadEra(era);
      expect(isEraLoaded(era)).toBe(true);
      const drivers = driversOf(era);
      expect(drivers.byTag[drivers.defaultDriver]).toBeDefined();
    }
  });
});

describe('src/model has no import cycle', () => {
  const root = dirname(fileURLToPath(import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? files(join(dir, e.name))
        : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
          ? [join(dir, e.name)]
          : [],
    );
  const all = files(root);
  const known = new Set(all);
  const edges = new Map<string, string[]>();
  for (const f of all) {
    const src = readFileSync(f, 'utf8');
    const out: string[] = [];
    for (const m of src.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
      const t = normalize(join(dirname(f), m[1] ?? ''));
      const hit = [`${t}.ts`, join(t, 'index.ts')].find((c) => known.has(c));
      if (hit) out.push(hit);
    }
    edges.set(f, out);
  }

  it('no file reaches itself through its imports (type imports included)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push(
          [...path.slice(path.indexOf(f)), f].map((p) => p.slice(root.length)).join(' → '),
        );
        return;
      }
      state.set(f, 'open');
      for (const t of edges.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of all) visit(f, []);
    expect(cycles).toEqual([]);
    expect(all.length).toBeGreaterThan(40);
  });
});
