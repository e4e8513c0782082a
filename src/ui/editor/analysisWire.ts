/**
 * What the editor's analysis worker (analyse.worker.ts) and the page say to each other. The reply
 * carries verdicts, not objects: a structured clone of a 10,000-step document takes 30–90 ms to
 * arrive on the page (twice: the forms' JSON and the schema's scenario), where JSON.parse reads the
 * same document in 6–15 ms (bench/longtask --profile; measured in Node's serializer). So the
 * page parses the text it already has for the forms, and the scenario comes as JSON text.
 */
import { analyse, type Analysis, type Check } from './analysis';
import type { Json, Working } from './stepOps';
import { knowJsonText } from '../wire/jsonText';

/** What the worker is asked: `working: false` when the asker has the JSON already (a form edit). */
export interface Request {
  readonly id: number;
  readonly text: string;
  readonly working: boolean;
}

/** A verdict whose object the page reads itself (`ok` with nothing: JSON.parse of its own text). */
type WireWorking = { readonly ok: true } | { readonly ok: false; readonly error: string };
type WireCheck =
  { readonly ok: true; readonly json: string } | { readonly ok: false; readonly error: string };

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
    working: !req.working ? null : working.ok ? { ok: true } : working,
    check: check.ok ? { ok: true, json: JSON.stringify(check.scenario) } : check,
  };
}

/** The page's side: the analysis a reply stands for, given the text asked about. */
export function readReply(reply: Reply, text: string, known: Json | null): Analysis {
  const w = reply.working;
  // The worker parsed this very text, so JSON.parse here cannot throw.
  const working: Working =
    w === null
      ? { ok: true, doc: known ?? {} }
      : w.ok
        ? { ok: true, doc: JSON.parse(text) as Json }
        : w;
  const c = reply.check;
  const check: Check = c.ok
    ? {
        ok: true,
        // The store's document: sent to the trace and link workers as this very text.
        scenario: knowJsonText(
          JSON.parse(c.json) as Extract<Check, { ok: true }>['scenario'],
          c.json,
        ),
      }
    : c;
  return { text, working, check };
}
