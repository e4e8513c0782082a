/**
 * The render benchmark's machine: 262,144 pages of System RAM and four private devices of 65,536
 * pages each (262,144 device pages). One process has written 65,536 pages; a quarter of them have
 * been migrated to dmirror0 and an eighth to dmirror1, so every view has a big machine and many
 * stored pages, PTEs and mirror entries to ignore. Loaded only with ?bench=1.
 */
import { parseScenarioValue } from '../../scenarios';
import type { ScenarioDoc } from '../../store/model';
import type { ScenarioMeta } from '../../store/types';

const BIG = 65536;
/** Pages the process writes: 256 MiB of anonymous memory. */
export const BENCH_WRITTEN = 65536;
const TO_DEV0 = BENCH_WRITTEN / 4;
const TO_DEV1 = BENCH_WRITTEN / 8;
const BASE = 0x10000000;
const hexAddr = (n: number) => `0x${n.toString(16)}`;
const pageAddr = (page: number) => hexAddr(BASE + page * 4096);

/** Steps before the small ones: the cursor starts here. */
export const BENCH_START = 9;

export function benchDocument(): unknown {
  const steps: unknown[] = [];
  for (let d = 0; d < 4; d++)
    steps.push({ op: 'device_add', device: `dmirror${d}`, type: 'private' });
  steps.push({ op: 'spawn', pid: 1 });
  steps.push({
    op: 'mmap',
    pid: 1,
    addr: hexAddr(BASE),
    npages: BENCH_WRITTEN,
    prot: 'rw',
    flags: ['private', 'anonymous'],
  });
  steps.push({ op: 'write', pid: 1, addr: hexAddr(BASE), npages: BENCH_WRITTEN, value: 7 });
  steps.push({
    op: 'dmirror_migrate_to_dev',
    device: 'dmirror0',
    pid: 1,
    addr: hexAddr(BASE),
    npages: TO_DEV0,
  });
  steps.push({
    op: 'dmirror_migrate_to_dev',
    device: 'dmirror1',
    pid: 1,
    addr: pageAddr(BENCH_WRITTEN / 2),
    npages: TO_DEV1,
  });
  // Then many small steps all over the mapping: a CPU read faulting one page back, a write, a
  // small migration.
  for (let i = 0; i < 48; i++) {
    const page = (i * 1297) % BENCH_WRITTEN;
    const addr = pageAddr(page);
    const op = i % 3;
    if (op === 0) steps.push({ op: 'read', pid: 1, addr, npages: 1 });
    else if (op === 1) steps.push({ op: 'write', pid: 1, addr, npages: 4, value: i });
    else
      steps.push({
        op: 'dmirror_migrate_to_dev',
        device: `dmirror${1 + (i % 3)}`,
        pid: 1,
        addr,
        npages: 4,
      });
  }
  return {
    schema: 'hmm-scenario/1',
    title: 'Render benchmark: 262,144 RAM pages, 262,144 device pages',
    era: 'v4.14',
    machine: { ramPages: 4 * BIG, physBits: 46 },
    steps,
  };
}

export function benchInitial(): { meta: ScenarioMeta; doc: ScenarioDoc; cursor: number } {
  const parsed = parseScenarioValue(benchDocument(), { unbounded: true });
  if (!parsed.ok) throw new Error(`bench scenario: ${parsed.error}`);
  return {
    meta: {
      id: null,
      title: 'Render benchmark',
      summary: 'A big machine for bench/render.bench.ts.',
    },
    doc: parsed.scenario,
    cursor: BENCH_START,
  };
}
