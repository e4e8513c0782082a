/**
 * The `c=` payload: UTF-8 JSON (the compact form, or a whole scenario document when the compact
 * form cannot carry it exactly), raw DEFLATE, base64url. Decoding runs the first layers of the
 * one ingestion pipeline (G-S1): base64url → inflate capped at 1 MiB → strict UTF-8 → JSON.parse.
 * Link format v=2 puts a list of table entries before the DEFLATE data and compresses against
 * them as a preset dictionary (dictionary.ts); v=1 payloads are read exactly as before.
 */
import { decodeBase64url, encodeBase64url } from './base64url';
import { decodeRefs, dictionaryOf, encodeRefs, tableRefs } from './dictionary';
import { deflateRaw, inflateRawCapped } from './flate';

/** Largest inflated payload accepted (G-S1 step 3). */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

/** Why a payload could not be read; ingest turns each into a sentence. */
export type PayloadProblem = 'alphabet' | 'truncated' | 'corrupt' | 'too-large' | 'utf8' | 'json';

export type PayloadResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: PayloadProblem; readonly detail?: string };

/**
 * JSON.stringify escapes lone surrogates (well-formed JSON.stringify, ES2019), so the text is
 * always well-formed UTF-16 and survives UTF-8 exactly.
 */
export function encodePayload(value: unknown, json: Uint8Array = jsonBytes(value)): string {
  return encodeBase64url(deflateRaw(json));
}

/** The UTF-8 JSON a payload carries (pass it to both encoders to make it once). */
export const jsonBytes = (value: unknown): Uint8Array =>
  new TextEncoder().encode(JSON.stringify(value));

/**
 * The v=2 payload of a value, or null when it repeats no entry of the table (then v=1 says the
 * same in as many characters and every older reader opens it).
 */
export function encodePayloadV2(
  value: unknown,
  json: Uint8Array = jsonBytes(value),
): string | null {
  const refs = tableRefs(value);
  if (refs.length === 0) return null;
  const head = encodeRefs(refs);
  const body = deflateRaw(json, dictionaryOf(refs));
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head);
  bytes.set(body, head.length);
  return encodeBase64url(bytes);
}

type Deflated =
  | { readonly ok: true; readonly deflated: Uint8Array; readonly dictionary?: Uint8Array }
  | { readonly ok: false; readonly problem: PayloadProblem };

/** The DEFLATE data of a `c=` payload and the dictionary it was compressed against (v=2). */
function deflatedOf(text: string, version: 1 | 2): Deflated {
  const bytes = decodeBase64url(text);
  if (!bytes.ok) return { ok: false, problem: bytes.problem };
  if (version === 1) return { ok: true, deflated: bytes.bytes };
  const refs = decodeRefs(bytes.bytes);
  if (!refs.ok) return { ok: false, problem: refs.problem };
  return { ok: true, deflated: refs.rest, dictionary: refs.dictionary };
}

/**
 * Whether a `c=` payload inflates to more than `bytes`, found by inflating it until it does (so
 * the look costs about `bytes` of inflation, whatever the payload holds). A link's length says
 * little about its document: a repetitive 10,000-step scenario is a 1,678-character link. A
 * payload that cannot be read is not "more": the pipeline will say why.
 */
export function payloadOver(text: string, version: 1 | 2, bytes: number): boolean {
  const d = deflatedOf(text, version);
  if (!d.ok) return false;
  const inflated = inflateRawCapped(d.deflated, bytes, d.dictionary);
  return !inflated.ok && inflated.problem === 'too-large';
}

/** A `c=` payload of link format `version` (1 or 2; the fragment's `v=`). */
export function decodePayload(text: string, version: 1 | 2 = 1): PayloadResult {
  const d = deflatedOf(text, version);
  if (!d.ok) return d;
  const inflated = inflateRawCapped(d.deflated, MAX_PAYLOAD_BYTES, d.dictionary);
  if (!inflated.ok) return { ok: false, problem: inflated.problem };
  let json: string;
  try {
    // A leading BOM is dropped (ignoreBOM false), as parseScenario drops it from a file.
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return { ok: false, problem: 'utf8' };
  }
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch (e) {
    return { ok: false, problem: 'json', detail: e instanceof Error ? e.message : '' };
  }
}
