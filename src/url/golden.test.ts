/** Golden links: each file in golden/ holds links of one released link format; they open forever. */
import { describe, expect, it } from 'vitest';
import { ingestFragmentSync } from '../ingest';
import { parseScenarioValue } from '../scenarios';
import { DEFAULT_SCENARIO_ID } from '../scenarios/library/all';
import v1Doc from './golden/v1.scenario.json?raw';
import v1Links from './golden/v1.txt?raw';
import v1InflightDoc from './golden/v1-inflight.scenario.json?raw';
import v1InflightLinks from './golden/v1-inflight.txt?raw';
import { compactScenario } from './compact';
import v1LessonDoc from './golden/v1-lesson.scenario.json?raw';
import v1LessonLinks from './golden/v1-lesson.txt?raw';
import v2Doc from './golden/v2.scenario.json?raw';
import v2LinksText from './golden/v2.txt?raw';
import { encodeFragment } from './encode';

const links = new Map(
  v1Links
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(' ') as [string, string]),
);
const expected = parseScenarioValue(JSON.parse(v1Doc));

describe('golden links, format v=1', () => {
  it('has the four kinds of link', () => {
    expect([...links.keys()]).toEqual(['builtin', 'short', 'compact', 'document']);
    expect(expected.ok).toBe(true);
  });
  it('opens the built-in links', () => {
    expect(ingestFragmentSync(links.get('builtin') ?? '')).toMatchObject({
      ok: true,
      builtinId: DEFAULT_SCENARIO_ID,
      step: 4,
      selection: { kind: 'page', pfn: 0x3ffff0000 },
      warnings: [],
    });
    expect(ingestFragmentSync(links.get('short') ?? '')).toMatchObject({ ok: true, step: 0 });
  });
  it.each(['compact', 'document'])('opens the %s link to exactly the golden scenario', (name) => {
    const r = ingestFragmentSync(links.get(name) ?? '');
    if (!r.ok) throw new Error(r.error);
    if (!expected.ok) throw new Error(expected.error);
    expect(r.scenario).toEqual(expected.scenario);
    expect(r.builtinId).toBeNull();
    expect(r.warnings).toEqual([]);
  });
  it('keeps the step and the selection', () => {
    expect(ingestFragmentSync(links.get('compact') ?? '')).toMatchObject({
      step: 21,
      selection: { kind: 'pte', pid: 1, vpn: 0x10000 },
    });
    expect(ingestFragmentSync(links.get('document') ?? '')).toMatchObject({
      step: 33,
      selection: { kind: 'device', device: 'gpu.2' },
    });
  });
});

describe('golden link, format v=1, with the migration-in-flight ops (codes 23–25)', () => {
  const line = v1InflightLinks.split('\n').find((l) => l.startsWith('compact ')) ?? '';
  const fragment = line.slice('compact '.length);
  const doc = parseScenarioValue(JSON.parse(v1InflightDoc));

  it('opens to exactly the golden scenario, at its step', () => {
    const r = ingestFragmentSync(fragment);
    if (!r.ok) throw new Error(r.error);
    if (!doc.ok) throw new Error(doc.error);
    expect(r.scenario).toEqual(doc.scenario);
    expect(r.step).toBe(8);
    expect(r.warnings).toEqual([]);
  });

  it('stores migrate_pause, migrate_resume and migrate_fail as op codes 23, 24 and 25', () => {
    if (!doc.ok) throw new Error(doc.error);
    expect(compactScenario(doc.scenario)[1]).toEqual([11, 0, 1, 8, 23, 15, 7, 25, 23, 15, 24]);
  });
});

const lessonLinks = new Map(
  v1LessonLinks
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(' ') as [string, string]),
);
const lessonDoc = parseScenarioValue(JSON.parse(v1LessonDoc));

describe('golden links, format v=1 with a lesson (chapters, noteFor, focus)', () => {
  it.each(['compact', 'document'])('opens the %s link to exactly the golden lesson', (name) => {
    if (!lessonDoc.ok) throw new Error(lessonDoc.error);
    const r = ingestFragmentSync(lessonLinks.get(name) ?? '');
    if (!r.ok) throw new Error(r.error);
    expect(r.scenario).toEqual(lessonDoc.scenario);
    expect(r.scenario.chapters).toHaveLength(2);
    expect(r.scenario.steps.filter((s) => s.focus !== undefined)).toHaveLength(4);
    expect(r.scenario.steps.filter((s) => s.noteFor !== undefined)).toHaveLength(2);
    expect(r.warnings).toEqual([]);
  });
  it('the compact lesson link keeps its step and selection', () => {
    expect(ingestFragmentSync(lessonLinks.get('compact') ?? '')).toMatchObject({
      step: 6,
      selection: { kind: 'pte', pid: 1, vpn: 0x10000 },
    });
  });
});

const v2Links = new Map(
  v2LinksText
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(' ') as [string, string]),
);
const v2Expected = parseScenarioValue(JSON.parse(v2Doc));

describe('golden links, format v=2 (compressed against the frozen text table)', () => {
  it.each(['compact', 'document'])('opens the %s link to exactly the golden scenario', (name) => {
    if (!v2Expected.ok) throw new Error(v2Expected.error);
    const link = v2Links.get(name) ?? '';
    expect(link).toMatch(/^#v=2&c=/);
    const r = ingestFragmentSync(link);
    if (!r.ok) throw new Error(r.error);
    expect(r.scenario).toEqual(v2Expected.scenario);
    expect(r.warnings).toEqual([]);
  });
  it('keeps the step and the selection', () => {
    expect(ingestFragmentSync(v2Links.get('compact') ?? '')).toMatchObject({
      step: 12,
      selection: { kind: 'pte', pid: 101, vpn: 0x10000 },
    });
    expect(ingestFragmentSync(v2Links.get('document') ?? '')).toMatchObject({
      step: 24,
      selection: { kind: 'device', device: 'dmirror0' },
    });
  });
  it('the v=1 links do not change: this build still writes them for scenarios without table text', () => {
    if (!expected.ok) throw new Error(expected.error);
    const r = encodeFragment({ source: { kind: 'custom', scenario: expected.scenario }, step: 21 });
    expect(r.ok && r.fragment.startsWith('#v=1&c=')).toBe(true);
  });
});
