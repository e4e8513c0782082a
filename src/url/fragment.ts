/**
 * The share fragment's outer layer: `#v=1&s=<builtin-id>&t=<step>&sel=<selection>` or
 * `#v=1&c=<payload>&t=...`, and `&vs=<era>` when the scenario is shown beside itself in a second
 * kernel era (added to v=1: older readers list `vs` as unknown and show the one era).
 * Only the fragment is used, so nothing of it reaches a server (U4).
 */

/**
 * The link format this build writes for a built-in, and for a custom scenario whose payload
 * repeats none of the text table's entries; readers accept exactly the versions in LINK_VERSIONS.
 */
export const LINK_VERSION = 1;
/**
 * v=2 (issue 12): the same fragment, its `c=` payload compressed against entries of a frozen text
 * table of the library's notes (dictionary.ts). Written only when it makes the link shorter, so a
 * link that does not need it still opens in builds that read v=1 only.
 */
export const DICTIONARY_LINK_VERSION = 2;
export const LINK_VERSIONS: readonly number[] = [1, 2];

/** Longest fragment ingested at all (G-S1 step 1); Chromium's display limit was 32 KiB (U1). */
export const MAX_FRAGMENT_CHARS = 32_768;

/** Room for what precedes the '#' of a pasted address (scheme, host, path, query). */
const ADDRESS_PREFIX_CHARS = 2048;

/**
 * How long a link (a fragment, or a whole pasted address) is if it is too long to read at all,
 * else null: only what follows an address's first '#' counts, with room for what precedes it.
 * Ingest refuses such a link first; the page's reader never sends one to its worker.
 */
export function overlongLink(hash: string): number | null {
  if (hash.length > MAX_FRAGMENT_CHARS + ADDRESS_PREFIX_CHARS) return hash.length;
  const fragment = hash.length - Math.max(hash.indexOf('#'), 0);
  return fragment > MAX_FRAGMENT_CHARS ? fragment : null;
}

/** Built-in ids: lowercase words with dashes, as the library names them. */
export const BUILTIN_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

// Append only: formatFragment writes keys in this order.
const KEYS = ['v', 's', 'c', 't', 'sel', 'vs'] as const;
export type FragmentKey = (typeof KEYS)[number];
export type FragmentParams = Partial<Record<FragmentKey, string>>;

export type ParamsResult =
  | { readonly ok: true; readonly params: FragmentParams; readonly unknown: readonly string[] }
  | { readonly ok: false; readonly problem: 'empty' | 'too-large' | 'syntax' | 'duplicate' };

function isKey(k: string): k is FragmentKey {
  return (KEYS as readonly string[]).includes(k);
}

/**
 * Splits `#k=v&k=v` into known keys. Unknown keys are listed and otherwise ignored, so a later
 * minor addition does not break older readers; a repeated key is ambiguous and rejected.
 */
export function parseFragmentParams(hash: string): ParamsResult {
  if (hash.length > MAX_FRAGMENT_CHARS) return { ok: false, problem: 'too-large' };
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.length === 0) return { ok: false, problem: 'empty' };
  const parts = body.split('&');
  if (parts.length > 16) return { ok: false, problem: 'syntax' };
  const params: FragmentParams = {};
  const unknown: string[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, problem: 'syntax' };
    const key = part.slice(0, eq);
    let value: string;
    try {
      value = decodeURIComponent(part.slice(eq + 1));
    } catch {
      return { ok: false, problem: 'syntax' };
    }
    if (!isKey(key)) {
      if (unknown.length < 4) unknown.push(key.slice(0, 16));
      continue;
    }
    if (params[key] !== undefined) return { ok: false, problem: 'duplicate' };
    params[key] = value;
  }
  return { ok: true, params, unknown };
}

export function formatFragment(params: FragmentParams): string {
  const parts: string[] = [];
  for (const key of KEYS) {
    const value = params[key];
    if (value !== undefined) parts.push(`${key}=${value}`);
  }
  return `#${parts.join('&')}`;
}
