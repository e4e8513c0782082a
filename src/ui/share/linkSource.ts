/**
 * What a share link should carry for the scenario on screen: the short built-in form when it is an
 * unmodified built-in (by identity, or by content for a custom copy that was edited back), else the
 * whole scenario. Pure; cached per document object, since the URL is rewritten on every step.
 */
import { getBuiltin } from '../../scenarios/library';
import type { ScenarioDoc } from '../../store/model';
import type { ScenarioMeta } from '../../store/types';
import type { LinkSource, LinkState } from '../../url';
import { encodeFragment, sameData, type EncodeResult } from '../../url/encode';
import type { Selection } from '../../url/selection';

const builtinOfDoc = new WeakMap<ScenarioDoc, string | null>();

/** The id of the built-in this document is an unmodified copy of, or null. */
export function builtinIdOf(meta: ScenarioMeta, doc: ScenarioDoc): string | null {
  if (meta.id !== null && getBuiltin(meta.id) === doc) return meta.id;
  const cached = builtinOfDoc.get(doc);
  if (cached !== undefined) return cached;
  const candidate = getBuiltin(meta.id ?? doc.id ?? '');
  const id = candidate !== undefined && sameData(candidate, doc) ? candidate.id : null;
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

/** The fragment for a state, with `&embed=1` kept when the app runs embedded. */
export function fragmentFor(s: ShareInput, opts: { embed?: boolean } = {}): EncodeResult {
  const state: LinkState = {
    source: linkSourceOf(s.scenario, s.scenario.doc),
    step: s.cursor,
    selection: s.selection,
  };
  const r = encodeFragment(state);
  if (!r.ok || opts.embed !== true) return r;
  return { ...r, fragment: `${r.fragment}&embed=1` };
}

/** An absolute link: the page's address without query or fragment, plus the fragment. */
export function absoluteLink(fragment: string, page: { origin: string; pathname: string }): string {
  return `${page.origin}${page.pathname}${fragment}`;
}
