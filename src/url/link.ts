/**
 * The light half of the share link: what the main chunk needs to write a built-in's link and to
 * read the link's outer options, without the compressor or the compact tables (the heavy half,
 * encode.ts and src/ingest, loads lazily). encodeFragment writes built-in links through
 * builtinFragment, so the two cannot drift apart.
 */
import { getBuiltin, isBuiltinId } from '../scenarios/library';
import { BUILTIN_ID, formatFragment, LINK_VERSION, parseFragmentParams } from './fragment';
import { encodeSelection, isEncodableSelection, type Selection } from './selection';
import type { Era } from '../model/types';

/** Longest link that survives Teams on Windows and old Office (U3, G-P9). */
export const LECTURE_LINK_CHARS = 2_000;

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
 * A built-in's fragment: `#v=1&s=<id>&t=<step>[&sel=<selection>][&vs=<era>]`; `vs` is the second
 * era when the scenario is shown beside itself in another kernel era.
 */
export function builtinFragment(
  id: string,
  step: number,
  selection: Selection | null,
  compare: Era | null = null,
): EncodeResult {
  const known = BUILTIN_ID.test(id) && isBuiltinId(id);
  if (!known) return { ok: false, error: `there is no built-in scenario "${id}"` };
  // A built-in on screen has been loaded (scenarios/library loadBuiltin): its length is known.
  const steps = getBuiltin(id)?.steps.length;
  if (steps === undefined) return { ok: false, error: `the built-in "${id}" is still loading` };
  if (!Number.isSafeInteger(step) || step < 0 || step > steps)
    return { ok: false, error: `step ${step} is outside the scenario (0..${steps})` };
  const sel =
    selection !== null && isEncodableSelection(selection) ? encodeSelection(selection) : undefined;
  const fragment = formatFragment({
    v: String(LINK_VERSION),
    s: id,
    t: String(step),
    ...(sel !== undefined ? { sel } : {}),
    ...(compare !== null ? { vs: compare } : {}),
  });
  return { ok: true, fragment, form: 'builtin', long: fragment.length > LECTURE_LINK_CHARS };
}

/**
 * The built-in a link names (`s=<id>`, in a fragment or a whole pasted address), or null. Its
 * document is a chunk of its own: load it (scenarios/library loadBuiltin) before reading the link.
 */
export function linkedBuiltin(hash: string): string | null {
  const at = hash.indexOf('#');
  const parsed = parseFragmentParams(at >= 0 ? hash.slice(at) : hash);
  const id = parsed.ok ? parsed.params.s : undefined;
  return id !== undefined && BUILTIN_ID.test(id) && isBuiltinId(id) ? id : null;
}

/** The fragment of an app running embedded: the link plus `&embed=1`. */
export function withEmbed(fragment: string): string {
  return `${fragment}&embed=1`;
}

/** `embed=1` in the query or among the fragment's parameters. */
export function embedRequested(search: string, hash: string): boolean {
  if (new URLSearchParams(search).get('embed') === '1') return true;
  return /(?:^#|&)embed=1(?:&|$)/.test(hash);
}
