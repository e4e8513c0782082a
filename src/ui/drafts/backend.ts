/**
 * Where draft records live: IndexedDB through idb-keyval (one database, one object store, string
 * values), or, where IndexedDB cannot be opened (some private modes, a blocked storage), the
 * localStorage under a measured budget. Values are JSON strings, so both take the same bytes and a
 * record read back is parsed like any untrusted input.
 */
import { createStore, del, get, keys, set } from 'idb-keyval';

export interface DraftBackend {
  readonly kind: 'indexeddb' | 'localstorage' | 'memory';
  get(key: string): Promise<string | undefined>;
  /** Rejects when the storage refuses (quota, budget). */
  set(key: string, value: string): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

export const IDB_NAME = 'hmm-explorer-drafts';
export const IDB_STORE = 'drafts';

export function idbBackend(dbName = IDB_NAME): DraftBackend {
  const store = createStore(dbName, IDB_STORE);
  return {
    kind: 'indexeddb',
    get: async (k) => {
      const v: unknown = await get(k, store);
      return typeof v === 'string' ? v : undefined;
    },
    set: (k, v) => set(k, v, store),
    del: (k) => del(k, store),
    keys: async () => (await keys(store)).filter((k): k is string => typeof k === 'string'),
  };
}

export const LS_PREFIX = 'hmm-explorer:drafts:';
/**
 * What the fallback may use of localStorage, in UTF-16 code units (keys and values). Browsers give
 * an origin about 5 M of them (Chromium 5 MiB of UTF-16, Firefox 5 MiB); the rest of the app keeps
 * its own small keys there.
 */
export const LS_BUDGET_CHARS = 4_800_000;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

function usedChars(ls: Store, except: string): number {
  let n = 0;
  for (let i = 0; i < ls.length; i++) {
    const k = ls.key(i);
    if (k === null || k === except) continue;
    n += k.length + (ls.getItem(k)?.length ?? 0);
  }
  return n;
}

export function localStorageBackend(ls: Store, budget = LS_BUDGET_CHARS): DraftBackend {
  return {
    kind: 'localstorage',
    get: (k) => Promise.resolve(ls.getItem(LS_PREFIX + k) ?? undefined),
    set: (k, v) => {
      const key = LS_PREFIX + k;
      if (usedChars(ls, key) + key.length + v.length > budget)
        return Promise.reject(new Error('over the drafts budget'));
      ls.setItem(key, v);
      return Promise.resolve();
    },
    del: (k) => {
      ls.removeItem(LS_PREFIX + k);
      return Promise.resolve();
    },
    keys: () => {
      const out: string[] = [];
      for (let i = 0; i < ls.length; i++) {
        const k = ls.key(i);
        if (k?.startsWith(LS_PREFIX) === true) out.push(k.slice(LS_PREFIX.length));
      }
      return Promise.resolve(out);
    },
  };
}

/** For tests and for a browser that gives no storage at all (then nothing claims to be saved). */
export function memoryBackend(limitChars = Infinity): DraftBackend & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    kind: 'memory',
    data,
    get: (k) => Promise.resolve(data.get(k)),
    set: (k, v) => {
      if (v.length > limitChars) return Promise.reject(new Error('quota'));
      data.set(k, v);
      return Promise.resolve();
    },
    del: (k) => {
      data.delete(k);
      return Promise.resolve();
    },
    keys: () => Promise.resolve([...data.keys()]),
  };
}

/** IndexedDB when it opens and works, else localStorage, else null (nothing can be saved). */
export async function pickBackend(): Promise<DraftBackend | null> {
  try {
    if (typeof indexedDB !== 'undefined') {
      const b = idbBackend();
      await b.keys();
      return b;
    }
  } catch {
    // Fall through: IndexedDB is there but refuses (private mode, blocked).
  }
  try {
    if (typeof localStorage !== 'undefined') return localStorageBackend(localStorage);
  } catch {
    // No storage at all.
  }
  return null;
}
