/**
 * The render benchmark's machine: 262,144 pages of System RAM and four private devices of 65,536
 * pages each (262,144 device pages). One process has written 65,536 pages; a quarter of them have
 * been migrated to dmirror0 and an eighth to dmirror1, so every view has a big machine and many
 * stored pages, PTEs and mirror entries to ignore. Loaded only with ?bench=1, and opened as a link
 * is (main.tsx): in the trace worker, the path every heavy document takes.
 *
 * ?bench=small is the same scenario on the default machine (4,096 RAM pages) with 1,024 pages
 * written: the same steps in the same shape of picture, 64 times less memory. The map bench
 * compares the two to ask whether the map's cost grows with the machine (a device is one hotplugged
 * chunk of 65,536 pages in both: device_add has no size).
 */
import { parseScenarioValue } from '../../scenarios';
import type { ScenarioDoc } from '../../store/model';
import type { ScenarioMeta } from '../../store/types';

export type BenchSize = 'big' | 'small';

/** RAM pages and pages the process writes (big: 256 MiB of anonymous memory). */
const SIZES: Record<BenchSize, { readonly ram: number; readonly written: number }> = {
  big: { ram: 262_144, written: 65_536 },
  small: { ram: 4_096, written: 1_024 },
};
const BASE = 0x10000000;
const hexAddr = (n: number) => `0x${n.toString(16)}`;
const pageAddr = (page: number) => hexAddr(BASE + page * 4096);

/** Steps before the small ones: the cursor starts here. */
export const BENCH_START = 9;

export function benchDocument(size: BenchSize = 'big'): unknown {
  const { ram, written } = SIZES[size];
  const steps: unknown[] = [];
  for (let d = 0; d < 4; d++)
    steps.push({ op: 'device_add', device: `dmirror${d}`, type: 'private' });
  steps.push({ op: 'spawn', pid: 1 });
  steps.push({
    op: 'mmap',
    pid: 1,
    addr: hexAddr(BASE),
    npages: written,
    prot: 'rw',
    flags: ['private', 'anonymous'],
  });
  steps.push({ op: 'write', pid: 1, addr: hexAddr(BASE), npages: written, value: 7 });
  steps.push({
    op: 'dmirror_migrate_to_dev',
    device: 'dmirror0',
    pid: 1,
    addr: hexAddr(BASE),
    npages: written / 4,
  });
  steps.push({
    op: 'dmirror_migrate_to_dev',
    device: 'dmirror1',
    pid: 1,
    addr: pageAddr(written / 2),
    npages: written / 8,
  });
  // Then many small steps all over the mapping: a CPU read faulting one page back, a write, a
  // small migration.
  for (let i = 0; i < 48; i++) {
    // The big machine's pages, scaled to the small one's mapping: a step lands in the same region
    // (on a device, or in RAM) in both; room is left for a 4-page step.
    const big = (i * 1297) % SIZES.big.written;
    const page = Math.min(Math.floor((big * written) / SIZES.big.written), written - 4);
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
    title: `Render benchmark: ${ram.toLocaleString('en-US')} RAM pages, 262,144 device pages`,
    era: 'v4.14',
    machine: { ramPages: ram, physBits: 46 },
    steps,
  };
}

export function benchInitial(size: BenchSize = 'big'): {
  meta: ScenarioMeta;
  doc: ScenarioDoc;
  cursor: number;
} {
  const parsed = parseScenarioValue(benchDocument(size), { unbounded: true });
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
