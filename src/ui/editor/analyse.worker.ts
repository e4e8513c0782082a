/**
 * The editor's analysis of a long text (analysis.ts), away from the main thread: the text arrives,
 * the schema's verdict goes back (analysisWire.ts: verdicts and JSON texts, not cloned objects).
 */
import { replyTo, type Request } from './analysisWire';
import { postSlicedNow, receiveSliced } from '../wire/sliced';

// Long texts come and go in slices (wire/sliced.ts): each is a task of its own on the page.
addEventListener(
  'message',
  receiveSliced((req: Request) => {
    postSlicedNow(self, replyTo(req));
  }),
);
