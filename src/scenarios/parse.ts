/**
 * The one way into a Scenario: size limit, JSON.parse, version migration, strict schema, semantic
 * checks. Never throws; every failure is one line of text.
 */
import * as v from 'valibot';
import { describeValue, oneLine } from './describe';
import { formatIssue } from './format';
import { migrate, type ScenarioDoc } from './migrate';
import { ScenarioSchema, type Scenario } from './schema';
import { checkSemantics } from './validate';
import { MAX_TOUCHED_PAGES, touchedPages } from './budget';
import { checkCost } from './cost';
import { MAX_SCENARIO_BYTES } from './limits';

export { MAX_SCENARIO_BYTES };

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

const fail = (error: string): ParseResult => ({ ok: false, error: oneLine(error) });

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** UTF-8 size, computed only when the UTF-16 length leaves doubt. */
function tooLarge(text: string, max: number): boolean {
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  return new TextEncoder().encode(text).length > max;
}

/** "16777216 bytes (16 MiB)": a size limit as the messages print it. */
export const bytesLimit = (bytes: number): string =>
  bytes % (1024 * 1024) === 0 ? `${bytes} bytes (${bytes / (1024 * 1024)} MiB)` : `${bytes} bytes`;

/**
 * Inputs larger than `maxBytes` (MAX_SCENARIO_BYTES unless a reader that allows more says so: the
 * CLI) are refused before JSON.parse.
 */
export function parseScenario(
  text: string,
  { maxBytes = MAX_SCENARIO_BYTES }: { readonly maxBytes?: number } = {},
): ParseResult {
  if (typeof text !== 'string') return fail(`scenario text must be a string`);
  if (tooLarge(text, maxBytes)) return fail(`scenario is larger than ${bytesLimit(maxBytes)}`);
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail(`invalid JSON: ${errorText(e)}`);
  }
  return parseScenarioValue(value);
}

export interface ParseOptions {
  /**
   * Skip the work estimate (src/scenarios/cost.ts). Only for documents the app builds itself and
   * means to be big (the render benchmark's machine); never for a link, a file or a draft.
   */
  readonly unbounded?: boolean;
}

/** For input that is already parsed (a decoded share link, a test fixture). */
export function parseScenarioValue(value: unknown, options: ParseOptions = {}): ParseResult {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return fail(`scenario must be a JSON object, got ${describeValue(value)}`);
    }
    // Before the schema: "value" with a huge npages is a few bytes that expand to millions.
    const pages = touchedPages(value);
    if (pages > MAX_TOUCHED_PAGES) {
      return fail(
        `scenario touches ${pages} pages in all; at most ${MAX_TOUCHED_PAGES} are allowed`,
      );
    }
    const migrated = migrate(value as ScenarioDoc);
    if (!migrated.ok) return fail(migrated.error);
    // The work it asks for, before the schema spends time on a document it would refuse anyway.
    const cost = options.unbounded === true ? null : checkCost(migrated.doc);
    if (cost !== null) return fail(cost);
    const parsed = v.safeParse(ScenarioSchema, migrated.doc, { abortEarly: true });
    if (!parsed.success) return fail(formatIssue(parsed.issues[0]));
    const semantic = checkSemantics(parsed.output);
    if (semantic !== null) return fail(semantic);
    return { ok: true, scenario: parsed.output };
  } catch (e) {
    // A hostile object (throwing getter, proxy) must not escape as an exception.
    return fail(`scenario could not be read: ${errorText(e)}`);
  }
}
