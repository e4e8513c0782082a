/**
 * Drafts as data (pure): one record per slot (an editing tab), holding its last MAX_VERSIONS
 * versions, newest first. Autosave replaces the newest version only while the same page keeps
 * editing it; anything else (a reload, a link, an import, a restore, another tab) starts a new
 * version, so the text it replaces stays restorable. An invalid text carries the last valid one
 * beside it, whatever happened before. Records read back from storage are untrusted: parseRecord
 * keeps only what the loader will open.
 */
import { parseScenario } from '../../scenarios';
import { nextTask } from '../wire/nextTask';
import { objectJsonSliced } from '../wire/quoteSliced';

export const MAX_VERSIONS = 10;
/**
 * The longest text a draft keeps, in UTF-8 bytes: the loader's limit until issue 12. The loader
 * now reads up to MAX_SCENARIO_BYTES (16 MiB, a 100,000-step scenario), but a draft is written on
 * every pause in typing, up to MAX_VERSIONS times over: a longer text is not autosaved (the user
 * is told, and exports it as a file).
 */
export const MAX_DRAFT_BYTES = 2 * 1024 * 1024;
/** A version older than this is kept and a new one started, so the list has points in time. */
export const VERSION_SPAN_MS = 2 * 60 * 1000;

export interface DraftVersion {
  /** The editor's text as typed (maybe invalid). */
  readonly text: string;
  /** Was `text` a scenario? Then it is its own last valid text. */
  readonly ok: boolean;
  /** When `text` is not valid: the last text that was (null when there never was one). */
  readonly valid: string | null;
  readonly savedAt: number;
  /** When this version was started: autosave grows it for at most VERSION_SPAN_MS. */
  readonly startedAt: number;
  /** The page (one load of one tab) that wrote it: no other page ever replaces it. */
  readonly by: string;
  /** Kept on purpose (before an import, a link, a restore): never replaced by autosave. */
  readonly kept: boolean;
}

export interface DraftRecord {
  readonly id: string;
  /** Was the editor open? A restored draft reopens it. */
  readonly open: boolean;
  readonly versions: readonly DraftVersion[];
}

export interface VersionSummary {
  readonly title: string;
  readonly steps: number | null;
  readonly savedAt: number;
  readonly ok: boolean;
  /** Can it be opened (its text or its last valid text is a scenario)? */
  readonly opens: boolean;
}

export interface DraftSummary {
  readonly id: string;
  readonly open: boolean;
  readonly versions: readonly VersionSummary[];
}

/** UTF-8 size, as the loader counts it. */
export function textBytes(text: string): number {
  if (text.length * 3 <= MAX_DRAFT_BYTES) return text.length;
  return utf8Length(text);
}

/**
 * What TextEncoder's output would measure, counted from the UTF-16 code units: every read of the
 * drafts store checks each version's size, and encoding a 10,000-step text to count it took
 * ~24 ms a version (a long task on each save, in the long-task profile).
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      // A surrogate pair is one code point of 4 bytes; a lone surrogate encodes as U+FFFD (3).
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Is this text short enough to keep as a draft (MAX_DRAFT_BYTES; the loader, parseScenario and
 * ingestFile, takes all of these)? Only such texts are saved.
 */
export function fitsDraft(text: string): boolean {
  return text.length <= MAX_DRAFT_BYTES && textBytes(text) <= MAX_DRAFT_BYTES;
}

/** The last valid text of a version: its own text when valid. */
export function validText(v: DraftVersion): string | null {
  return v.ok ? v.text : v.valid;
}

/** The last valid text anywhere in the record, newest first. */
export function lastValid(r: DraftRecord | null): string | null {
  for (const v of r?.versions ?? []) {
    const t = validText(v);
    if (t !== null) return t;
  }
  return null;
}

export interface SaveInput {
  readonly text: string;
  readonly now: number;
  readonly by: string;
  /** Start a new version even if this page wrote the newest one (the text came from elsewhere). */
  readonly fresh: boolean;
  /** The last valid text the editor knows of (it may be newer than the record's). */
  readonly knownValid: string | null;
  readonly open: boolean;
  /** Is `text` a scenario? (Passed in so a caller that parsed it already need not parse again.) */
  readonly ok?: boolean;
  /** When `ok`: its title and step count, for the same reason (the list shows them). */
  readonly summary?: TextSummary;
}

/** The record after saving `text`. The caller has checked fitsDraft(text). */
export function withText(r: DraftRecord | null, id: string, s: SaveInput): DraftRecord {
  if (s.ok === true && s.summary !== undefined) rememberSummary(s.text, s.summary);
  const ok = s.ok ?? parseScenario(s.text).ok;
  const prev = r?.versions ?? [];
  const head = prev[0];
  const carried = s.knownValid !== null && fitsDraft(s.knownValid) ? s.knownValid : lastValid(r);
  const continues =
    head !== undefined &&
    !s.fresh &&
    !head.kept &&
    head.by === s.by &&
    s.now - head.startedAt < VERSION_SPAN_MS;
  const v: DraftVersion = {
    text: s.text,
    ok,
    valid: ok ? null : carried,
    savedAt: s.now,
    startedAt: continues ? head.startedAt : s.now,
    by: s.by,
    kept: false,
  };
  const rest = continues ? prev.slice(1) : prev;
  // The same text again is not a new version, but it takes the last valid text the editor has
  // now: text saved invalid by another page, then a valid text typed and typed away again before
  // the next save, kept the old page's "no valid text" and lost the valid one (draft fuzz).
  const same = head !== undefined && !continues && head.text === s.text && head.ok === ok;
  if (!same) return { id, open: s.open, versions: [v, ...rest].slice(0, MAX_VERSIONS) };
  const versions = head.valid === v.valid ? prev : [{ ...head, valid: v.valid }, ...prev.slice(1)];
  return { id, open: s.open, versions };
}

/** Mark the newest version kept: the next save starts a new one. */
export function keepHead(r: DraftRecord): DraftRecord {
  const [head, ...rest] = r.versions;
  if (!head || head.kept) return r;
  return { ...r, versions: [{ ...head, kept: true }, ...rest] };
}

/** The record without its oldest version (to fit a storage that refused); null when only one. */
export function dropOldest(r: DraftRecord): DraftRecord | null {
  if (r.versions.length <= 1) return null;
  return { ...r, versions: r.versions.slice(0, -1) };
}

export interface TextSummary {
  readonly title: string;
  readonly steps: number | null;
}

/**
 * The summaries of the newest valid texts, by text: each save of a long draft summarizes the
 * record's versions, read back as new objects, and parsing a 10,000-step text takes ~0.2 s on the
 * page; the editor, which has the verdict already, hands it in (rememberSummary).
 */
const textSummaries = new Map<string, TextSummary>();
const TEXT_MEMO = MAX_VERSIONS + 2;

function remember(text: string, s: TextSummary): TextSummary {
  textSummaries.delete(text);
  textSummaries.set(text, s);
  for (const k of textSummaries.keys()) {
    if (textSummaries.size <= TEXT_MEMO) break;
    textSummaries.delete(k);
  }
  return s;
}

/** A valid text's title and step count, known to the caller (from its own parse). */
export function rememberSummary(text: string, s: TextSummary): void {
  remember(text, { title: s.title, steps: s.steps });
}

/**
 * Title and step count of a text. `known` is what the version says of it: a text saved as valid
 * was validated when it was saved, so reading its title needs JSON.parse only (validating a
 * 10,000-step text again took ~300 ms on the main thread, a long task on every import); a text
 * saved as invalid is read for its title only. A stored record is untrusted: whatever does not
 * read as a scenario's shape falls back to the title alone.
 */
function summarizeText(text: string, known: boolean): TextSummary {
  const hit = textSummaries.get(text);
  if (hit !== undefined) return hit;
  if (known) {
    try {
      const v: unknown = JSON.parse(text);
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        const steps = Object.hasOwn(o, 'steps') ? o.steps : undefined;
        const title = Object.hasOwn(o, 'title') ? o.title : undefined;
        if (Array.isArray(steps) && (title === undefined || typeof title === 'string'))
          return remember(text, { title: title ?? 'Untitled scenario', steps: steps.length });
      }
    } catch {
      // Not JSON after all: read its title as any other text.
    }
  }
  // Mid-edit text: its title if one can be read, else a stand-in.
  const m = /"title"\s*:\s*"((?:[^"\\]|\\.){0,200})"/.exec(text.slice(0, 4096));
  let title = 'Untitled draft';
  if (m?.[1] !== undefined) {
    try {
      title = String(JSON.parse(`"${m[1]}"`));
    } catch {
      title = m[1];
    }
  }
  return { title, steps: null };
}

/** Versions are immutable and shared between a record and the next: summarize each once. */
const summaries = new WeakMap<DraftVersion, VersionSummary>();

export function summarizeVersion(v: DraftVersion): VersionSummary {
  let s = summaries.get(v);
  if (s === undefined) {
    s = summarizeNow(v);
    summaries.set(v, s);
  }
  return s;
}

function summarizeNow(v: DraftVersion): VersionSummary {
  const own = summarizeText(v.text, v.ok);
  const fallback = !v.ok && v.valid !== null ? summarizeText(v.valid, true) : null;
  return {
    title: (own.title.startsWith('Untitled') ? fallback?.title : undefined) ?? own.title,
    steps: own.steps ?? fallback?.steps ?? null,
    savedAt: v.savedAt,
    ok: v.ok,
    opens: v.ok || v.valid !== null,
  };
}

/** Each version's JSON, made once: a save of a long draft rewrites every version it keeps. */
const versionJson = new WeakMap<DraftVersion, string>();

/**
 * A record as stored: exactly `JSON.stringify({ v: 1, open, versions })`, with each version
 * stringified once. Versions are immutable and shared between a record and the next, so a save
 * prints its new head only (a 10,000-step draft keeps up to MAX_VERSIONS texts of ~1 MB each),
 * and prints its texts a slice a task (`yieldTask` between slices, wire/quoteSliced.ts): quoting
 * one such text in the autosave's task held the page over 50 ms.
 */
export async function recordJson(
  r: DraftRecord,
  yieldTask: () => Promise<void> = nextTask,
  slice?: number,
): Promise<string> {
  const parts: string[] = [];
  for (const v of r.versions) {
    let j = versionJson.get(v);
    if (j === undefined) {
      j = await objectJsonSliced(v, yieldTask, slice);
      versionJson.set(v, j);
    }
    parts.push(j);
  }
  return `{"v":1,"open":${JSON.stringify(r.open)},"versions":[${parts.join(',')}]}`;
}

export function summarize(r: DraftRecord): DraftSummary {
  return { id: r.id, open: r.open, versions: r.versions.map(summarizeVersion) };
}

const isText = (v: unknown): v is string => typeof v === 'string' && fitsDraft(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function parseVersion(v: unknown): DraftVersion | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (!Object.hasOwn(o, 'text') || !isText(o.text)) return null;
  const ok = o.ok === true;
  const savedAt = isTime(o.savedAt) ? o.savedAt : 0;
  return {
    text: o.text,
    ok,
    valid: !ok && Object.hasOwn(o, 'valid') && isText(o.valid) ? o.valid : null,
    savedAt,
    startedAt: isTime(o.startedAt) ? o.startedAt : savedAt,
    by: typeof o.by === 'string' ? o.by.slice(0, 64) : '',
    kept: o.kept === true,
  };
}

/** A record read back from storage, or null; never throws. Versions the loader could not take are dropped. */
export function parseRecord(raw: unknown, id: string): DraftRecord | null {
  try {
    const v: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
    if (typeof v !== 'object' || v === null) return null;
    const o = v as Record<string, unknown>;
    if (!Object.hasOwn(o, 'versions') || !Array.isArray(o.versions)) return null;
    const versions = o.versions
      .slice(0, MAX_VERSIONS)
      .map(parseVersion)
      .filter((x): x is DraftVersion => x !== null);
    if (versions.length === 0) return null;
    return { id, open: o.open === true, versions };
  } catch {
    return null;
  }
}

function parseVersionSummary(v: unknown): VersionSummary | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const get = (k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
  const title = get('title');
  const steps = get('steps');
  if (typeof title !== 'string') return null;
  return {
    title: title.slice(0, 200),
    steps: typeof steps === 'number' && Number.isSafeInteger(steps) && steps >= 0 ? steps : null,
    savedAt: isTime(get('savedAt')) ? (get('savedAt') as number) : 0,
    ok: get('ok') === true,
    opens: get('opens') === true,
  };
}

/**
 * A stored summary (the list's small read), or null when it is not one: then the list reads the
 * record itself. Untrusted like the record: a damaged summary must not reach the list's render.
 */
export function parseSummary(raw: string, id: string): DraftSummary | null {
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, 'versions')) return null;
    const o = v as Record<string, unknown>;
    if (!Array.isArray(o.versions) || o.versions.length === 0) return null;
    const versions = o.versions.slice(0, MAX_VERSIONS).map(parseVersionSummary);
    if (versions.some((x) => x === null)) return null;
    return { id, open: o.open === true, versions: versions as VersionSummary[] };
  } catch {
    return null;
  }
}
