/**
 * The analysis of the editor's text (analysis.ts): at once for a short text; for a long one from a
 * worker, so that typing never waits for the whole document to be parsed. Until the worker answers
 * for the text on screen, `current` is null and `last` is the newest analysis there is (of an
 * earlier text), so the forms keep showing something. One request at a time: texts typed while the
 * worker is busy are skipped, only the newest is sent next.
 */
import { useEffect, useMemo, useState } from 'react';
import { analyse, BIG_TEXT, type Analysis } from './analysis';

export interface TextAnalysis {
  /** The analysis of `text`, or null while the worker works on it. */
  readonly current: Analysis | null;
  /** `current`, or the newest earlier analysis while waiting (null before the first). */
  readonly last: Analysis | null;
}

export type Reply = Omit<Analysis, 'text'> & { readonly id: number };

export interface Analyser {
  request(text: string, done: (a: Analysis) => void): void;
}

/** What the analyser needs of a worker (a fake in tests). */
export type AnalysisWorker = Pick<Worker, 'postMessage'> & {
  onmessage: ((e: MessageEvent<Reply>) => void) | null;
};

const spawnWorker = (): AnalysisWorker =>
  new Worker(new URL('./analyse.worker.ts', import.meta.url), {
    type: 'module',
    name: 'editor-analysis',
  });

export function workerAnalyser(spawn: () => AnalysisWorker = spawnWorker): Analyser {
  let worker: AnalysisWorker | null = null;
  let seq = 0;
  let busy: { id: number; text: string; done: (a: Analysis) => void } | null = null;
  let next: { text: string; done: (a: Analysis) => void } | null = null;
  const send = (text: string, done: (a: Analysis) => void) => {
    worker ??= spawn();
    worker.onmessage = (e: MessageEvent<Reply>) => {
      const b = busy;
      if (!b || e.data.id !== b.id) return;
      busy = null;
      b.done({ text: b.text, working: e.data.working, check: e.data.check });
      const n = next;
      next = null;
      if (n) send(n.text, n.done);
    };
    busy = { id: ++seq, text, done };
    worker.postMessage({ id: busy.id, text });
  };
  return {
    request(text, done) {
      if (busy) next = { text, done };
      else send(text, done);
    },
  };
}

/** Short texts, and where there are no workers (tests, very old browsers): on this thread. */
const inline: Analyser = {
  request(text, done) {
    done(analyse(text));
  },
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

export function useAnalysis(text: string): TextAnalysis {
  const big = text.length > BIG_TEXT;
  const small = useMemo(() => (big ? null : analyseNow(text)), [big, text]);
  const [fromWorker, setFromWorker] = useState<Analysis | null>(null);
  useEffect(() => {
    // Answers come in the order asked, so the newest one always replaces the one on screen (on
    // an unmounted editor React drops the update).
    if (big) analyser().request(text, setFromWorker);
  }, [big, text]);
  if (small) return { current: small, last: small };
  const current = fromWorker?.text === text ? fromWorker : null;
  return { current, last: fromWorker };
}
