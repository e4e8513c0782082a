/**
 * Share-link lengths and costs (G-P9): `npx tsx scripts/link-lengths.ts`.
 * Prints the link of every built-in (short form, and what it would take as a custom scenario),
 * generated lecture scenarios of 20 to 500 steps, and encode/ingest timings. The fuzz counts are
 * printed by `npx vitest run src/ingest/fuzz.test.ts`.
 */
import { ingestFragmentSync } from '../src/ingest';
import { builtinScenarios } from '../src/scenarios/library/all';
import { encodeFragment, LECTURE_LINK_CHARS, type LinkState } from '../src/url';
import { compactScenario } from '../src/url/compact';
import { encodePayload } from '../src/url/payload';
import { lectureScenario, notedScenario } from '../src/url/sample';
import { hostileFragments } from '../src/test/share-hostile';

function link(state: LinkState): string {
  const r = encodeFragment(state);
  if (!r.ok) throw new Error(r.error);
  return r.fragment;
}

function median(f: () => void, n = 21): number {
  for (let i = 0; i < 5; i++) f();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)] ?? NaN;
}

const rows: string[][] = [['scenario', 'steps', 'link chars', 'form', `≤ ${LECTURE_LINK_CHARS}`]];
const row = (name: string, steps: number, state: LinkState) => {
  const r = encodeFragment(state);
  if (!r.ok) throw new Error(r.error);
  rows.push([name, String(steps), String(r.fragment.length), r.form, r.long ? 'NO' : 'yes']);
};

for (const s of builtinScenarios) {
  row(`builtin ${s.id}`, s.steps.length, {
    source: { kind: 'builtin', id: s.id },
    step: s.steps.length,
  });
  row(`  same, as custom`, s.steps.length, {
    source: { kind: 'custom', scenario: s },
    step: s.steps.length,
  });
}
for (const n of [20, 50, 100, 200, 300, 500]) {
  for (const seed of n === 200 ? [1, 2, 3, 4, 5] : [1]) {
    const s = lectureScenario(n, seed);
    row(`generated, seed ${seed}`, n, { source: { kind: 'custom', scenario: s }, step: n });
  }
}
const width = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
for (const r of rows) console.log(r.map((c, i) => c.padEnd(width[i] ?? 0)).join('  '));

// Issue 12: built-in steps with their notes, goal ≤ 4,000 characters (link format v=2 compresses
// the notes against the frozen text table of src/url/dictionary.ts; "as v=1" is the same link
// without it, which is what every build before v=2 wrote).
const NOTED_GOAL = 4_000;
console.log(
  `\nbuilt-in steps with their notes (goal ≤ ${NOTED_GOAL.toLocaleString('en-US')} characters)`,
);
const noted: string[][] = [['scenario', 'steps', 'note chars', 'link chars', 'as v=1', 'goal']];
for (const seed of [1, 2, 3, 4, 5]) {
  const s = notedScenario(200, seed, builtinScenarios);
  const r = encodeFragment({ source: { kind: 'custom', scenario: s }, step: 200 });
  if (!r.ok) throw new Error(r.error);
  const v1 = `#v=1&c=${encodePayload(r.form === 'compact' ? compactScenario(s) : s)}&t=200`;
  const notes = s.steps.reduce((n, step) => n + (step.note?.length ?? 0), 0);
  const met = r.fragment.length <= NOTED_GOAL;
  if (!met) process.exitCode = 1;
  noted.push([
    `noted, seed ${seed} (${r.fragment.slice(0, 4)})`,
    String(s.steps.length),
    String(notes),
    String(r.fragment.length),
    String(v1.length),
    met ? 'yes' : 'NO',
  ]);
}
const w2 = noted[0]?.map((_, i) => Math.max(...noted.map((r) => (r[i] ?? '').length))) ?? [];
for (const r of noted) console.log(r.map((c, i) => c.padEnd(w2[i] ?? 0)).join('  '));

const s200 = lectureScenario(200, 1);
const l200 = link({ source: { kind: 'custom', scenario: s200 }, step: 200 });
console.log(`\n200-step link: ${l200.slice(0, 96)}...`);
const fresh = () => ({ ...s200 });
console.log(
  `encode 200 steps (uncached): ${median(() => link({ source: { kind: 'custom', scenario: fresh() } })).toFixed(2)} ms; ` +
    `ingest: ${median(() => ingestFragmentSync(l200)).toFixed(2)} ms; ` +
    `ingest built-in link: ${median(() => ingestFragmentSync('#v=1&s=migrate-and-fault-back&t=3')).toFixed(3)} ms`,
);

// G-S2: every hostile input is refused quickly (median of 21 runs each; goal ≤ 50 ms).
const slowest = hostileFragments(l200)
  .map(({ name, fragment }) => ({ name, ms: median(() => ingestFragmentSync(fragment)) }))
  .sort((a, b) => b.ms - a.ms)[0];
if (slowest) {
  console.log(
    `slowest hostile refusal: ${slowest.name}, ${slowest.ms.toFixed(1)} ms (goal ≤ 50 ms)`,
  );
  if (slowest.ms > 50) process.exitCode = 1;
}
