// Issue 11 §3, one test per finding: each failed with the single-slot localStorage draft.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../ingest';
import type { Scenario } from '../../scenarios';
import { builtinScenarios } from '../../scenarios/library/all';
import { scenarioText } from '../editor/docFormat';
import { idbBackend, localStorageBackend, memoryBackend, type DraftBackend } from './backend';
import { DraftRepo, type DraftMessage } from './repo';
import { lastValid, MAX_DRAFT_BYTES, MAX_VERSIONS, validText } from './versions';

const first = builtinScenarios[0];
if (!first) throw new Error('no built-in');
const doc: Scenario = first;
const VALID = scenarioText(doc);
const HALF = VALID.slice(0, -30);
const base = { fresh: false, knownValid: null, open: true };

/** A valid scenario whose UTF-8 text is exactly `bytes` long (JSON allows trailing spaces). */
function validOfSize(bytes: number): string {
  const t = scenarioText({ ...doc, title: 'Big one ✓' });
  return t + ' '.repeat(bytes - new TextEncoder().encode(t).length);
}

function lsMemory(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => {
      data.clear();
    },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      data.set(k, v);
    },
    removeItem: (k) => {
      data.delete(k);
    },
  };
}

let dbs = 0;
const backends: [string, () => DraftBackend][] = [
  ['memory', () => memoryBackend()],
  ['indexeddb (fake-indexeddb)', () => idbBackend(`test-${String(++dbs)}`)],
  ['localStorage fallback', () => localStorageBackend(lsMemory())],
];

describe.each(backends)('drafts in %s', (_name, make) => {
  it('an invalid draft keeps its last valid text across any number of reloads', async () => {
    const b = make();
    await new DraftRepo(b, null, 'page-0', false).save('tab', { ...base, text: VALID });
    await new DraftRepo(b, null, 'page-0', false).save('tab', { ...base, text: HALF });
    // Each reload is a new page that restores the invalid text and saves it again, knowing no
    // valid text of its own (the old editor saved `valid: null` here and lost it).
    let typed = HALF;
    for (let i = 1; i <= 12; i++) {
      const repo = new DraftRepo(b, null, `page-${String(i)}`, false);
      const rec = await repo.load('tab');
      expect(rec?.versions[0]?.text).toBe(typed);
      expect(lastValid(rec)).toBe(VALID);
      typed = `${HALF} ${String(i)}`;
      const r = await repo.save('tab', { ...base, text: typed });
      expect(r.ok).toBe(true);
      const head = (await repo.load('tab'))?.versions[0];
      expect(head && validText(head)).toBe(VALID);
    }
  });

  it('saves at the size limit and loads it back; refuses one byte more and says so', async () => {
    const b = make();
    const repo = new DraftRepo(b, null, 'p', false);
    const big = validOfSize(MAX_DRAFT_BYTES);
    const r = await repo.save('tab', { ...base, text: big });
    expect(r.ok).toBe(true);
    const back = (await new DraftRepo(b, null, 'q', false).load('tab'))?.versions[0];
    expect(back?.text).toBe(big);
    const opened = ingestFile(back?.text ?? '');
    expect(opened.ok && opened.scenario.title).toBe('Big one ✓');

    const over = validOfSize(MAX_DRAFT_BYTES + 1);
    const refused = await repo.save('tab', { ...base, text: over });
    expect(refused).toMatchObject({ ok: false, reason: 'too-large' });
    expect(!refused.ok && refused.message).toMatch(/^Not saved: this draft is 2\.00 MB/);
    // What was saved before is still there.
    expect((await repo.load('tab'))?.versions[0]?.text).toBe(big);
  });

  it('two tabs never overwrite each other; a save is announced to the other tab', async () => {
    const b = make();
    const heard: DraftMessage[] = [];
    const a = new DraftRepo(b, { post: (m) => heard.push(m) }, 'tab-a', false);
    const c = new DraftRepo(b, null, 'tab-b', false);
    await a.save('slot-a', { ...base, text: VALID });
    await c.save('slot-b', { ...base, text: HALF });
    await a.save('slot-a', { ...base, text: `${VALID}\n` });
    expect((await a.load('slot-a'))?.versions[0]?.text).toBe(`${VALID}\n`);
    expect((await c.load('slot-b'))?.versions[0]?.text).toBe(HALF);
    expect((await c.list()).map((d) => d.id).sort()).toEqual(['slot-a', 'slot-b']);
    expect(heard.at(-1)).toMatchObject({ kind: 'saved', id: 'slot-a', page: 'tab-a' });
    // Two pages in ONE slot (a duplicated tab): each page's version stays.
    await c.save('slot-a', { ...base, text: HALF });
    const versions = (await a.load('slot-a'))?.versions.map((v) => v.text);
    expect(versions?.slice(0, 2)).toEqual([HALF, `${VALID}\n`]);
    // And the first page's next save keeps the other page's version: it reads the slot back,
    // whatever it wrote or read before (repo.ts keeps what it last saw only to skip a parse).
    await a.save('slot-a', { ...base, text: `${VALID}\n\n` });
    const after = (await new DraftRepo(b, null, 'tab-c', false).load('slot-a'))?.versions;
    expect(after?.map((v) => v.text).slice(0, 3)).toEqual([`${VALID}\n\n`, HALF, `${VALID}\n`]);
  });

  it('an import (or a link) keeps the draft as a version to restore', async () => {
    const b = make();
    const repo = new DraftRepo(b, null, 'p', false);
    await repo.save('tab', { ...base, text: HALF, knownValid: VALID });
    await repo.keep('tab');
    const other = scenarioText({ ...doc, title: 'Imported' });
    await repo.save('tab', { ...base, text: other, fresh: true });
    const rec = await repo.load('tab');
    expect(rec?.versions.map((v) => v.text)).toEqual([other, HALF]);
    expect(rec?.versions[1] && validText(rec.versions[1])).toBe(VALID);
  });

  it('keeps the last MAX_VERSIONS versions, listed with title, steps, time and validity', async () => {
    const b = make();
    for (let i = 0; i < MAX_VERSIONS + 3; i++)
      await new DraftRepo(b, null, `p${String(i)}`, false).save('tab', {
        ...base,
        text: i % 2 ? `${VALID}${' '.repeat(i)}` : `${HALF}${String(i)}`,
        now: 1000 + i,
      });
    const [d] = await new DraftRepo(b, null, 'x', false).list();
    expect(d?.versions).toHaveLength(MAX_VERSIONS);
    expect(d?.versions[0]).toMatchObject({ savedAt: 1012, ok: false, opens: true });
    expect(d?.versions[1]).toMatchObject({ savedAt: 1011, ok: true, steps: doc.steps.length });
    expect(d?.versions[1]?.title).toBe(doc.title);
  });
});

describe('a storage that refuses', () => {
  it('drops the oldest versions to fit, never claims a save it did not make', async () => {
    const b = memoryBackend(3 * VALID.length);
    const repo = new DraftRepo(b, null, 'p', false);
    for (let i = 0; i < 4; i++)
      await repo.save('tab', { ...base, text: `${VALID}${' '.repeat(i)}`, fresh: true });
    const rec = await repo.load('tab');
    expect(rec?.versions.length).toBeLessThan(4);
    expect(rec?.versions[0]?.text).toBe(`${VALID}   `);
    const tiny = new DraftRepo(memoryBackend(10), null, 'p', false);
    const r = await tiny.save('tab', { ...base, text: VALID });
    expect(r).toMatchObject({ ok: false, reason: 'refused' });
    const none = await new DraftRepo(null).save('tab', { ...base, text: VALID });
    expect(none).toMatchObject({ ok: false, reason: 'no-storage' });
  });

  it('the localStorage fallback keeps to its measured budget', async () => {
    const ls = lsMemory();
    ls.setItem('other-app-key', 'x'.repeat(1000));
    const b = localStorageBackend(ls, 3 * VALID.length);
    await expect(b.set('k', 'y'.repeat(3 * VALID.length))).rejects.toThrow(/budget/);
    await b.set('k', VALID);
    expect(await b.keys()).toEqual(['k']);
  });

  it('reads damaged records as no draft, never throwing', async () => {
    const b = memoryBackend();
    for (const [i, raw] of [
      '{',
      'null',
      '[]',
      '{"versions":3}',
      '{"versions":[{"text":3}]}',
      '{"__proto__":{"versions":[{"text":"x"}]}}',
      JSON.stringify({ versions: [{ text: 'x'.repeat(MAX_DRAFT_BYTES + 1) }] }),
    ].entries()) {
      b.data.set(`draft:d${String(i)}`, raw);
      expect(await new DraftRepo(b, null, 'p', false).load(`d${String(i)}`)).toBeNull();
    }
    expect(await new DraftRepo(b, null, 'p', false).list()).toEqual([]);
  });

  it('a damaged summary beside a good record: the list reads the record (found by the fuzz)', async () => {
    const b = memoryBackend();
    const repo = new DraftRepo(b, null, 'p', false);
    await repo.save('tab', { ...base, text: VALID });
    for (const meta of ['{"versions":[null]}', '{"versions":[1]}', '{"versions":[{"title":7}]}']) {
      b.data.set('meta:tab', meta);
      const [d] = await repo.list();
      expect(d?.versions[0]?.title).toBe(doc.title);
      expect(d?.versions[0]?.ok).toBe(true);
    }
  });
});
