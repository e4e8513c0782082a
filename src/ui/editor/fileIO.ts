/**
 * Scenario files. Import reads at most one byte past MAX_SCENARIO_BYTES (16 MiB: a huge file is
 * refused without being read whole) through ingestFileBytes, the one pipeline for files: on this
 * thread for a short file, in a worker (ingest.worker.ts, which reads the file's bytes itself) for
 * a long one, so that opening a long scenario never holds the page. Export downloads the text
 * through a short-lived Blob URL.
 */
import { MAX_SCENARIO_BYTES } from '../../scenarios';
import { BIG_TEXT } from './analysis';
import { receiveSliced } from '../wire/sliced';
import { nextTask } from '../wire/nextTask';
import { readBlob, type FileRead } from './ingestWire';

/** What reading needs of a worker (a fake in tests). It answers in slices (wire/sliced.ts). */
export type IngestWorker = Pick<Worker, 'postMessage' | 'terminate'> & {
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
};

const spawnIngest = (): IngestWorker =>
  new Worker(new URL('./ingest.worker.ts', import.meta.url), {
    type: 'module',
    name: 'file-ingest',
  });

/**
 * ingestFileBytes (with the editor's text) of a file's first MAX_SCENARIO_BYTES + 1 bytes, in a
 * worker when the file is long and workers exist. The worker gets the Blob itself, a handle that
 * clones at once, and reads its bytes there: reading a 7 MB file into an ArrayBuffer here, then
 * posting those bytes (a copy: the fallback needed them), were two more tasks of 50–57 ms on the
 * page while a 100,000-step file was imported (a Chromium trace of the longtask bench's import:
 * SerializedScriptValueFactory::create, and the read's SimpleWatcher::OnHandleReady).
 */
export async function readScenarioFile(
  file: Blob,
  spawn: (() => IngestWorker) | null = typeof Worker === 'undefined' ? null : spawnIngest,
): Promise<FileRead> {
  const head = file.slice(0, MAX_SCENARIO_BYTES + 1);
  const readOnPage = () => readBlob(head);
  if (spawn === null || head.size <= BIG_TEXT) return readOnPage();
  return new Promise((resolve) => {
    const w = spawn();
    const done = (r: FileRead) => {
      w.terminate();
      resolve(r);
    };
    // The text's slices are joined in the task that takes the last one (7.8 MB: 25–30 ms on the
    // bench machine, an allocation and a copy whatever the method); what the import then starts
    // (the editor's render, the analysis) runs in the next task, so the two never add up.
    w.onmessage = receiveSliced((r: FileRead) => {
      void nextTask().then(() => {
        done(r);
      });
    });
    // A worker that cannot start (a strict policy, an old browser): read it here after all.
    w.onerror = () => {
      void readOnPage().then(done);
    };
    w.postMessage(head);
  });
}

/** Save `text` as a file named `name` (a download; nothing leaves the machine). */
export function downloadText(text: string, name: string, type = 'application/json'): void {
  downloadBlob(new Blob([text], { type }), name);
}

export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
