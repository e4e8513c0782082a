/**
 * What a heavy document's run costs the thread that runs it: the map bench's big machine
 * (?bench=1: 262,144 RAM + 262,144 device pages, a 65,536-page write, migrations of 16,384 and
 * 8,192 pages, 48 small steps) traced as the app traces it (checkpointScenario). Prints the time,
 * the heap the run allocated, and the part of it that lived long enough to reach V8's old
 * generation: garbage there is what a later collection must compact and give back, which is what
 * made the memory reducer's pause long on the page's main thread (bench/map.bench.ts, issue 8).
 * Figures only (no goal of its own): a change to how a step records its work shows here first.
 *
 *   node --import tsx bench/boot.bench.ts
 */
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { checkpointScenario, runImmerUnfrozen } from '../src/model';
import { parseScenarioValue } from '../src/scenarios';
import { benchDocument } from '../src/ui/bench/benchScenario';

runImmerUnfrozen();
const parsed = parseScenarioValue(benchDocument('big'), { unbounded: true });
if (!parsed.ok) throw new Error(`bench scenario: ${parsed.error}`);
const doc = parsed.scenario;

interface SampledProfile {
  readonly samples: readonly { readonly size: number }[];
}

/** MB the run allocated, sampled; `minor`: counting objects a scavenge collected too. */
async function allocatedMb(minor: boolean): Promise<number> {
  const s = new Session();
  s.connect();
  await s.post('HeapProfiler.enable');
  await s.post('HeapProfiler.startSampling', {
    samplingInterval: 32_768,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: minor,
  });
  checkpointScenario(doc);
  const { profile } = (await s.post('HeapProfiler.stopSampling')) as unknown as {
    profile: SampledProfile;
  };
  s.disconnect();
  return profile.samples.reduce((n, x) => n + x.size, 0) / 1e6;
}

const times: number[] = [];
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  checkpointScenario(doc);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const all = await allocatedMb(true);
const old = await allocatedMb(false);
const rows: [string, string][] = [
  ['bench machine traced (58 steps), median of 3', `${(times[1] ?? NaN).toFixed(0)} ms`],
  ['  heap allocated by the run (sampled)', `${all.toFixed(0)} MB`],
  ['  of it, reaching the old generation (kept or dropped there)', `${old.toFixed(0)} MB`],
];
for (const [k, v] of rows) console.log(`${k.padEnd(78)} ${v}`);
