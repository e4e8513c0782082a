/**
 * What a share link should carry for the scenario on screen: the short built-in form when it is an
 * unmodified built-in (by identity, or by content for a custom copy that was edited back), else the
 * whole scenario. A built-in's link is plain text, written by src/url/link.ts without the codec; a
 * custom one waits for the codec chunk (`pending`). Cached per document object: the URL follows every step.
 */
import { getBuiltin } from '../../scenarios/library';
import type { ScenarioDoc } from '../../store/model';
import type { ScenarioMeta } from '../../store/types';
import { sameDoc } from '../../scenarios/sameDoc';
import type { Era } from '../../model';
import type { LinkSource } from '../../url';
import { builtinFragment, withEmbed, type EncodeResult } from '../../url/link';
import type { Selection } from '../../url/selection';
import { codecNow, loadCodec } from './codecRef';
import { needsWorker, whenPayload } from './linkPayload';

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
  /** The side-by-side comparison on screen, if any: its era travels as `vs=`. */
  readonly compare?: { readonly era: Era } | null;
}

export type FragmentResult =
  | EncodeResult
  | {
      readonly ok: false;
      readonly error: string;
      readonly pending: true;
      /** Settles when asking again may give the link (the codec or the document's payload). */
      readonly ready: Promise<unknown>;
    };

const PREPARING = 'the link is still being prepared';

/** The fragment for a state, with `&embed=1` kept when the app runs embedded. */
export function fragmentFor(s: ShareInput, opts: { embed?: boolean } = {}): FragmentResult {
  const source = linkSourceOf(s.scenario, s.scenario.doc);
  const codec = codecNow();
  const compare = s.compare?.era ?? null;
  let r: FragmentResult;
  if (codec && source.kind === 'custom' && needsWorker(codec, source.scenario)) {
    const ready = whenPayload(codec, source.scenario);
    r = { ok: false, error: PREPARING, pending: true, ready };
  } else if (codec)
    r = codec.encodeFragment({ source, step: s.cursor, selection: s.selection, compare });
  else if (source.kind === 'builtin')
    r = builtinFragment(source.id, s.cursor, s.selection, compare);
  else r = { ok: false, error: PREPARING, pending: true, ready: loadCodec() };
  if (!r.ok || opts.embed !== true) return r;
  return { ...r, fragment: withEmbed(r.fragment) };
}

/** Settles when fragmentFor(s) no longer waits (the codec loaded, the document's payload made). */
export async function linkReady(s: ShareInput): Promise<void> {
  // At most twice: the codec, then a long document's payload.
  for (let i = 0; i < 2; i++) {
    const r = fragmentFor(s);
    if (r.ok || !('pending' in r)) return;
    await r.ready;
  }
}

/** An absolute link: the page's address without query or fragment, plus the fragment. */
export function absoluteLink(fragment: string, page: { origin: string; pathname: string }): string {
  return `${page.origin}${page.pathname}${fragment}`;
}
