/** The one-line sentences a rejected link or file shows. Nothing here echoes raw input unbounded. */
import type { PayloadProblem } from '../url/payload';
import { thousands as fmt } from '../model';

export type IngestReason =
  'empty' | 'too-large' | 'damaged' | 'version' | 'unknown-builtin' | 'invalid' | 'internal';

export interface IngestFailure {
  readonly ok: false;
  readonly reason: IngestReason;
  /** One line, for an alert. */
  readonly error: string;
}

/** A short, one-line, quoted rendering of an untrusted string. */
export function quote(text: string, max = 40): string {
  const flat = text.replace(/[\p{Cc}\u2028\u2029]/gu, ' ');
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}...` : flat);
}

/** Collapses whitespace and bounds the length (messages are one line). */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

export const fail = (reason: IngestReason, error: string): IngestFailure => ({
  ok: false,
  reason,
  error: oneLine(error),
});

const PAYLOAD: Record<PayloadProblem, string> = {
  alphabet: 'it contains characters that do not belong in a share link',
  truncated: 'truncated data',
  corrupt: 'the compressed data is corrupt',
  'too-large': '',
  utf8: 'invalid UTF-8 text',
  json: 'not valid JSON',
};

export const Messages = {
  empty: () => fail('empty', 'The link holds no scenario.'),
  linkTooLong: (n: number, max: number) =>
    fail('too-large', `The link is too long to open (${fmt(n)} characters; at most ${fmt(max)}).`),
  linkSyntax: (why: string) => fail('damaged', `The link is damaged (${why}).`),
  newerVersion: (v: string, known: readonly number[]) =>
    /^[0-9]{1,16}$/.test(v)
      ? fail(
          'version',
          Number(v) > Math.max(...known)
            ? `The link was made by a newer version of HMM Explorer (link format v=${v}; this version reads v=${known.join(', v=')}).`
            : `The link's format version v=${v} is not one this version reads (v=${known.join(', v=')}).`,
        )
      : fail(
          'damaged',
          `The link is damaged (its format version ${quote(v, 12)} is not a number).`,
        ),
  unknownBuiltin: (id: string) =>
    fail(
      'unknown-builtin',
      `The link names a built-in scenario ${quote(id)} that this version does not have.`,
    ),
  payload: (problem: PayloadProblem, maxBytes: number) =>
    problem === 'too-large'
      ? fail(
          'too-large',
          `The link's scenario is too large to open (it expands beyond ${fmt(maxBytes / 1024 / 1024)} MiB).`,
        )
      : fail('damaged', `The link's scenario is damaged (${PAYLOAD[problem]}).`),
  structure: (problem: string) =>
    fail('damaged', `The link's scenario is damaged (${oneLine(problem, 80)}).`),
  invalid: (what: 'link' | 'file', error: string) =>
    fail('invalid', `The ${what}'s scenario is not valid: ${error}`),
  badStep: (t: string) =>
    fail('damaged', `The link is damaged (its step ${quote(t, 12)} is not a step number).`),
  fileTooLarge: (n: number, max: number) =>
    fail('too-large', `The file is too large to open (${fmt(n)} bytes; at most ${fmt(max)}).`),
  fileUtf8: () => fail('damaged', 'The file is not UTF-8 text.'),
  fileJson: (detail: string) =>
    fail('invalid', `The file is not valid JSON (${oneLine(detail, 120)}).`),
  tooMuchWork: (what: 'link' | 'file', pages: number, max: number) =>
    fail(
      'invalid',
      `The ${what}'s scenario touches too many pages (${fmt(pages)} in total; at most ${fmt(max)}).`,
    ),
  internal: (e: unknown) =>
    fail(
      'internal',
      `The scenario could not be opened (${e instanceof Error ? e.name : 'error'}).`,
    ),
} as const;
