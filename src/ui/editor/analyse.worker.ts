/**
 * The editor's analysis of a long text (analysis.ts), away from the main thread: the text arrives,
 * the schema's verdict and (unless the page has it) its parsed JSON go back (one structured clone of
 * plain data).
 */
import { analyse } from './analysis';
import type { Reply, Request } from './useAnalysis';

addEventListener('message', (e: MessageEvent<Request>) => {
  const { id, text } = e.data;
  const { working, check } = analyse(text);
  // The JSON goes back only when the page does not have it (it made the text from a form edit).
  const reply: Reply = { id, working: e.data.working ? working : null, check };
  postMessage(reply);
});
