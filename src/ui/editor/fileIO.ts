/**
 * Scenario files. Import reads at most one byte past the 2 MiB limit (a huge file is refused
 * without being read whole) and hands the bytes to ingestFileBytes, the one pipeline for files.
 * Export downloads the text through a short-lived Blob URL.
 */
import { ingestFileBytes, type IngestResult } from '../../ingest';
import { MAX_SCENARIO_BYTES } from '../../scenarios';

export async function readScenarioFile(file: Blob): Promise<IngestResult> {
  const head = file.slice(0, MAX_SCENARIO_BYTES + 1);
  const bytes = new Uint8Array(await head.arrayBuffer());
  return ingestFileBytes(bytes);
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
