/**
 * Scenario + step + selection → share fragment. Built-ins travel by id (`#v=1&s=<id>&t=<N>`);
 * anything else travels whole (`#v=1&c=<payload>&t=<N>`), in the compact form when that form
 * reproduces the scenario exactly (checked on every encode), else as the full document.
 */
import { MAX_TOUCHED_PAGES, touchedPages } from '../scenarios/budget';
import { parseScenarioValue, type Scenario } from '../scenarios';
import { sameDoc } from '../scenarios/sameDoc';
import { compactScenario } from './compact';
import { expandCompact } from './expand';
import {
  DICTIONARY_LINK_VERSION,
  formatFragment,
  LINK_VERSION,
  MAX_FRAGMENT_CHARS,
} from './fragment';
import { builtinFragment, LECTURE_LINK_CHARS, type EncodeResult } from './link';
import { encodePayload, encodePayloadV2, jsonBytes, MAX_PAYLOAD_BYTES } from './payload';
import { encodeSelection, isEncodableSelection, type Selection } from './selection';
import type { Era } from '../model/types';

export { LECTURE_LINK_CHARS, type EncodeResult } from './link';

export type LinkSource =
  | { readonly kind: 'builtin'; readonly id: string }
  | { readonly kind: 'custom'; readonly scenario: Scenario };

export interface LinkState {
  readonly source: LinkSource;
  /** Timeline position: 0 is the boot state, i is the state after step i-1. */
  readonly step?: number;
  readonly selection?: Selection | null;
  /** The second era of a side-by-side comparison (`vs=`), if any. */
  readonly compare?: Era | null;
}

export type Payload = {
  readonly payload: string;
  readonly form: 'compact' | 'document';
  /** 1, or 2 when the payload is compressed against the text table (dictionary.ts). */
  readonly version: number;
};

/**
 * The shorter of the value's v=1 and v=2 payloads (v=1 on a tie: more readers open it), or why
 * it has none: a reader inflates at most MAX_PAYLOAD_BYTES (payload.ts), so a link whose text
 * is longer would be refused by every reader, this app's included. DEFLATE makes a repetitive
 * 100,000-step scenario an 8,587-character link of 1.9 MiB; the writer says so, not the reader.
 */
function shortest(value: unknown, form: Payload['form']): Payload | string {
  const json = jsonBytes(value);
  if (json.length > MAX_PAYLOAD_BYTES)
    return `the scenario is too large for a link (its text is ${mib(json.length)} MiB, a link may carry ${mib(MAX_PAYLOAD_BYTES)} MiB): export it as a file`;
  const v1 = encodePayload(value, json);
  const v2 = encodePayloadV2(value, json);
  return v2 !== null && v2.length < v1.length
    ? { payload: v2, form, version: DICTIONARY_LINK_VERSION }
    : { payload: v1, form, version: LINK_VERSION };
}
const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 1);
const payloadCache = new WeakMap<Scenario, Payload | string>();

/**
 * A custom scenario's payload, or why it has none. Validates, compacts and round-trips the whole
 * document: ~50 µs a step, so a long document's is made in a worker (ui/share/linkPayload.ts) and
 * handed to primePayload.
 */
export function makePayload(scenario: Scenario): Payload | string {
  const canonical = parseScenarioValue(scenario);
  if (!canonical.ok) return `the scenario is not valid: ${canonical.error}`;
  const pages = touchedPages(canonical.scenario);
  if (pages > MAX_TOUCHED_PAGES)
    return `the scenario touches ${pages} pages, more than a link may ask for (${MAX_TOUCHED_PAGES})`;
  try {
    const compact = compactScenario(canonical.scenario);
    const back = expandCompact(JSON.parse(JSON.stringify(compact)));
    const again = back.ok ? parseScenarioValue(back.doc) : undefined;
    if (again?.ok === true && sameDoc(again.scenario, canonical.scenario)) {
      return shortest(compact, 'compact');
    }
  } catch {
    // A scenario the compact tables cannot express travels as a document.
  }
  return shortest(canonical.scenario, 'document');
}

/** The payload of a custom scenario; cached per (immutable) scenario object. */
function payloadOf(scenario: Scenario): Payload | string {
  let cached = payloadCache.get(scenario);
  if (cached === undefined) {
    cached = makePayload(scenario);
    payloadCache.set(scenario, cached);
  }
  return cached;
}

/** Has this scenario's payload been made (here, or in a worker and primed)? */
export function hasPayload(scenario: Scenario): boolean {
  return payloadCache.has(scenario);
}

/** Keep a payload made elsewhere from a copy of `scenario` (the same document: the same payload). */
export function primePayload(scenario: Scenario, payload: Payload | string): void {
  payloadCache.set(scenario, payload);
}

export function encodeFragment(state: LinkState): EncodeResult {
  try {
    const step = state.step ?? 0;
    const { source } = state;
    const sel = state.selection ?? null;
    // Built-ins travel by id, written by the light half (link.ts) that the main chunk uses too.
    if (source.kind === 'builtin')
      return builtinFragment(source.id, step, sel, state.compare ?? null);
    const stepCount = source.scenario.steps.length;
    if (!Number.isSafeInteger(step) || step < 0 || step > stepCount) {
      return { ok: false, error: `step ${step} is outside the scenario (0..${stepCount})` };
    }
    const selText = sel !== null && isEncodableSelection(sel) ? encodeSelection(sel) : undefined;
    const payload = payloadOf(source.scenario);
    if (typeof payload === 'string') return { ok: false, error: payload };
    const fragment = formatFragment({
      v: String(payload.version),
      c: payload.payload,
      t: String(step),
      ...(selText !== undefined ? { sel: selText } : {}),
      ...(state.compare ? { vs: state.compare } : {}),
    });
    if (fragment.length > MAX_FRAGMENT_CHARS) {
      return {
        ok: false,
        error: `the scenario is too large for a link (${fragment.length} characters, the limit is ${MAX_FRAGMENT_CHARS}): export it as a file`,
      };
    }
    return { ok: true, fragment, form: payload.form, long: fragment.length > LECTURE_LINK_CHARS };
  } catch (e) {
    return {
      ok: false,
      error: `the link could not be made: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
