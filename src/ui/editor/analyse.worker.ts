/**
 * The editor's analysis of a long text (analysis.ts), away from the main thread: the text arrives,
 * its parsed JSON and the schema's verdict go back (one structured clone of plain data).
 */
import { analyse } from './analysis';

addEventListener('message', (e: MessageEvent<{ readonly id: number; readonly text: string }>) => {
  const { id, text } = e.data;
  const { working, check } = analyse(text);
  postMessage({ id, working, check });
});
