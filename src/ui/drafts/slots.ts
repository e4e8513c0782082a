/**
 * The drafts' small synchronous records in web storage that only the (lazy) drafts code writes:
 * the per-slot hint startup reads, the pending copy a page leaves as it goes away, a new slot for
 * a duplicated tab. (hint.ts, in the initial chunk, only reads.)
 */
import {
  HINT_PREFIX,
  local,
  PENDING_PREFIX,
  randomId,
  session,
  SLOT_KEY,
  slotState,
  tabSlot,
  time,
} from './hint';

/** This page load: the versions it writes are its own (see versions.ts `by`). */
export const PAGE_ID = randomId();

/** Give this tab a new slot (a duplicated tab found it shares one). */
export function newTabSlot(): string {
  slotState.id = null;
  try {
    session()?.removeItem(SLOT_KEY);
  } catch {
    // Ignore: tabSlot() makes one anyway.
  }
  return tabSlot();
}

export function writeHint(id: string, savedAt: number): void {
  try {
    local()?.setItem(HINT_PREFIX + id, JSON.stringify({ savedAt }));
  } catch {
    // A hint is only a hint: the editor's list reads the drafts themselves.
  }
}

/** The text typed but not yet in the drafts store, written synchronously as the page goes away. */
export function writePending(id: string, text: string, savedAt: number): boolean {
  try {
    local()?.setItem(PENDING_PREFIX + id, JSON.stringify({ text, savedAt }));
    return true;
  } catch {
    return false;
  }
}

export function readPending(id: string): { text: string; savedAt: number } | null {
  try {
    const raw = local()?.getItem(PENDING_PREFIX + id) ?? null;
    if (raw === null) return null;
    const o = JSON.parse(raw) as { text?: unknown; savedAt?: unknown };
    return typeof o.text === 'string' ? { text: o.text, savedAt: time(o.savedAt) } : null;
  } catch {
    return null;
  }
}

export function clearPending(id: string): void {
  try {
    local()?.removeItem(PENDING_PREFIX + id);
  } catch {
    // Left behind, it is read again (and dropped) on the next load.
  }
}
