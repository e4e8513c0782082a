/**
 * The editor's analysis of a long text (analysis.ts), away from the main thread: the text arrives,
 * the schema's verdict goes back (analysisWire.ts: verdicts and JSON texts, not cloned objects).
 */
import { replyTo, type Request } from './analysisWire';

addEventListener('message', (e: MessageEvent<Request>) => {
  postMessage(replyTo(e.data));
});
