/**
 * What the editor's analysis worker (analyse.worker.ts) and the page say to each other. The reply
 * carries verdicts, not objects: a structured clone of a 10,000-step document takes 30–90 ms to
 * arrive on the page (twice: the forms' JSON and the schema's scenario), where JSON.parse reads the
 * same document in 6–15 ms (bench/longtask --profile; measured in Node's serializer). So the
 * page parses the text it already has for the forms, and the scenario comes as JSON text. A long
 * document's objects come as parts the page parses a task at a time (wire/jsonParts.ts).
 */
import { analyse, type Analysis, type Check } from './analysis';
import type { Json, Working } from './stepOps';
import { fromJsonParts, partsOf, toJsonParts, type JsonParts } from '../wire/jsonParts';
import { fromWireDoc } from '../wire/jsonText';

/** What the worker is asked: `working: false` when the asker has the JSON already (a form edit). */
export interface Request {
  readonly id: number;
  /**
   * As a string: its clone costs ~45 ms for 12 MB, where Chromium's TextEncoder took 220–300 ms
   * to make it bytes (bench/longtask.bench.ts --profile).
   */
  readonly text: string;
  readonly working: boolean;
}

/**
 * A verdict whose object the page reads itself: with nothing, JSON.parse of its own text; with
 * `parts`, a long document's steps in parts the page parses a task at a time (wire/jsonParts.ts).
 */
type WireWorking =
  | { readonly ok: true; readonly parts: JsonParts | null }
  | { readonly ok: false; readonly error: string };
/** The scenario as JSON parts (whole in `head` when short); the page sends them on as they are. */
type WireCheck =
  { readonly ok: true; readonly doc: JsonParts } | { readonly ok: false; readonly error: string };

/** The worker's answer: `working` is null when the asker knew it (see Request). */
export interface Reply {
  readonly id: number;
  readonly working: WireWorking | null;
  readonly check: WireCheck;
}

/** The worker's side: analyse the text, answer with verdicts. */
export function replyTo(req: Request): Reply {
  const { working, check } = analyse(req.text);
  return {
    id: req.id,
    working: !req.working ? null : working.ok ? { ok: true, parts: partsOf(working.doc) } : working,
    check: check.ok ? { ok: true, doc: toJsonParts(check.scenario) } : check,
  };
}

/**
 * The page's side: the analysis a reply stands for, given the text asked about. A long document
 * is read over several tasks (the promise settles after the last part).
 */
export async function readReply(reply: Reply, text: string, known: Json | null): Promise<Analysis> {
  const w = reply.working;
  // The worker parsed this very text, so JSON.parse here cannot throw.
  const working: Working =
    w === null
      ? { ok: true, doc: known ?? {} }
      : w.ok
        ? { ok: true, doc: (w.parts ? await fromJsonParts(w.parts) : JSON.parse(text)) as Json }
        : w;
  const c = reply.check;
  const check: Check = c.ok
    ? // The store's document: sent to the trace and link workers as these very parts.
      { ok: true, scenario: await fromWireDoc<Extract<Check, { ok: true }>['scenario']>(c.doc) }
    : c;
  return { text, working, check };
}
