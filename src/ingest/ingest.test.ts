import { describe, expect, it } from 'vitest';
// Every built-in loaded (ingestFragmentSync reads only loaded ones; the app loads a link's first).
import '../scenarios/library/all';
import { encodeBase64url } from '../url/base64url';
import { encodeFragment } from '../url/encode';
import { deflateRaw } from '../url/flate';
import { encodePayload } from '../url/payload';
import { lectureScenario } from '../url/sample';
import {
  ingestFile,
  ingestFileBytes,
  ingestFragment,
  ingestFragmentSync,
  type IngestResult,
} from './index';

const enc = new TextEncoder();
const rawLink = (text: string) => `#v=1&c=${encodeBase64url(deflateRaw(enc.encode(text)))}`;
const error = (r: IngestResult) => (r.ok ? 'ok' : r.error);
const scenario = lectureScenario(40, 5);
const made = encodeFragment({ source: { kind: 'custom', scenario }, step: 12 });
const valid = made.ok ? made.fragment : '';

describe('ingestFragment: what opens', () => {
  it('opens a custom link with its step and selection, asynchronously too', async () => {
    const r = await ingestFragment(`${valid}&sel=pfn.1f`);
    expect(r).toMatchObject({ ok: true, origin: 'link', builtinId: null, step: 12, warnings: [] });
    expect(r.ok && r.scenario).toEqual(scenario);
    expect(r.ok && r.selection).toEqual({ kind: 'page', pfn: 0x1f });
  });
  it('opens a built-in by id, with or without v=1, from a whole address too', () => {
    for (const h of [
      '#v=1&s=hotplug-two-devices&t=2',
      '#s=hotplug-two-devices&t=2',
      'https://host/app/?x=1#v=1&s=hotplug-two-devices&t=2',
    ])
      expect(ingestFragmentSync(h)).toMatchObject({
        ok: true,
        builtinId: 'hotplug-two-devices',
        step: 2,
      });
  });
  it('ignores unknown parameters (later minor additions)', () => {
    expect(ingestFragmentSync(`${valid}&future=1`)).toMatchObject({ ok: true, warnings: [] });
  });
  it('clamps a step past the end and drops an unreadable selection, with warnings', () => {
    const r = ingestFragmentSync('#v=1&s=migrate-and-fault-back&t=60&sel=pte.x');
    expect(r).toMatchObject({ ok: true, step: 6, selection: null });
    expect(r.ok && r.warnings).toEqual([
      "The link's step 60 is past the end of the scenario (6 steps); showing the last step.",
      "The link's selection could not be read; nothing is selected.",
    ]);
  });
});

describe('ingestFragment: one clear line for each refusal', () => {
  const cases: [string, string][] = [
    ['', 'The link holds no scenario.'],
    ['#v=1&t=3', 'The link holds no scenario.'],
    [
      `#v=1&c=${'A'.repeat(40_000)}`,
      'The link is too long to open (40,007 characters; at most 32,768).',
    ],
    [
      '#v=3&s=x',
      'The link was made by a newer version of HMM Explorer (link format v=3; this version reads v=1, v=2).',
    ],
    ['#v=x&s=a', 'The link is damaged (its format version "x" is not a number).'],
    ['#v=1&s=a&s=b', 'The link is damaged (a parameter appears twice).'],
    ['#garbage', 'The link is damaged (it is not of the form #v=1&…).'],
    ['#v=1&s=a&c=b', 'The link is damaged (it names both a built-in and a custom scenario).'],
    [
      '#v=1&s=no-such&t=1',
      'The link names a built-in scenario "no-such" that this version does not have.',
    ],
    [
      '#v=1&s=constructor',
      'The link names a built-in scenario "constructor" that this version does not have.',
    ],
    [
      '#v=1&s=migrate-and-fault-back&t=-1',
      'The link is damaged (its step "-1" is not a step number).',
    ],
    [valid.slice(0, -9), "The link's scenario is damaged (truncated data)."],
    [
      '#v=1&c=ab*d',
      "The link's scenario is damaged (it contains characters that do not belong in a share link).",
    ],
    ['#v=1&c=_____w', "The link's scenario is damaged (the compressed data is corrupt)."],
    [
      `#v=1&c=${encodeBase64url(deflateRaw(new Uint8Array(2 << 20)))}`,
      "The link's scenario is too large to open (it expands beyond 1 MiB).",
    ],
    [
      `#v=1&c=${encodeBase64url(deflateRaw(new Uint8Array([0x5b, 0xff, 0x5d])))}`,
      "The link's scenario is damaged (invalid UTF-8 text).",
    ],
    [rawLink('{"schema":'), "The link's scenario is damaged (not valid JSON)."],
    [rawLink('[2]'), "The link's scenario is damaged (unknown compact format)."],
    [rawLink('[1,[99]]'), "The link's scenario is damaged (step 1: unknown op)."],
    [rawLink('"x"'), "The link's scenario is damaged (not a scenario)."],
    [
      rawLink('{"schema":"hmm-scenario/9","steps":[]}'),
      `The link's scenario is not valid: field "schema": unknown schema version "hmm-scenario/9" (known: hmm-scenario/1)`,
    ],
    [
      rawLink('{"schema":"hmm-scenario/1","steps":[{"op":"spawn","pid":0}]}'),
      `The link's scenario is not valid: step 1 (spawn, steps[0]): field "pid": must be at least 1, got 0`,
    ],
  ];
  it.each(cases)('%#: %s', (hash, message) => {
    expect(error(ingestFragmentSync(hash))).toBe(message);
  });
  it('refuses a scenario that would make the model walk too many pages', () => {
    const steps = Array.from({ length: 100 }, () => ({
      op: 'read',
      pid: 1,
      addr: 0,
      npages: 65536,
    }));
    const r = ingestFragmentSync(`#v=1&c=${encodePayload({ schema: 'hmm-scenario/1', steps })}`);
    expect(error(r)).toBe(
      "The link's scenario touches too many pages (6,553,600 in total; at most 1,048,576).",
    );
  });
});

describe('ingestFile', () => {
  const doc = JSON.stringify({ schema: 'hmm-scenario/1', steps: [{ op: 'spawn', pid: 1 }] });
  it('opens a scenario file, with a byte order mark too', () => {
    expect(ingestFile(doc)).toMatchObject({ ok: true, origin: 'file', step: 0 });
    expect(ingestFile(`\uFEFF${doc}`).ok).toBe(true);
    expect(ingestFileBytes(enc.encode(doc)).ok).toBe(true);
  });
  it('refuses with one line', () => {
    expect(error(ingestFile('{'))).toMatch(/^The file is not valid JSON \(.+\)\.$/);
    expect(error(ingestFile(' '.repeat(17 << 20)))).toBe(
      'The file is too large to open (17,825,792 bytes; at most 16,777,216).',
    );
    expect(error(ingestFileBytes(new Uint8Array([0x7b, 0xff, 0x7d])))).toBe(
      'The file is not UTF-8 text.',
    );
    expect(error(ingestFile('{"schema":"hmm-scenario/1","steps":[{"op":"spawn"}]}'))).toBe(
      `The file's scenario is not valid: step 1 (spawn, steps[0]): field "pid": missing`,
    );
  });
});

describe('prototype pollution', () => {
  const poison = '"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}';
  const texts = [
    `{${poison},"schema":"hmm-scenario/1","steps":[]}`,
    `{"schema":"hmm-scenario/1","steps":[{"op":"spawn","pid":1,${poison}}]}`,
    `{"schema":"hmm-scenario/1","machine":{${poison}},"steps":[]}`,
    `[1,[0],[[{${poison}}]]]`,
  ];
  it('never reaches Object.prototype, by link or by file', () => {
    for (const text of texts) {
      expect(ingestFragmentSync(rawLink(text)).ok).toBe(false);
      expect(ingestFile(text).ok).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
  it('hands out scenarios built from fresh plain objects', () => {
    const r = ingestFragmentSync(valid);
    expect(r.ok && Object.getPrototypeOf(r.scenario)).toBe(Object.prototype);
  });
});

describe('link messages (issue 11 §4)', () => {
  it('a huge version number is a newer version, not "not a number"', () => {
    expect(error(ingestFragmentSync('#v=999999999&s=x'))).toBe(
      'The link was made by a newer version of HMM Explorer (link format v=999999999; this version reads v=1, v=2).',
    );
    expect(error(ingestFragmentSync('#v=0&s=x'))).toBe(
      "The link's format version v=0 is not one this version reads (v=1, v=2).",
    );
    expect(error(ingestFragmentSync('#v=1x&s=x'))).toMatch(/is not a number/);
  });

  it('a BOM before the payload JSON is accepted, as in a file', () => {
    const json = JSON.stringify(scenario);
    expect(ingestFragmentSync(rawLink(`\uFEFF${json}`))).toMatchObject({ ok: true });
    expect(ingestFile(`\uFEFF${json}`)).toMatchObject({ ok: true });
  });
});
