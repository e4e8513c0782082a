import { describe, expect, it } from 'vitest';
import { builtinScenarios } from '../../scenarios/library/all';
import { scenarioText } from '../editor/docFormat';
import { summarize, withText } from './versions';

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
