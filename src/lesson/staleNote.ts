/**
 * A hand-written note is written for one result ("The load returns 10"). The editor records that
 * result beside the note (the step's `noteFor`) and warns when the step's result no longer
 * matches it, e.g. after a fork inserted before the read makes it livelock. Pure.
 */
import type { StepResult, WokenResult } from '../model';

const SHOWN = 8;

/** FNV-1a of a list, so that a change deep inside a long list still shows. */
function digest(xs: readonly number[]): string {
  let h = 0x811c9dc5;
  for (const x of xs) {
    h ^= x & 0xffffffff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function list(xs: readonly number[]): string {
  if (xs.length <= SHOWN) return `[${xs.join(', ')}]`;
  return `[${xs.slice(0, SHOWN).join(', ')}, … ${xs.length} in all #${digest(xs)}]`;
}

/**
 * The result as one short, stable line: `values [10]`, `livelock at 0x10000000`, `SIGBUS`,
 * `ret -14, cpages 0`, `sleeps on mmap_sem`, `ret 0, woke pid 1 read (ret 0, values [10])`. Equal results give equal lines; this is what `noteFor` holds.
 */
export function resultLine(result: StepResult | null): string {
  if (result === null) return 'nothing';
  const parts: string[] = [];
  if (result.livelock === true) parts.push('livelock');
  if (result.oom === true) parts.push('out of memory');
  if (result.signal !== undefined) parts.push(result.signal);
  if (result.waits !== undefined) parts.push(`sleeps on ${result.waits}`);
  // Where the access stopped belongs to the signal, oom, livelock or sleep before it.
  if (result.addr !== undefined && parts.length > 0) parts.push(`at ${result.addr}`);
  if (result.paused !== undefined) parts.push(`paused ${result.paused}`);
  if (result.ret !== undefined) parts.push(`ret ${result.ret}`);
  if (result.cpages !== undefined) parts.push(`cpages ${result.cpages}`);
  if (result.faults !== undefined) parts.push(`faults ${result.faults}`);
  if (result.values !== undefined) parts.push(`values ${list(result.values)}`);
  if (result.bytes !== undefined) parts.push(`bytes ${list(result.bytes)}`);
  // A note on a resume tells what the sleepers saw: a different wake makes it stale too.
  if (result.woken !== undefined) parts.push(wokenLine(result.woken));
  return parts.length === 0 ? 'done' : parts.join(', ');
}

const WOKEN_SHOWN = 100;

/** The sleepers a resume woke, and what each did; past WOKEN_SHOWN characters, a count and a digest. */
function wokenLine(woken: readonly WokenResult[]): string {
  const full = woken.map((w) => `woke pid ${w.pid} ${w.op} (${resultLine(w.result)})`).join(', ');
  if (full.length <= WOKEN_SHOWN) return full;
  const codes = Array.from(full, (c) => c.codePointAt(0) ?? 0);
  return `woke ${woken.length} tasks #${digest(codes)}`;
}

export type NoteCheck =
  /** No hand-written note: the narration is generated, never stale. */
  | { readonly kind: 'generated' }
  /** A note without a recorded result (an older file): nothing to compare. */
  | { readonly kind: 'unrecorded' }
  | { readonly kind: 'current' }
  | { readonly kind: 'stale'; readonly was: string; readonly now: string };

// The verdicts without data, one object each: the editor checks every step of a document.
const GENERATED: NoteCheck = Object.freeze({ kind: 'generated' });
const UNRECORDED: NoteCheck = Object.freeze({ kind: 'unrecorded' });
const CURRENT: NoteCheck = Object.freeze({ kind: 'current' });

/** Does a step's note still describe its result? */
export function checkNote(
  step: { readonly note?: unknown; readonly noteFor?: unknown },
  result: StepResult | null,
): NoteCheck {
  if (typeof step.note !== 'string' || step.note === '') return GENERATED;
  if (typeof step.noteFor !== 'string') return UNRECORDED;
  const now = resultLine(result);
  return step.noteFor === now ? CURRENT : { kind: 'stale', was: step.noteFor, now };
}
