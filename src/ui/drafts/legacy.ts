/**
 * The draft an earlier version of the app kept: one slot in localStorage under LEGACY_KEY
 * ({text, valid, savedAt, open}). On the first load with the drafts store it is moved into this
 * tab's slot as a kept version; the old key is removed only once the store holds it, so a refusal
 * (quota, size) leaves it where it was for the next load. Read like any untrusted input.
 */
import { LEGACY_KEY, local, time } from './hint';
import type { DraftRepo } from './repo';
import { MAX_DRAFT_BYTES } from './versions';

export interface LegacyDraft {
  readonly text: string;
  readonly valid: string | null;
  readonly savedAt: number;
  readonly open: boolean;
}

/** The old parseDraft, unchanged in what it accepts. */
export function parseLegacy(raw: string | null): LegacyDraft | null {
  if (raw === null || raw.length > 2 * MAX_DRAFT_BYTES + 4096) return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
    const o = v as Record<string, unknown>;
    const str = (k: string): string | null => {
      const s = Object.hasOwn(o, k) ? o[k] : undefined;
      return typeof s === 'string' && s.length <= MAX_DRAFT_BYTES ? s : null;
    };
    const text = str('text');
    if (text === null) return null;
    return {
      text,
      valid: str('valid'),
      savedAt: Object.hasOwn(o, 'savedAt') ? time(o.savedAt) : 0,
      open: Object.hasOwn(o, 'open') && o.open === true,
    };
  } catch {
    return null;
  }
}

type Store = Pick<Storage, 'getItem' | 'removeItem'>;

export type Migration = 'none' | 'moved' | 'kept-in-place';

/** Move the old single-slot draft into slot `id`; never throws, never drops it unsaved. */
export async function migrateLegacyDraft(
  repo: DraftRepo,
  id: string,
  ls: Store | null = local(),
  now = Date.now(),
): Promise<Migration> {
  let raw: string | null;
  try {
    raw = ls?.getItem(LEGACY_KEY) ?? null;
  } catch {
    return 'none';
  }
  if (raw === null) return 'none';
  const old = parseLegacy(raw);
  // Unreadable: leave it be (it may be a newer app's format); nothing here can restore it.
  if (old === null) return 'kept-in-place';
  const saved = await repo.save(id, {
    text: old.text,
    fresh: true,
    knownValid: old.valid,
    open: old.open,
    now: old.savedAt > 0 ? old.savedAt : now,
  });
  if (!saved.ok) return 'kept-in-place';
  // Kept: the first autosave of this page starts a version of its own beside it.
  await repo.keep(id);
  try {
    ls?.removeItem(LEGACY_KEY);
  } catch {
    // Moved twice at worst: the same text is not a new version.
  }
  return 'moved';
}
