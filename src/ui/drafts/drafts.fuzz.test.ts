/**
 * Draft fuzzing (issue 11 §3, with src/ingest/fuzz.test.ts): random sequences of what a user does
 * with drafts (type valid or invalid text, autosave, reload, open a link, import a file, restore a
 * version, a text past the size limit, a text at it, the list, junk left in another slot; titles
 * with prototype names, control characters and lone surrogates) never lose the last valid text: after every step the
 * newest version's last valid text is the last valid text the editor had, a kept draft is still
 * there after what replaced it, and every stored version loads back. At least 10,000 operations
 * per run (FUZZ_SCALE multiplies them).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenarios';
import { builtinScenarios } from '../../scenarios/library/all';
import { scenarioText } from '../editor/docFormat';
import { memoryBackend } from './backend';
import { DraftRepo } from './repo';
import { fitsDraft, MAX_DRAFT_BYTES, validText, type DraftRecord } from './versions';

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
const SCALE = Math.max(1, Number(env?.FUZZ_SCALE ?? '1') || 1);
let ops = 0;
let limits = 0;

const doc = builtinScenarios[0];
if (!doc) throw new Error('no built-in');
/** Titles a user (or a pasted file) may type: prototype names, controls, bidi, lone surrogates. */
const titleArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    '\u001b]0;x\u0007',
    '\u202e',
    '\ud800',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const textArb = fc
  .record({
    title: titleArb,
    steps: fc.integer({ min: 1, max: doc.steps.length }),
    cut: fc.option(fc.integer({ min: 1, max: 60 }), { freq: 2 }),
  })
  .map(({ title, steps, cut }) => {
    const t = scenarioText({ ...doc, title, steps: doc.steps.slice(0, steps) });
    return cut === null ? t : t.slice(0, -cut);
  });
const HUGE = `${scenarioText(doc)}${' '.repeat(MAX_DRAFT_BYTES)}`;
/** Valid, and exactly at the loader's limit in UTF-8 bytes (a multi-byte title, then spaces). */
const AT_LIMIT = (() => {
  const t = scenarioText({ ...doc, title: 'At the limit ✓ ü' });
  return t + ' '.repeat(MAX_DRAFT_BYTES - new TextEncoder().encode(t).length);
})();
/** What another page, an older version or a damaged disk may leave in the store. */
const junkArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '{',
    'null',
    '[]',
    '{"versions":{}}',
    '{"__proto__":{"versions":[{"text":"x"}]}}',
    '{"versions":[{"text":"x","ok":true,"valid":{"__proto__":1}}]}',
    '{"v":1,"open":true,"versions":[{"text":null}]}',
  ),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
);

type Op =
  | { kind: 'type'; text: string }
  | { kind: 'save' }
  | { kind: 'reload' }
  | { kind: 'link'; text: string }
  | { kind: 'import'; text: string }
  | { kind: 'restore'; index: number }
  | { kind: 'huge' }
  | { kind: 'limit' }
  | { kind: 'list' }
  | { kind: 'junk'; raw: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: textArb.map((text) => ({ kind: 'type', text }) as const) },
  { weight: 4, arbitrary: fc.constant({ kind: 'save' } as const) },
  { weight: 2, arbitrary: fc.constant({ kind: 'reload' } as const) },
  { weight: 1, arbitrary: textArb.map((text) => ({ kind: 'link', text }) as const) },
  { weight: 1, arbitrary: textArb.map((text) => ({ kind: 'import', text }) as const) },
  { weight: 1, arbitrary: fc.nat(12).map((index) => ({ kind: 'restore', index }) as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'huge' } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'limit' } as const) },
  { weight: 2, arbitrary: fc.constant({ kind: 'list' } as const) },
  { weight: 1, arbitrary: junkArb.map((raw) => ({ kind: 'junk', raw }) as const) },
);

const parsed = new Map<string, boolean>();
const ok = (t: string) => {
  let r = parsed.get(t);
  if (r === undefined) {
    r = parseScenario(t).ok;
    if (parsed.size > 5000) parsed.clear();
    parsed.set(t, r);
  }
  return r;
};

/** The editor as the app drives it, over one tab's slot. */
async function play(seq: readonly Op[]): Promise<void> {
  const backend = memoryBackend();
  let page = 0;
  let repo = new DraftRepo(backend, null, 'page-0', false);
  let text: string | null = null;
  let fresh = true;
  /** The editor's last valid text (the scenario on screen when it started). */
  let known: string | null = null;
  /** What the newest stored version must name as its last valid text. */
  let truth: string | null = null;
  const load = () => repo.load('tab');
  const save = async () => {
    if (text === null) return;
    const r = await repo.save('tab', { text, fresh, knownValid: known, open: true });
    expect(r.ok).toBe(fitsDraft(text));
    if (!r.ok) return;
    fresh = false;
    if (ok(text)) truth = text;
    else if (known !== null) truth = known;
  };
  const keep = async (): Promise<string | null> => {
    await save();
    return (await repo.keep('tab'))?.versions[0]?.text ?? null;
  };
  const check = (rec: DraftRecord | null) => {
    for (const v of rec?.versions ?? []) {
      expect(fitsDraft(v.text)).toBe(true);
      const t = validText(v);
      if (t !== null) expect(ok(t)).toBe(true);
    }
    const head = rec?.versions[0];
    if (head && truth !== null) expect(validText(head)).toBe(truth);
  };
  for (const op of seq) {
    ops++;
    switch (op.kind) {
      case 'type':
        text = op.text;
        if (ok(text)) known = text;
        break;
      case 'huge':
        text = HUGE;
        await save();
        break;
      case 'save':
        await save();
        break;
      case 'limit': {
        // At the limit: saved, and read back byte for byte by another page (a few per run: each
        // parses 2 MB several times).
        if (limits++ >= 3) break;
        text = AT_LIMIT;
        fresh = true;
        known = AT_LIMIT;
        await save();
        const back = await new DraftRepo(backend, null, 'reader', false).load('tab');
        expect(back?.versions[0]?.text).toBe(AT_LIMIT);
        break;
      }
      case 'list': {
        // The list names this slot (when it has a draft) with summaries that are plain data.
        const list = await repo.list();
        const mine = list.find((d) => d.id === 'tab');
        expect(mine === undefined).toBe((await load()) === null);
        for (const d of list)
          for (const v of d.versions) {
            expect(typeof v.title).toBe('string');
            expect(Number.isFinite(v.savedAt)).toBe(true);
          }
        break;
      }
      case 'junk': {
        // Another slot holds junk: it never throws, never shows, never touches this slot.
        backend.data.set('draft:junk', op.raw);
        backend.data.set('meta:junk', op.raw);
        const before = (await load())?.versions[0]?.text;
        const list = await repo.list();
        for (const d of list) expect(d.versions.length).toBeGreaterThan(0);
        expect((await load())?.versions[0]?.text).toBe(before);
        break;
      }
      case 'reload': {
        await save();
        repo = new DraftRepo(backend, null, `page-${String(++page)}`, false);
        const head = (await load())?.versions[0];
        text = head?.text ?? null;
        fresh = false;
        known = null;
        break;
      }
      case 'link':
      case 'import': {
        // An import, or a link opened while editing, keeps the draft; the editor then holds the
        // new scenario (a link: after "Edit the scenario on screen instead").
        const before = await keep();
        text = op.text;
        fresh = true;
        if (ok(op.text)) known = op.text;
        await save();
        const rec = await load();
        if (before !== null && rec?.versions[0]?.text !== before)
          expect(rec?.versions.some((v) => v.text === before)).toBe(true);
        break;
      }
      case 'restore': {
        const rec = await load();
        const v = rec?.versions[op.index % Math.max(1, rec.versions.length)];
        if (!v) break;
        await keep();
        text = v.text;
        fresh = true;
        known = validText(v);
        break;
      }
    }
    check(await load());
  }
}

describe('draft operations (fuzz)', () => {
  it('never lose the last valid text, and always load back', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 10, maxLength: 24 }), play), {
      numRuns: 650 * SCALE,
    });
  }, 600_000);
});

afterAll(() => {
  console.log(`draft fuzz: ${String(ops)} draft operations`);
  expect(ops).toBeGreaterThanOrEqual(10_000);
});
