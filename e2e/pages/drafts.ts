import type { Page } from '@playwright/test';

/**
 * The newest text of this tab's draft, read from the drafts store (IndexedDB, database
 * hmm-explorer-drafts, store drafts; this tab's slot is in sessionStorage). Null when there is none.
 */
export function draftText(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const slot = sessionStorage.getItem('hmm-explorer:draft-slot');
    const dbs = await indexedDB.databases();
    if (slot === null || !dbs.some((d) => d.name === 'hmm-explorer-drafts')) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('hmm-explorer-drafts');
      r.onsuccess = () => {
        resolve(r.result);
      };
      r.onerror = () => {
        reject(new Error('open failed'));
      };
    });
    try {
      if (!db.objectStoreNames.contains('drafts')) return null;
      const raw = await new Promise<unknown>((resolve, reject) => {
        const r = db.transaction('drafts').objectStore('drafts').get(`draft:${slot}`);
        r.onsuccess = () => {
          resolve(r.result);
        };
        r.onerror = () => {
          reject(new Error('read failed'));
        };
      });
      if (typeof raw !== 'string') return null;
      return (JSON.parse(raw) as { versions: { text: string }[] }).versions[0]?.text ?? null;
    } finally {
      db.close();
    }
  });
}
