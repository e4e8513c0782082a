import { describe, expect, it, vi } from 'vitest';
import { PART_ITEMS } from '../wire/jsonParts';
import { postSlicedNow, receiveSliced, SLICE_CHARS } from '../wire/sliced';
import { analyse, type Analysis } from './analysis';
import { workerAnalyser, type AnalysisWorker } from './useAnalysis';
import { replyTo, type Request } from './analysisWire';

/** A worker that answers only when told to, so the test sees what is asked while it is busy. */
function fakeWorker() {
  const asked: Request[] = [];
  // As analyse.worker.ts receives a request: cloned, a long text in slices (wire/sliced.ts).
  const inbox = receiveSliced((m: Request) => asked.push(m));
  const w: AnalysisWorker = {
    onmessage: null,
    postMessage(m: unknown) {
      inbox({ data: structuredClone(m) } as MessageEvent);
    },
  };
  const page = {
    postMessage(m: unknown) {
      w.onmessage?.({ data: structuredClone(m) } as MessageEvent);
    },
  };
  // As analyse.worker.ts answers.
  const answer = (i: number): Promise<void> => {
    const m = asked[i];
    if (!m || !w.onmessage) throw new Error('nothing asked');
    // As the worker answers: through a structured clone, long texts in slices.
    postSlicedNow(page, replyTo(m));
    // The page reads a reply asynchronously (a long one over several tasks): let it finish.
    return new Promise<void>((resolve) => setTimeout(resolve, 0));
  };
  return { w, asked, answer };
}

const doc = (title: string) =>
  JSON.stringify({ schema: 'hmm-scenario/1', title, era: 'v4.14', steps: [] });

describe('workerAnalyser (the editor checks long texts away from the main thread)', () => {
  it('sends one text at a time and, of those typed meanwhile, only the newest', async () => {
    const f = fakeWorker();
    let spawned = 0;
    const a = workerAnalyser(() => {
      spawned += 1;
      return f.w;
    });
    const got: Analysis[] = [];
    a.request(doc('a'), (x) => got.push(x));
    a.request(doc('ab'), (x) => got.push(x));
    a.request(doc('abc'), (x) => got.push(x));
    expect(f.asked.map((m) => m.text)).toEqual([doc('a')]);
    await f.answer(0);
    // The answer for 'a' arrives; 'ab' was superseded by 'abc' and is never sent.
    expect(f.asked.map((m) => m.text)).toEqual([doc('a'), doc('abc')]);
    await f.answer(1);
    expect(got.map((x) => x.text)).toEqual([doc('a'), doc('abc')]);
    expect(got[1]?.check.ok).toBe(true);
    expect(spawned).toBe(1);
    a.warm();
    expect(spawned).toBe(1);
  });

  it('starts its worker when warmed, before any text is asked about, and only once', () => {
    let spawned = 0;
    const a = workerAnalyser(() => {
      spawned += 1;
      return fakeWorker().w;
    });
    a.warm();
    a.warm();
    expect(spawned).toBe(1);
  });

  it('gives the schema verdict and the JSON the forms read, as on the main thread', async () => {
    const f = fakeWorker();
    const a = workerAnalyser(() => f.w);
    const bad = '{"schema": "hmm-scenario/1", "era": "v4.14", "steps": [{"op": "nope"}]}';
    let got: Analysis | null = null;
    a.request(bad, (x) => (got = x));
    await f.answer(0);
    expect(got).toEqual(analyse(bad));
    expect((got as Analysis | null)?.check.ok).toBe(false);
    expect((got as Analysis | null)?.working.ok).toBe(true);
  });

  it('sends verdicts, not objects: the reply holds no copy of the document', async () => {
    const f = fakeWorker();
    const a = workerAnalyser(() => f.w);
    const text = doc('long');
    let got: Analysis | null = null;
    a.request(text, (x) => (got = x));
    const m = f.asked[0];
    if (!m) throw new Error('nothing asked');
    const reply = replyTo(m);
    expect(reply.working).toEqual({ ok: true, parts: null });
    // The scenario as its JSON text, whole (a short one has no parts).
    if (!reply.check.ok) throw new Error('the check failed');
    expect(typeof reply.check.doc.head).toBe('string');
    expect(reply.check.doc.parts).toEqual([]);
    await f.answer(0);
    expect(got).toEqual(analyse(text));
  });

  it('drops a stray answer for a request it no longer waits for', async () => {
    const f = fakeWorker();
    const a = workerAnalyser(() => f.w);
    const got: string[] = [];
    a.request(doc('x'), (x) => got.push(x.text));
    await f.answer(0);
    await f.answer(0);
    expect(got).toEqual([doc('x')]);
    // A copy arriving while the first is still being read is dropped too.
    a.request(doc('y'), (x) => got.push(x.text));
    await Promise.all([f.answer(1), f.answer(1)]);
    expect(got).toEqual([doc('x'), doc('y')]);
  });

  it('reads a long document in parts, equal to the analysis on the main thread', async () => {
    const f = fakeWorker();
    const a = workerAnalyser(() => f.w);
    // Long enough to need parts and for its text to go in slices.
    const n = Math.max(PART_ITEMS * 2 + 1, Math.ceil(SLICE_CHARS / 20));
    const steps = Array.from({ length: n }, (_, k) => ({
      op: 'spawn',
      pid: k + 1,
    }));
    const text = JSON.stringify({ schema: 'hmm-scenario/1', title: 'long', era: 'v4.14', steps });
    let got: Analysis | null = null;
    a.request(text, (x) => (got = x));
    // A text this long goes in slices, a task each.
    expect(text.length).toBeGreaterThan(SLICE_CHARS);
    await vi.waitFor(() => {
      expect(f.asked).toHaveLength(1);
    });
    const m = f.asked[0];
    if (!m) throw new Error('nothing asked');
    expect(m.text).toBe(text);
    const reply = replyTo(m);
    const parts = Math.ceil(n / PART_ITEMS);
    expect(parts).toBeGreaterThan(1);
    expect(reply.working?.ok && reply.working.parts?.parts.length).toBe(parts);
    expect(reply.check.ok && reply.check.doc.parts.length).toBe(parts);
    await f.answer(0);
    await vi.waitFor(() => {
      expect(got).not.toBeNull();
    });
    expect(got).toEqual(analyse(text));
  });

  it('does not ask for the JSON back when the caller made the text from it (a form edit)', async () => {
    const f = fakeWorker();
    const a = workerAnalyser(() => f.w);
    const known = { schema: 'hmm-scenario/1', title: 'k', era: 'v4.14', steps: [] };
    const text = JSON.stringify(known);
    let got: Analysis | null = null;
    a.request(text, (x) => (got = x), known);
    expect(f.asked[0]?.working).toBe(false);
    await f.answer(0);
    const g = got as Analysis | null;
    expect(g?.working).toEqual({ ok: true, doc: known });
    expect(g?.check).toEqual(analyse(text).check);
    a.request(text, (x) => (got = x));
    expect(f.asked[1]?.working).toBe(true);
  });
});
