/**
 * The one ingestion pipeline for share links and scenario files (G-S1). In order:
 *  1. size cap: a fragment over 32,768 characters (a file over 16 MiB) is refused unread;
 *  2. base64url, strict;                      3. raw inflate, aborted past 1 MiB of output;
 *  4. UTF-8 with fatal: true;                 5. JSON.parse;
 *  6. the link's compact form → a plain document (src/url/expand.ts), structure checked;
 *  7. a work budget (pages touched by all steps) checked before anything is expanded;
 *  8. parseScenarioValue: the migration chain, the strict schema, the semantic checks.
 * Only its output reaches the store. Nothing throws out of here: every failure is one line.
 */
import { MAX_SCENARIO_BYTES, parseScenarioValue, type Scenario } from '../scenarios';
import { getBuiltin, loadBuiltin } from '../scenarios/library';
import { linkedBuiltin } from '../url/link';
import { expandCompact } from '../url/expand';
import {
  BUILTIN_ID,
  LINK_VERSIONS,
  MAX_FRAGMENT_CHARS,
  overlongLink,
  parseFragmentParams,
  type FragmentParams,
} from '../url/fragment';
import { decodePayload, MAX_PAYLOAD_BYTES, payloadOver } from '../url/payload';
import { decodeSelection, type Selection } from '../url/selection';
import { MAX_TOUCHED_PAGES, touchedPages } from '../scenarios/budget';
import { Messages, quote, type IngestFailure } from './messages';
import { ERAS, type Era } from '../model/types';

export type { IngestFailure, IngestReason } from './messages';
export { MAX_TOUCHED_PAGES, touchedPages } from '../scenarios/budget';

export interface IngestSuccess {
  readonly ok: true;
  readonly origin: 'link' | 'file';
  /** Set when the link named a built-in scenario (`s=`). */
  readonly builtinId: string | null;
  readonly scenario: Scenario;
  /** Timeline position: 0 is the boot state, i the state after step i-1. */
  readonly step: number;
  readonly selection: Selection | null;
  /** The second era the link shows the scenario beside (`vs=`); absent: one era. */
  readonly compare?: Era;
  /** Things the link asked for that could not be honoured exactly; shown, not fatal. */
  readonly warnings: readonly string[];
}

export type IngestResult = IngestSuccess | IngestFailure;

/** Steps 7-8, shared by links and files. */
function admit(doc: unknown, what: 'link' | 'file'): Scenario | IngestFailure {
  const pages = touchedPages(doc);
  if (!(pages <= MAX_TOUCHED_PAGES)) return Messages.tooMuchWork(what, pages, MAX_TOUCHED_PAGES);
  const parsed = parseScenarioValue(doc);
  return parsed.ok ? parsed.scenario : Messages.invalid(what, parsed.error);
}

const isFailure = (x: Scenario | IngestFailure): x is IngestFailure =>
  (x as { ok?: unknown }).ok === false;

function customScenario(payload: string, version: 1 | 2): Scenario | IngestFailure {
  const decoded = decodePayload(payload, version);
  if (!decoded.ok) return Messages.payload(decoded.problem, MAX_PAYLOAD_BYTES);
  const { value } = decoded;
  if (Array.isArray(value)) {
    const expanded = expandCompact(value);
    if (!expanded.ok) return Messages.structure(expanded.problem);
    return admit(expanded.doc, 'link');
  }
  if (typeof value !== 'object' || value === null) return Messages.structure('not a scenario');
  return admit(value, 'link');
}

const STEP = /^(0|[1-9][0-9]{0,6})$/;

function fromParams(params: FragmentParams): IngestResult {
  const v = params.v ?? '1';
  if (!LINK_VERSIONS.some((known) => String(known) === v))
    return Messages.newerVersion(v, LINK_VERSIONS);
  if (params.s !== undefined && params.c !== undefined)
    return Messages.linkSyntax('it names both a built-in and a custom scenario');
  if (params.t !== undefined && !STEP.test(params.t)) return Messages.badStep(params.t);
  let scenario: Scenario;
  let builtinId: string | null = null;
  if (params.s !== undefined) {
    const found = BUILTIN_ID.test(params.s) ? getBuiltin(params.s) : undefined;
    if (found === undefined) return Messages.unknownBuiltin(params.s);
    scenario = found;
    builtinId = found.id;
  } else if (params.c !== undefined) {
    const custom = customScenario(params.c, v === '2' ? 2 : 1);
    if (isFailure(custom)) return custom;
    scenario = custom;
  } else {
    return Messages.empty();
  }
  const warnings: string[] = [];
  let step = params.t === undefined ? 0 : Number.parseInt(params.t, 10);
  if (step > scenario.steps.length) {
    warnings.push(
      `The link's step ${step} is past the end of the scenario (${scenario.steps.length} steps); showing the last step.`,
    );
    step = scenario.steps.length;
  }
  let selection: Selection | null = null;
  if (params.sel !== undefined) {
    selection = decodeSelection(params.sel);
    if (selection === null)
      warnings.push("The link's selection could not be read; nothing is selected.");
  }
  let compare: Era | undefined;
  if (params.vs !== undefined) {
    compare = ERAS.find((e) => e === params.vs);
    if (compare === undefined)
      warnings.push(
        `The link compares with a kernel era this version does not know (${quote(params.vs)}); showing one era.`,
      );
    else if (compare === scenario.era) compare = undefined;
  }
  return {
    ok: true,
    origin: 'link',
    builtinId,
    scenario,
    step,
    selection,
    ...(compare !== undefined ? { compare } : {}),
    warnings,
  };
}

/** Synchronous core of ingestFragment: a built-in the link names must have been loaded. */
export function ingestFragmentSync(hash: string): IngestResult {
  try {
    if (typeof hash !== 'string') return Messages.empty();
    const over = overlongLink(hash);
    if (over !== null) return Messages.linkTooLong(over, MAX_FRAGMENT_CHARS);
    // A whole pasted address is fine: only what follows the first '#' counts.
    const at = hash.indexOf('#');
    const fragment = at >= 0 ? hash.slice(at) : hash;
    const params = parseFragmentParams(fragment);
    if (!params.ok) {
      if (params.problem === 'empty') return Messages.empty();
      if (params.problem === 'too-large')
        return Messages.linkTooLong(fragment.length, MAX_FRAGMENT_CHARS);
      return Messages.linkSyntax(
        params.problem === 'duplicate'
          ? 'a parameter appears twice'
          : 'it is not of the form #v=1&…',
      );
    }
    return fromParams(params.params);
  } catch (e) {
    return Messages.internal(e);
  }
}

/**
 * Whether a fragment carries a custom scenario whose payload inflates past `bytes`: how the app
 * decides that a link is long to read (its length alone does not say). Malformed fragments are
 * not: reading them fails fast.
 */
export function fragmentCarriesOver(hash: string, bytes: number): boolean {
  if (typeof hash !== 'string' || hash.length > MAX_FRAGMENT_CHARS + 2048) return false;
  const at = hash.indexOf('#');
  const params = parseFragmentParams(at >= 0 ? hash.slice(at) : hash);
  if (!params.ok || params.params.c === undefined) return false;
  return payloadOver(params.params.c, params.params.v === '2' ? 2 : 1, bytes);
}

/**
 * A share fragment (`location.hash`, or a whole pasted address) → a scenario, or why not. A
 * built-in it names is loaded first (its chunk); a chunk that cannot be fetched rejects.
 */
export async function ingestFragment(hash: string): Promise<IngestResult> {
  const id =
    typeof hash === 'string' && hash.length <= MAX_FRAGMENT_CHARS + 2048
      ? linkedBuiltin(hash)
      : null;
  if (id !== null) await loadBuiltin(id);
  return ingestFragmentSync(hash);
}

/** The text of a scenario file (hmm-scenario JSON) → a scenario, or why not. */
export function ingestFile(text: string): IngestResult {
  try {
    if (typeof text !== 'string') return Messages.fileJson('not text');
    if (text.length > MAX_SCENARIO_BYTES)
      return Messages.fileTooLarge(text.length, MAX_SCENARIO_BYTES);
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      return Messages.fileJson(e instanceof Error ? e.message : 'unreadable');
    }
    const scenario = admit(value, 'file');
    if (isFailure(scenario)) return scenario;
    return {
      ok: true,
      origin: 'file',
      builtinId: null,
      scenario,
      step: 0,
      selection: null,
      warnings: [],
    };
  } catch (e) {
    return Messages.internal(e);
  }
}

/** The bytes of a scenario file: checked for size before decoding, and for valid UTF-8. */
export function ingestFileBytes(bytes: Uint8Array): IngestResult {
  try {
    if (bytes.length > MAX_SCENARIO_BYTES)
      return Messages.fileTooLarge(bytes.length, MAX_SCENARIO_BYTES);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return Messages.fileUtf8();
    }
    return ingestFile(text);
  } catch (e) {
    return Messages.internal(e);
  }
}
