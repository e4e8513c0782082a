/**
 * What startup needs to know synchronously, before the drafts code (and IndexedDB) is loaded:
 * this tab's draft slot (sessionStorage: a reload keeps it, another tab has its own), whether any
 * draft exists (a small hint per slot in localStorage, mirrored by each save), and a pending copy
 * written synchronously when the page goes away (an IndexedDB write started then may not finish).
 * Kept small: it is in the initial chunk.
 */
export const SLOT_KEY = 'hmm-explorer:draft-slot';
export const HINT_PREFIX = 'hmm-explorer:draft-hint:';
export const PENDING_PREFIX = 'hmm-explorer:draft-pending:';
/** The single draft slot of earlier versions (moved into the drafts store by legacy.ts). */
export const LEGACY_KEY = 'hmm-explorer:draft';

export interface DraftHint {
  readonly id: string;
  readonly savedAt: number;
}

export function randomId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export const session = (): Storage | null => {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
};
export const local = (): Storage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
};

export const slotState: { id: string | null } = { id: null };

/** This tab's draft slot: the same across reloads of the tab, another for every other tab. */
export function tabSlot(): string {
  if (slotState.id !== null) return slotState.id;
  const s = session();
  let id: string | null;
  try {
    id = s?.getItem(SLOT_KEY) ?? null;
  } catch {
    id = null;
  }
  if (id === null || !/^[\w-]{1,64}$/.test(id)) {
    id = randomId();
    try {
      s?.setItem(SLOT_KEY, id);
    } catch {
      // A tab without sessionStorage keeps its slot for this page load only.
    }
  }
  slotState.id = id;
  return id;
}

export const time = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * The slots that have a draft (or a pending copy), newest first. A draft left by an earlier
 * version (LEGACY_KEY) counts as one in `legacySlot`, the slot it is moved into.
 */
export function readHints(legacySlot?: string): DraftHint[] {
  const ls = local();
  const out = new Map<string, number>();
  try {
    const legacy = legacySlot === undefined ? null : (ls?.getItem(LEGACY_KEY) ?? null);
    if (legacySlot !== undefined && legacy !== null) {
      let savedAt = 0;
      try {
        savedAt = time((JSON.parse(legacy) as { savedAt?: unknown } | null)?.savedAt);
      } catch {
        savedAt = 0;
      }
      out.set(legacySlot, savedAt);
    }
    for (let i = 0; ls !== null && i < ls.length; i++) {
      const k = ls.key(i);
      const prefix = k?.startsWith(HINT_PREFIX)
        ? HINT_PREFIX
        : k?.startsWith(PENDING_PREFIX)
          ? PENDING_PREFIX
          : null;
      if (k === null || prefix === null) continue;
      const id = k.slice(prefix.length);
      let savedAt = 0;
      if (prefix === HINT_PREFIX) {
        try {
          savedAt = time((JSON.parse(ls.getItem(k) ?? '{}') as { savedAt?: unknown }).savedAt);
        } catch {
          savedAt = 0;
        }
      }
      out.set(id, Math.max(out.get(id) ?? 0, savedAt));
    }
  } catch {
    return [];
  }
  return [...out].map(([id, savedAt]) => ({ id, savedAt })).sort((a, b) => b.savedAt - a.savedAt);
}
