// @vitest-environment happy-dom
// Issue 11 §3: a draft saved by an earlier version (one localStorage slot, 'hmm-explorer:draft')
// is moved into the drafts store on the first load, never dropped.
import { beforeEach, describe, expect, it } from 'vitest';
import { builtinScenarios } from '../../scenarios/library/all';
import { scenarioText } from '../editor/docFormat';
import { memoryBackend } from './backend';
import { LEGACY_KEY, readHints } from './hint';
import { migrateLegacyDraft, parseLegacy } from './legacy';
import { DraftRepo } from './repo';
import { lastValid, validText } from './versions';

const first = builtinScenarios[0];
if (!first) throw new Error('no built-in');
const VALID = scenarioText(first);
const HALF = VALID.slice(0, -30);

const legacy = (o: unknown) => {
  localStorage.setItem(LEGACY_KEY, JSON.stringify(o));
};

beforeEach(() => {
  localStorage.clear();
});

describe('the draft of an earlier version', () => {
  it('moves into this tab’s slot as a kept version, with its last valid text, time and open state', async () => {
    legacy({ text: HALF, valid: VALID, savedAt: 1_700_000_000_000, open: true });
    const b = memoryBackend();
    const repo = new DraftRepo(b, null, 'p', false);
    expect(await migrateLegacyDraft(repo, 'tab')).toBe('moved');
    const rec = await repo.load('tab');
    expect(rec?.open).toBe(true);
    expect(rec?.versions).toHaveLength(1);
    expect(rec?.versions[0]).toMatchObject({ text: HALF, ok: false, kept: true });
    expect(rec?.versions[0]?.savedAt).toBe(1_700_000_000_000);
    expect(rec?.versions[0] && validText(rec.versions[0])).toBe(VALID);
    expect(localStorage.getItem(LEGACY_KEY)).toBeNull();
    // Moved once: a second load finds nothing to move and changes nothing.
    expect(await migrateLegacyDraft(repo, 'tab')).toBe('none');
    expect((await repo.load('tab'))?.versions).toHaveLength(1);
    // The page's next edit starts a version of its own; the migrated one stays.
    await repo.save('tab', { text: VALID, fresh: false, knownValid: null, open: true });
    const after = await repo.load('tab');
    expect(after?.versions.map((v) => v.text)).toEqual([VALID, HALF]);
  });

  it('a valid old draft opens as itself', async () => {
    legacy({ text: VALID, valid: VALID, savedAt: 5, open: false });
    const repo = new DraftRepo(memoryBackend(), null, 'p', false);
    expect(await migrateLegacyDraft(repo, 'tab')).toBe('moved');
    const rec = await repo.load('tab');
    expect(rec?.open).toBe(false);
    expect(lastValid(rec)).toBe(VALID);
  });

  it('startup sees it before the move: it counts as a draft in this tab’s slot', () => {
    legacy({ text: HALF, valid: null, savedAt: 42, open: true });
    expect(readHints('own')).toEqual([{ id: 'own', savedAt: 42 }]);
    expect(readHints()).toEqual([]);
  });

  it('stays where it was when the store refuses it, or when it cannot be read', async () => {
    legacy({ text: VALID, valid: null, savedAt: 1, open: true });
    const refusing = new DraftRepo(memoryBackend(10), null, 'p', false);
    expect(await migrateLegacyDraft(refusing, 'tab')).toBe('kept-in-place');
    expect(localStorage.getItem(LEGACY_KEY)).not.toBeNull();
    const none = new DraftRepo(null, null, 'p', false);
    expect(await migrateLegacyDraft(none, 'tab')).toBe('kept-in-place');
    expect(localStorage.getItem(LEGACY_KEY)).not.toBeNull();
    localStorage.setItem(LEGACY_KEY, '{not json');
    const repo = new DraftRepo(memoryBackend(), null, 'p', false);
    expect(await migrateLegacyDraft(repo, 'tab')).toBe('kept-in-place');
    expect(localStorage.getItem(LEGACY_KEY)).toBe('{not json');
    expect(await repo.load('tab')).toBeNull();
  });

  it('reads the old format as untrusted input', () => {
    expect(parseLegacy(null)).toBeNull();
    expect(parseLegacy('[]')).toBeNull();
    expect(parseLegacy('{"text":3}')).toBeNull();
    expect(parseLegacy('{"__proto__":{"text":"x"}}')).toBeNull();
    expect(parseLegacy('{"text":"x","valid":7,"savedAt":"now","open":1}')).toEqual({
      text: 'x',
      valid: null,
      savedAt: 0,
      open: false,
    });
  });
});
