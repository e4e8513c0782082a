import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinScenarios } from '../../scenarios/library/all';
import { scenarioText } from '../editor/docFormat';
import {
  recordJson,
  summarize,
  summarizeVersion,
  utf8Length,
  validText,
  withText,
  type DraftRecord,
  type DraftVersion,
} from './versions';

const first = builtinScenarios[0];
if (!first) throw new Error('no built-in');
const base = { now: 1000, by: 'page-0', fresh: false, knownValid: null, open: true };

describe('version summaries (the drafts list)', () => {
  it('a valid text is summarized by parsing it when the saver does not say what it is', () => {
    const text = scenarioText({ ...first, title: 'Parsed here' });
    const r = withText(null, 'tab', { ...base, text });
    expect(summarize(r).versions[0]).toMatchObject({
      title: 'Parsed here',
      steps: first.steps.length,
      ok: true,
    });
  });

  it("takes the editor's title and step count for the text it saves instead of parsing it again", () => {
    // The editor's verdict (from its worker) is what the list shows: a long draft is not parsed
    // on the page once more at every save.
    const text = scenarioText({ ...first, title: 'Told by the editor' });
    const r = withText(null, 'tab', {
      ...base,
      text,
      ok: true,
      summary: { title: 'Told by the editor', steps: first.steps.length },
    });
    expect(summarize(r).versions[0]).toMatchObject({
      title: 'Told by the editor',
      steps: first.steps.length,
    });
    // Read back from storage (new objects): the same summary.
    const copy = structuredClone(r);
    expect(summarize(copy).versions[0]).toEqual(summarize(r).versions[0]);
  });

  it('an invalid text carries the title and step count of its last valid text', () => {
    const valid = scenarioText({ ...first, title: 'Last good' });
    const r1 = withText(null, 'tab', { ...base, text: valid });
    const r2 = withText(r1, 'tab', { ...base, now: 2000, text: valid.slice(0, -40) });
    expect(summarize(r2).versions[0]).toMatchObject({
      title: 'Last good',
      steps: first.steps.length,
      ok: false,
      opens: true,
    });
  });
});

/** A record's newest version (a record from withText always has one). */
const newest = (r: DraftRecord): DraftVersion => {
  const v = r.versions[0];
  if (!v) throw new Error('a saved record has no version');
  return v;
};

describe('the same text saved again', () => {
  it('is not a new version, but takes the last valid text the editor has now', () => {
    // Another page saved an invalid text with no valid one; this page reloaded it, typed a valid
    // text, then the same invalid text again, and saved (a seed of the draft fuzz found it).
    const valid = scenarioText({ ...first, title: 'Typed after the reload' });
    const broken = valid.slice(0, -40);
    const r1 = withText(null, 'tab', { ...base, text: broken });
    expect(validText(newest(r1))).toBeNull();
    const r2 = withText(r1, 'tab', {
      ...base,
      now: 2000,
      by: 'page-1',
      text: broken,
      knownValid: valid,
    });
    expect(r2.versions).toHaveLength(1);
    expect(validText(newest(r2))).toBe(valid);
    // With nothing new to carry, the record is the one it was.
    expect(withText(r2, 'tab', { ...base, now: 3000, by: 'page-2', text: broken }).versions).toBe(
      r2.versions,
    );
  });
});

const version = (text: string, ok: boolean, valid: string | null = null): DraftVersion => ({
  text,
  ok,
  valid,
  savedAt: 1,
  startedAt: 1,
  by: 'page',
  kept: false,
});

const doc = (title: string | undefined, steps: number) =>
  JSON.stringify({
    schema: 'hmm-scenario/1',
    ...(title === undefined ? {} : { title }),
    steps: Array.from({ length: steps }, () => ({ op: 'spawn', pid: 1 })),
  });

describe('summarizeVersion', () => {
  it('reads a valid version by its title and step count', () => {
    expect(summarizeVersion(version(doc('Fork and COW', 3), true))).toMatchObject({
      title: 'Fork and COW',
      steps: 3,
      ok: true,
      opens: true,
    });
    expect(summarizeVersion(version(doc(undefined, 2), true)).title).toBe('Untitled scenario');
  });

  it('names a mid-edit version by its own title, its steps by the last valid text', () => {
    const s = summarizeVersion(version('{"title": "Half typed", "steps": [', false, doc('Old', 5)));
    expect(s).toMatchObject({ title: 'Half typed', steps: 5, ok: false, opens: true });
  });

  it('falls back to the last valid title when the text has none', () => {
    const s = summarizeVersion(version('{"steps": [', false, doc('Kept', 1)));
    expect(s).toMatchObject({ title: 'Kept', steps: 1 });
  });

  it('a stored record that lies about validity still summarizes without throwing', () => {
    // Records come back from storage untrusted: "ok" on a text that is not a scenario's shape.
    expect(summarizeVersion(version('not json', true))).toMatchObject({
      title: 'Untitled draft',
      steps: null,
    });
    expect(summarizeVersion(version('{"title": 7, "steps": []}', true)).steps).toBeNull();
    expect(summarizeVersion(version('[1, 2]', true)).title).toBe('Untitled draft');
  });
});

describe('utf8Length (a draft’s size without encoding it)', () => {
  it('is what TextEncoder measures, for any text, lone surrogates included', () => {
    const units = fc.oneof(
      fc.string({ unit: 'grapheme', size: 'medium' }),
      fc.string({ unit: 'binary', size: 'medium' }),
      // Code units in any order: pairs, lone high and low surrogates, at the end too.
      fc
        .array(fc.integer({ min: 0, max: 0xffff }), { size: 'medium' })
        .map((cs) => String.fromCharCode(...cs)),
    );
    fc.assert(
      fc.property(units, (text) => {
        expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('recordJson (a record as stored)', () => {
  const version = fc.record({
    text: fc.string({ unit: 'binary' }),
    ok: fc.boolean(),
    valid: fc.option(fc.string({ unit: 'binary' })),
    savedAt: fc.integer({ min: 0, max: 2 ** 42 }),
    startedAt: fc.integer({ min: 0, max: 2 ** 42 }),
    by: fc.string(),
    kept: fc.boolean(),
  });
  const record = fc.record({
    id: fc.string(),
    open: fc.boolean(),
    versions: fc.array(version, { size: 'medium', maxLength: 12 }),
  });

  it('is JSON.stringify({ v: 1, open, versions }) exactly, also for versions printed before, its texts in slices (fast-check, size medium)', async () => {
    const noWait = () => Promise.resolve();
    await fc.assert(
      fc.asyncProperty(
        record,
        fc.nat(),
        fc.integer({ min: 1, max: 8 }),
        async (r: DraftRecord, cut, slice) => {
          const expected = JSON.stringify({ v: 1, open: r.open, versions: r.versions });
          expect(await recordJson(r, noWait, slice)).toBe(expected);
          // The next record shares some versions with this one (their JSON is remembered).
          const next: DraftRecord = {
            ...r,
            versions: r.versions.slice(cut % (r.versions.length + 1)),
          };
          expect(await recordJson(next, noWait, slice)).toBe(
            JSON.stringify({ v: 1, open: next.open, versions: next.versions }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
