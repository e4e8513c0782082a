/**
 * Scenario + step + selection → share fragment. Built-ins travel by id (`#v=1&s=<id>&t=<N>`);
 * anything else travels whole (`#v=1&c=<payload>&t=<N>`), in the compact form when that form
 * reproduces the scenario exactly (checked on every encode), else as the full document.
 */
import { MAX_TOUCHED_PAGES, touchedPages } from '../scenarios/budget';
import { parseScenarioValue, type Scenario } from '../scenarios';
import { getBuiltin } from '../scenarios/library';
import { compactScenario } from './compact';
import { expandCompact } from './expand';
import { BUILTIN_ID, formatFragment, LINK_VERSION, MAX_FRAGMENT_CHARS } from './fragment';
import { encodePayload } from './payload';
import { encodeSelection, isEncodableSelection, type Selection } from './selection';

/** Longest link that survives Teams on Windows and old Office (U3, G-P9). */
export const LECTURE_LINK_CHARS = 2_000;

export type LinkSource =
  | { readonly kind: 'builtin'; readonly id: string }
  | { readonly kind: 'custom'; readonly scenario: Scenario };

export interface LinkState {
  readonly source: LinkSource;
  /** Timeline position: 0 is the boot state, i is the state after step i-1. */
  readonly step?: number;
  readonly selection?: Selection | null;
}

export type EncodeResult =
  | {
      readonly ok: true;
      readonly fragment: string;
      /** How the scenario travels: by built-in id, compact, or as the whole document. */
      readonly form: 'builtin' | 'compact' | 'document';
      /** Longer than LECTURE_LINK_CHARS: offer a file export besides the link. */
      readonly long: boolean;
    }
  | { readonly ok: false; readonly error: string };

/**
 * Structural equality of plain JSON-like data (trusted, shallow: a scenario is 5 levels deep).
 * `===` on primitives: JSON has no -0, so a link cannot keep it apart from 0 anyway.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && sameData(ra[k], rb[k]));
}

type Payload = { readonly payload: string; readonly form: 'compact' | 'document' };
const payloadCache = new WeakMap<Scenario, Payload | string>();

function makePayload(scenario: Scenario): Payload | string {
  const canonical = parseScenarioValue(scenario);
  if (!canonical.ok) return `the scenario is not valid: ${canonical.error}`;
  const pages = touchedPages(canonical.scenario);
  if (pages > MAX_TOUCHED_PAGES)
    return `the scenario touches ${pages} pages, more than a link may ask for (${MAX_TOUCHED_PAGES})`;
  try {
    const compact = compactScenario(canonical.scenario);
    const back = expandCompact(JSON.parse(JSON.stringify(compact)));
    const again = back.ok ? parseScenarioValue(back.doc) : undefined;
    if (again?.ok === true && sameData(again.scenario, canonical.scenario)) {
      return { payload: encodePayload(compact), form: 'compact' };
    }
  } catch {
    // A scenario the compact tables cannot express travels as a document.
  }
  return { payload: encodePayload(canonical.scenario), form: 'document' };
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

export function encodeFragment(state: LinkState): EncodeResult {
  try {
    const step = state.step ?? 0;
    const { source } = state;
    const stepCount =
      source.kind === 'builtin'
        ? getBuiltin(source.id)?.steps.length
        : source.scenario.steps.length;
    if (source.kind === 'builtin' && (!BUILTIN_ID.test(source.id) || stepCount === undefined)) {
      return { ok: false, error: `there is no built-in scenario "${source.id}"` };
    }
    if (!Number.isSafeInteger(step) || step < 0 || step > (stepCount ?? 0)) {
      return { ok: false, error: `step ${step} is outside the scenario (0..${stepCount ?? 0})` };
    }
    const sel = state.selection ?? null;
    const selText = sel !== null && isEncodableSelection(sel) ? encodeSelection(sel) : undefined;
    let payload: Payload | undefined;
    if (source.kind === 'custom') {
      const made = payloadOf(source.scenario);
      if (typeof made === 'string') return { ok: false, error: made };
      payload = made;
    }
    const fragment = formatFragment({
      v: String(LINK_VERSION),
      ...(source.kind === 'builtin' ? { s: source.id } : {}),
      ...(payload ? { c: payload.payload } : {}),
      t: String(step),
      ...(selText !== undefined ? { sel: selText } : {}),
    });
    if (fragment.length > MAX_FRAGMENT_CHARS) {
      return {
        ok: false,
        error: `the scenario is too large for a link (${fragment.length} characters, the limit is ${MAX_FRAGMENT_CHARS}): export it as a file`,
      };
    }
    const form = payload ? payload.form : 'builtin';
    return { ok: true, fragment, form, long: fragment.length > LECTURE_LINK_CHARS };
  } catch (e) {
    return {
      ok: false,
      error: `the link could not be made: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
