/**
 * The analysis of the editor's text (analysis.ts): at once for a short text; for a long one from a
 * worker, so that typing never waits for the whole document to be parsed. Until the worker answers
 * for the text on screen, `current` is null and `last` is the newest analysis there is (of an
 * earlier text), so the forms keep showing something. One request at a time: texts typed while the
 * worker is busy are skipped, only the newest is sent next.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { analyse, BIG_TEXT, type Analysis } from './analysis';
import type { Json } from './stepOps';
import { readReply, type Reply, type Request } from './analysisWire';
import { postSliced, receiveSliced, type Poster } from '../wire/sliced';

export interface TextAnalysis {
  /** The analysis of `text`, or null while the worker works on it. */
  readonly current: Analysis | null;
  /** `current`, or the newest earlier analysis while waiting (null before the first). */
  readonly last: Analysis | null;
}

export interface Analyser {
  /**
   * The analysis of `text`, then `done`. `known` is the text's JSON when the caller made the text
   * from it (a form edit): the worker then does not send it back, whose copy onto the page would
   * cost as much as parsing it here (tens of milliseconds for 10,000 steps).
   */
  request(text: string, done: (a: Analysis) => void, known?: Json | null): void;
  /**
   * Start the worker before it is needed: constructing one held the page 46–49 ms inside the task
   * that imported a 100,000-step file (bench/longtask.bench.ts --profile).
   */
  warm(): void;
}

/** What the analyser needs of a worker (a fake in tests). */
export type AnalysisWorker = Poster & {
  onmessage: ((e: MessageEvent) => void) | null;
};

const spawnWorker = (): AnalysisWorker =>
  new Worker(new URL('./analyse.worker.ts', import.meta.url), {
    type: 'module',
    name: 'editor-analysis',
  });

export function workerAnalyser(spawn: () => AnalysisWorker = spawnWorker): Analyser {
  let worker: AnalysisWorker | null = null;
  let seq = 0;
  interface Asked {
    readonly text: string;
    readonly done: (a: Analysis) => void;
    readonly known: Json | null;
  }
  let busy: (Asked & { readonly id: number }) | null = null;
  let next: Asked | null = null;
  /** The busy request's reply arrived and is being read (a stray copy of it is dropped). */
  let reading = false;
  const send = (a: Asked) => {
    worker ??= spawn();
    worker.onmessage = receiveSliced((reply: Reply) => {
      const b = busy;
      if (!b || reply.id !== b.id || reading) return;
      reading = true;
      // Busy until the reply is read: a long one is parsed over several tasks.
      void readReply(reply, b.text, b.known).then((a) => {
        busy = null;
        reading = false;
        b.done(a);
        const n = next;
        next = null;
        if (n) send(n);
      });
    });
    busy = { ...a, id: ++seq };
    const req: Request = { id: busy.id, text: a.text, working: a.known === null };
    // The text goes ahead in slices, a task each (posting 12 MB whole held the page 83 ms).
    void postSliced(worker, req);
  };
  return {
    warm() {
      worker ??= spawn();
    },
    request(text, done, known = null) {
      const a = { text, done, known };
      if (busy) next = a;
      else send(a);
    },
  };
}

/** Short texts, and where there are no workers (tests, very old browsers): on this thread. */
const inline: Analyser = {
  request(text, done) {
    done(analyse(text));
  },
  warm() {},
};

let shared: Analyser | null = null;
const analyser = (): Analyser =>
  (shared ??= typeof Worker === 'undefined' ? inline : workerAnalyser());

const memo: Analysis[] = [];
function analyseNow(text: string): Analysis {
  const hit = memo.find((a) => a.text === text);
  if (hit) return hit;
  const a = analyse(text);
  memo.unshift(a);
  memo.length = Math.min(memo.length, 4);
  return a;
}

/** `known`: the JSON of `text` when the caller made the text from it (a form edit), else null. */
export function useAnalysis(text: string, known: Json | null = null): TextAnalysis {
  // The editor is open: its worker starts while the page is idle, before a long text arrives.
  useEffect(() => {
    if (typeof requestIdleCallback === 'undefined') return;
    const id = requestIdleCallback(() => {
      analyser().warm();
    });
    return () => {
      cancelIdleCallback(id);
    };
  }, []);
  const big = text.length > BIG_TEXT;
  const small = useMemo(() => (big ? null : analyseNow(text)), [big, text]);
  const [fromWorker, setFromWorker] = useState<Analysis | null>(null);
  // Each text is asked about once (a change of `known` alone is no new question).
  const asked = useRef<string | null>(null);
  useEffect(() => {
    if (!big || asked.current === text) return;
    asked.current = text;
    // Answers come in the order asked, so the newest one always replaces the one on screen (on
    // an unmounted editor React drops the update).
    analyser().request(text, setFromWorker, known);
  }, [big, text, known]);
  if (small) return { current: small, last: small };
  const current = fromWorker?.text === text ? fromWorker : null;
  return { current, last: fromWorker };
}
