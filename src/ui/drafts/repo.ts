/**
 * The drafts store: records (versions.ts) kept in a DraftBackend, one per slot, with a small
 * summary beside each so the list needs no big reads. A save refuses what the loader could not open
 * (and says so) rather than claim "saved"; when the storage refuses, the oldest versions go first,
 * the newest never silently. Every save is announced to the other tabs (BroadcastChannel), which
 * offer it instead of overwriting it. This module is loaded lazily (dynamic import).
 */
import { pickBackend, type DraftBackend } from './backend';
import { tabSlot } from './hint';
import { migrateLegacyDraft } from './legacy';
import { clearPending, PAGE_ID, readPending, writeHint } from './slots';
import {
  dropOldest,
  fitsDraft,
  MAX_DRAFT_BYTES,
  keepHead,
  parseRecord,
  parseSummary,
  recordJson,
  summarize,
  textBytes,
  withText,
  type DraftRecord,
  type DraftSummary,
  type SaveInput,
} from './versions';

export type SaveResult =
  | { readonly ok: true; readonly savedAt: number; readonly record: DraftRecord }
  | {
      readonly ok: false;
      readonly reason: 'too-large' | 'refused' | 'no-storage';
      readonly message: string;
    };

export interface DraftMessage {
  readonly kind: 'saved';
  readonly id: string;
  readonly page: string;
  readonly savedAt: number;
  readonly title: string;
}

export interface Announcer {
  post(m: DraftMessage): void;
}

const bodyKey = (id: string) => `draft:${id}`;
const metaKey = (id: string) => `meta:${id}`;
const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(2)} MB`;

export function tooLargeMessage(bytes: number): string {
  return `Not saved: this draft is ${mb(bytes)}, and drafts are kept only up to ${mb(MAX_DRAFT_BYTES)}. Shorten it, or export what you need.`;
}

export type SaveRequest = Omit<SaveInput, 'by' | 'now'> & { readonly now?: number };

export class DraftRepo {
  constructor(
    readonly backend: DraftBackend | null,
    private readonly announcer: Announcer | null = null,
    private readonly page: string = PAGE_ID,
    private readonly hints = true,
  ) {}

  /** One operation at a time: a save reads the record, then writes it. */
  private queue: Promise<unknown> = Promise.resolve();
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Each slot's body as this page last read or wrote it, with its record. A save reads its slot
   * back first (a duplicated tab can share it) and parses it only if it changed: parsing a
   * 10,000-step draft's versions (JSON.parse and a size check of every text) was a long task of
   * every save.
   */
  private seen = new Map<string, { readonly raw: string; readonly record: DraftRecord | null }>();

  private async read(id: string): Promise<DraftRecord | null> {
    if (!this.backend) return null;
    try {
      const raw = (await this.backend.get(bodyKey(id))) ?? null;
      const known = this.seen.get(id);
      if (typeof raw === 'string' && known?.raw === raw) return known.record;
      const record = parseRecord(raw, id);
      if (typeof raw === 'string') this.seen.set(id, { raw, record });
      else this.seen.delete(id);
      return record;
    } catch {
      return null;
    }
  }

  private async write(record: DraftRecord): Promise<DraftRecord | null> {
    if (!this.backend) return null;
    let r: DraftRecord | null = record;
    while (r !== null) {
      const body = await recordJson(r);
      try {
        await this.backend.set(bodyKey(r.id), body);
        this.seen.set(r.id, { raw: body, record: r });
        break;
      } catch {
        // The storage refused: make room with the oldest versions, never the newest.
        this.seen.delete(r.id);
        r = dropOldest(r);
      }
    }
    if (r === null) return null;
    try {
      await this.backend.set(metaKey(r.id), JSON.stringify(summarize(r)));
    } catch {
      // The list falls back to reading the record itself.
    }
    if (this.hints) writeHint(r.id, r.versions[0]?.savedAt ?? 0);
    return r;
  }

  /** The slot's record, with a copy left pending by a page that went away folded in. */
  async load(id: string): Promise<DraftRecord | null> {
    const rec = await this.read(id);
    if (!this.hints) return rec;
    const pending = readPending(id);
    if (pending === null) return rec;
    const head = rec?.versions[0];
    if (
      !fitsDraft(pending.text) ||
      (head && (head.savedAt >= pending.savedAt || head.text === pending.text))
    ) {
      clearPending(id);
      return rec;
    }
    const next = withText(rec, id, {
      text: pending.text,
      now: pending.savedAt,
      by: `pending:${this.page}`,
      fresh: false,
      knownValid: null,
      open: rec?.open ?? true,
    });
    const written = await this.write(next);
    if (written) clearPending(id);
    return written ?? next;
  }

  save(id: string, req: SaveRequest): Promise<SaveResult> {
    return this.serial(() => this.saveNow(id, req));
  }

  private async saveNow(id: string, req: SaveRequest): Promise<SaveResult> {
    if (!fitsDraft(req.text))
      return { ok: false, reason: 'too-large', message: tooLargeMessage(textBytes(req.text)) };
    if (!this.backend)
      return {
        ok: false,
        reason: 'no-storage',
        message: 'Not saved: this browser gives the page no storage. Export the draft as a file.',
      };
    const now = req.now ?? Date.now();
    const next = withText(await this.load(id), id, { ...req, now, by: this.page });
    const written = await this.write(next);
    if (written === null)
      return {
        ok: false,
        reason: 'refused',
        message: 'Not saved: this browser refused to store the draft. Export it as a file.',
      };
    if (this.hints) clearPending(id);
    const title =
      summarize({ ...written, versions: written.versions.slice(0, 1) }).versions[0]?.title ?? '';
    this.announcer?.post({ kind: 'saved', id, page: this.page, savedAt: now, title });
    return { ok: true, savedAt: now, record: written };
  }

  /** Keep the newest version as it is: the next save starts a new one. */
  keep(id: string): Promise<DraftRecord | null> {
    return this.serial(() => this.keepNow(id));
  }

  private async keepNow(id: string): Promise<DraftRecord | null> {
    const rec = await this.load(id);
    if (!rec) return null;
    const kept = keepHead(rec);
    return kept === rec ? rec : await this.write(kept);
  }

  setOpen(id: string, open: boolean): Promise<void> {
    return this.serial(async () => {
      const rec = await this.read(id);
      if (rec && rec.open !== open) await this.write({ ...rec, open });
    });
  }

  /** Every slot's summary, newest first. */
  async list(): Promise<DraftSummary[]> {
    if (!this.backend) return [];
    let ids: string[];
    try {
      ids = (await this.backend.keys())
        .filter((k) => k.startsWith('draft:'))
        .map((k) => k.slice(6));
    } catch {
      return [];
    }
    const out: DraftSummary[] = [];
    for (const id of ids) {
      let s: DraftSummary | null;
      try {
        const raw = await this.backend.get(metaKey(id));
        s = raw === undefined ? null : parseSummary(raw, id);
      } catch {
        s = null;
      }
      if (s === null) {
        const rec = await this.read(id);
        if (rec) s = summarize(rec);
      }
      if (s) out.push(s);
    }
    return out.sort((a, b) => (b.versions[0]?.savedAt ?? 0) - (a.versions[0]?.savedAt ?? 0));
  }
}

let shared: Promise<DraftRepo> | null = null;
const listeners = new Set<(m: DraftMessage) => void>();
let channel: BroadcastChannel | null = null;

/** Another tab's saves, as they happen (nothing when BroadcastChannel is missing). */
export function onOtherTabSave(fn: (m: DraftMessage) => void): () => void {
  listeners.add(fn);
  return () => {
    listeners.delete(fn);
  };
}

function openChannel(): Announcer | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  channel = new BroadcastChannel('hmm-explorer:drafts');
  channel.onmessage = (e: MessageEvent) => {
    const m = e.data as Partial<DraftMessage> | null;
    if (m?.kind !== 'saved' || typeof m.id !== 'string' || m.page === PAGE_ID) return;
    const msg: DraftMessage = {
      kind: 'saved',
      id: m.id,
      page: String(m.page),
      savedAt: typeof m.savedAt === 'number' ? m.savedAt : 0,
      title: typeof m.title === 'string' ? m.title.slice(0, 200) : '',
    };
    for (const fn of listeners) fn(msg);
  };
  const c = channel;
  return {
    post: (m) => {
      c.postMessage(m);
    },
  };
}

/** The app's drafts store (IndexedDB, else localStorage), opened once. */
export function draftRepo(): Promise<DraftRepo> {
  shared ??= pickBackend().then(async (b) => {
    const repo = new DraftRepo(b, openChannel());
    // Before anything reads or writes a slot: an earlier version's single draft joins this tab's.
    await migrateLegacyDraft(repo, tabSlot());
    return repo;
  });
  return shared;
}

/** Tests: use this repo instead. */
export function setDraftRepo(repo: DraftRepo | null): void {
  shared = repo ? Promise.resolve(repo) : null;
}
