import { describe, expect, it } from 'vitest';
import { BIG_TEXT } from './analysis';
import { MAX_SCENARIO_BYTES } from '../../scenarios';
import { scenarioText } from './docFormat';
import { readScenarioFile, type IngestWorker } from './fileIO';
import { readBlob, readBytes, readHere, UNREADABLE, type FileRead } from './ingestWire';
import { ingestFileBytes } from '../../ingest';
import { SLICE_CHARS, postSlicedNow } from '../wire/sliced';

const bytesOf = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

/** A valid scenario file's bytes, of at least `chars` characters: spawns of one pid after another. */
function file(chars: number): Uint8Array<ArrayBuffer> {
  const steps: string[] = [];
  let length = 0;
  for (let pid = 1; length < chars; pid++) {
    const step = `{"op":"spawn","pid":${pid}}`;
    steps.push(step);
    length += step.length + 1;
  }
  return bytesOf(`{"schema":"hmm-scenario/1","era":"v4.14","steps":[${steps.join(',')}]}`);
}

function fakeWorker(reply: (bytes: Uint8Array) => FileRead | 'fail') {
  const log: string[] = [];
  let answers = 0;
  // As ingest.worker.ts answers: in slices, each message a structured clone.
  const toPage = {
    postMessage(m: unknown) {
      answers += 1;
      queueMicrotask(() => {
        w.onmessage?.({ data: structuredClone(m) } as MessageEvent);
      });
    },
  };
  const w: IngestWorker = {
    onmessage: null,
    onerror: null,
    // As ingest.worker.ts: the page sends the file itself, and the worker reads its bytes.
    postMessage(m: unknown) {
      if (!(m instanceof Blob))
        throw new Error('the page sent the worker something else than the file');
      log.push(`post ${m.size}`);
      void readBytes(m, reply).then((r) => {
        if (r === 'fail') w.onerror?.({} as ErrorEvent);
        else postSlicedNow(toPage, r);
      });
    },
    terminate() {
      log.push('terminate');
    },
  };
  return { w, log, answers: () => answers };
}

describe('readScenarioFile (a long scenario file is read in a worker)', () => {
  it('reads a short file on this thread, without a worker', async () => {
    const f = fakeWorker(() => {
      throw new Error('no worker for a short file');
    });
    const bytes = file(1_000);
    await expect(readScenarioFile(new Blob([bytes]), () => f.w)).resolves.toEqual(readHere(bytes));
    expect(f.log).toEqual([]);
  });

  it('sends a long file to the worker, gives its answer and ends it', async () => {
    const bytes = file(BIG_TEXT + 10);
    const f = fakeWorker((b) => readHere(b));
    const r = await readScenarioFile(new Blob([bytes]), () => f.w);
    expect(r.ok).toBe(true);
    expect(r).toEqual(readHere(bytes));
    expect(f.log).toEqual([`post ${bytes.length}`, 'terminate']);
  });

  it('gets the scenario back as the editor’s text, printed in the worker, with its title and length', async () => {
    const bytes = file(BIG_TEXT + 10);
    const reply = readHere(bytes);
    // No object graph to rebuild or parse on the page: one string and two plain values.
    expect(reply.ok && Object.values(reply).map((v) => typeof v)).toEqual([
      'boolean',
      'string',
      'object', // a title of null: the file has none
      'number',
    ]);
    const r = await readScenarioFile(new Blob([bytes]), () => fakeWorker(() => reply).w);
    const read = ingestFileBytes(bytes);
    if (!read.ok || !r.ok) throw new Error('the file is valid');
    expect(r.text).toBe(scenarioText(read.scenario));
    expect(r.steps).toBe(read.scenario.steps.length);
    expect(r.steps).toBeGreaterThan(1000);
    expect(r.title).toBeNull();
  });

  it('takes a text longer than a slice in several messages, whole again on the page', async () => {
    const bytes = file(3 * SLICE_CHARS);
    const f = fakeWorker((b) => readHere(b));
    const r = await readScenarioFile(new Blob([bytes]), () => f.w);
    expect(r).toEqual(readHere(bytes));
    expect(r.ok && r.text.length).toBeGreaterThan(3 * SLICE_CHARS);
    expect(f.answers()).toBeGreaterThanOrEqual(4);
  });

  it('reads it here after all when the worker cannot start', async () => {
    const bytes = file(BIG_TEXT + 10);
    const f = fakeWorker(() => 'fail');
    await expect(readScenarioFile(new Blob([bytes]), () => f.w)).resolves.toEqual(readHere(bytes));
    expect(f.log).toEqual([`post ${bytes.length}`, 'terminate']);
  });

  it('keeps the file pipeline’s refusals (invalid text from the worker is passed on)', async () => {
    const bytes = bytesOf(`{"schema": "hmm-scenario/1", "steps": [${'1,'.repeat(BIG_TEXT / 2)}1]}`);
    const f = fakeWorker((b) => readHere(b));
    const r = await readScenarioFile(new Blob([bytes]), () => f.w);
    expect(r.ok).toBe(false);
    expect(r).toEqual(readHere(bytes));
  });

  it('sends the worker only the head of a file over the limit, which the pipeline then refuses', async () => {
    const bytes = file(MAX_SCENARIO_BYTES + 100);
    const f = fakeWorker((b) => readHere(b));
    const r = await readScenarioFile(new Blob([bytes]), () => f.w);
    expect(f.log).toEqual([`post ${MAX_SCENARIO_BYTES + 1}`, 'terminate']);
    expect(r.ok).toBe(false);
    expect(r).toEqual(readHere(bytes.subarray(0, MAX_SCENARIO_BYTES + 1)));
  });

  it('says a file that cannot be read cannot be read, on the page and from the worker', async () => {
    // A Blob whose bytes are gone (the file was moved or changed after it was picked).
    const gone = (size: number): Blob =>
      Object.assign(new Blob([new Uint8Array(size)]), {
        arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')),
        slice() {
          return this;
        },
      });
    await expect(readBlob(gone(10))).resolves.toEqual(UNREADABLE);
    expect(UNREADABLE.ok).toBe(false);
    const noWorker = fakeWorker(() => {
      throw new Error('no worker for a short file');
    });
    await expect(readScenarioFile(gone(1_000), () => noWorker.w)).resolves.toEqual(UNREADABLE);
    const f = fakeWorker((b) => readHere(b));
    await expect(readScenarioFile(gone(BIG_TEXT + 10), () => f.w)).resolves.toEqual(UNREADABLE);
    expect(f.log).toEqual([`post ${BIG_TEXT + 10}`, 'terminate']);
  });
});
