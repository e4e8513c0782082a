/**
 * What a share link should carry for the scenario on screen: the short built-in form when it is an
 * unmodified built-in (by identity, or by content for a custom copy that was edited back), else the
 * whole scenario. A built-in's link is plain text and is written without the codec; a custom one
 * waits for the codec chunk (`pending`). Cached per document object: the URL follows every step.
 */
import { getBuiltin } from '../../scenarios/library';
import type { ScenarioDoc } from '../../store/model';
import type { ScenarioMeta } from '../../store/types';
import type { LinkSource } from '../../url';
import type { EncodeResult } from '../../url/encode';
import { formatFragment, LINK_VERSION } from '../../url/fragment';
import { encodeSelection, isEncodableSelection, type Selection } from '../../url/selection';
import { codecNow } from './codecRef';
import { sameDoc } from './sameDoc';

/** LECTURE_LINK_CHARS of src/url/encode.ts (equal by a unit test; see sameDoc.ts for why). */
export const LECTURE_CHARS = 2_000;

const builtinOfDoc = new WeakMap<ScenarioDoc, string | null>();

/** The id of the built-in this document is an unmodified copy of, or null. */
export function builtinIdOf(meta: ScenarioMeta, doc: ScenarioDoc): string | null {
  if (meta.id !== null && getBuiltin(meta.id) === doc) return meta.id;
  const cached = builtinOfDoc.get(doc);
  if (cached !== undefined) return cached;
  const candidate = getBuiltin(meta.id ?? doc.id ?? '');
  const id = candidate !== undefined && sameDoc(candidate, doc) ? candidate.id : null;
  builtinOfDoc.set(doc, id);
  return id;
}

export function linkSourceOf(meta: ScenarioMeta, doc: ScenarioDoc): LinkSource {
  const id = builtinIdOf(meta, doc);
  return id !== null ? { kind: 'builtin', id } : { kind: 'custom', scenario: doc };
}

export interface ShareInput {
  readonly scenario: ScenarioMeta & { readonly doc: ScenarioDoc };
  readonly cursor: number;
  readonly selection: Selection | null;
}

export type FragmentResult =
  EncodeResult | { readonly ok: false; readonly error: string; readonly pending: true };

/** A built-in's fragment, exactly as encodeFragment writes it (checked by a unit test). */
export function builtinFragment(
  id: string,
  step: number,
  selection: Selection | null,
): EncodeResult {
  const steps = getBuiltin(id)?.steps.length;
  if (steps === undefined) return { ok: false, error: `there is no built-in scenario "${id}"` };
  if (!Number.isSafeInteger(step) || step < 0 || step > steps)
    return { ok: false, error: `step ${step} is outside the scenario (0..${steps})` };
  const sel =
    selection !== null && isEncodableSelection(selection) ? encodeSelection(selection) : undefined;
  const fragment = formatFragment({
    v: String(LINK_VERSION),
    s: id,
    t: String(step),
    ...(sel !== undefined ? { sel } : {}),
  });
  return { ok: true, fragment, form: 'builtin', long: fragment.length > LECTURE_CHARS };
}

/** The fragment for a state, with `&embed=1` kept when the app runs embedded. */
export function fragmentFor(s: ShareInput, opts: { embed?: boolean } = {}): FragmentResult {
  const source = linkSourceOf(s.scenario, s.scenario.doc);
  const codec = codecNow();
  let r: FragmentResult;
  if (codec) r = codec.encodeFragment({ source, step: s.cursor, selection: s.selection });
  else if (source.kind === 'builtin') r = builtinFragment(source.id, s.cursor, s.selection);
  else r = { ok: false, error: 'the link is still being prepared', pending: true };
  if (!r.ok || opts.embed !== true) return r;
  return { ...r, fragment: `${r.fragment}&embed=1` };
}

/** An absolute link: the page's address without query or fragment, plus the fragment. */
export function absoluteLink(fragment: string, page: { origin: string; pathname: string }): string {
  return `${page.origin}${page.pathname}${fragment}`;
}
