/**
 * The editor's autosave: one draft in localStorage, written (debounced) on every edit, so that a
 * reload, a crash or a bad link never loses work. It holds the editor's text as typed (it may be
 * invalid JSON mid-edit) and the last text that was a valid scenario. Reading it back is untrusted
 * input like any file: size-capped here, then through ingestFile.
 */
import { MAX_SCENARIO_BYTES } from '../../scenarios';

export const DRAFT_KEY = 'hmm-explorer:draft';

export interface Draft {
  /** The editor's text, exactly as last typed. */
  readonly text: string;
  /** The last text that parsed as a scenario, or null when there never was one. */
  readonly valid: string | null;
  /** When it was saved (ms since the epoch). */
  readonly savedAt: number;
  /** Was the editor open? A restored draft reopens it. */
  readonly open: boolean;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function defaultStorage(): Store | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

export function parseDraft(raw: string | null): Draft | null {
  if (raw === null || raw.length > 2 * MAX_SCENARIO_BYTES + 4096) return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return null;
    const o = v as Record<string, unknown>;
    if (!str(o.text, MAX_SCENARIO_BYTES)) return null;
    const valid = str(o.valid, MAX_SCENARIO_BYTES) ? o.valid : null;
    const savedAt = typeof o.savedAt === 'number' && Number.isFinite(o.savedAt) ? o.savedAt : 0;
    return { text: o.text, valid, savedAt, open: o.open === true };
  } catch {
    return null;
  }
}

export function loadDraft(storage: Store | null = defaultStorage()): Draft | null {
  try {
    return parseDraft(storage?.getItem(DRAFT_KEY) ?? null);
  } catch {
    return null;
  }
}

/** False when the browser refused (private mode, quota): the editor says so. */
export function saveDraft(draft: Draft, storage: Store | null = defaultStorage()): boolean {
  try {
    if (!storage) return false;
    storage.setItem(DRAFT_KEY, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(storage: Store | null = defaultStorage()): void {
  try {
    storage?.removeItem(DRAFT_KEY);
  } catch {
    // Nothing to do: the draft stays.
  }
}

/** "10:32" today, else "3 Mar 10:32". */
export function savedAtLabel(savedAt: number, now = Date.now()): string {
  const d = new Date(savedAt);
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return sameDay
    ? time
    : `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}
