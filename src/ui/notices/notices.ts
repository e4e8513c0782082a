/**
 * Messages the shell shows over the views: a refused link or file (error), a link opened with a
 * caveat (warning), a restored draft or a copied link (info). One list; each source keeps at most
 * one message, so a second bad link replaces the first instead of stacking. Notices float over the
 * page (they never push the layout); an info closes on its own after INFO_MS, every kind closes on
 * Escape or its × button.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export type NoticeKind = 'error' | 'warning' | 'info';
export type NoticeSource = 'link' | 'file' | 'draft' | 'copy' | 'export' | 'present' | 'library';

/** How long an info notice stays when nobody hovers or focuses it. */
export const INFO_MS = 8000;

export interface NoticeAction {
  readonly label: string;
  readonly run: () => void;
}

export interface Notice {
  readonly id: number;
  readonly kind: NoticeKind;
  readonly source: NoticeSource;
  readonly text: string;
  readonly action?: NoticeAction;
}

interface NoticeState {
  readonly list: readonly Notice[];
}

export const notices = createStore<NoticeState>()(() => ({ list: [] }));

let nextId = 1;

/** Show a message; it replaces any earlier message from the same source. Returns its id. */
export function notify(
  kind: NoticeKind,
  source: NoticeSource,
  text: string,
  action?: NoticeAction,
): number {
  const id = nextId++;
  const notice: Notice = action ? { id, kind, source, text, action } : { id, kind, source, text };
  notices.setState((s) => ({ list: [...s.list.filter((n) => n.source !== source), notice] }));
  return id;
}

export function dismiss(id: number): void {
  notices.setState((s) => ({ list: s.list.filter((n) => n.id !== id) }));
}

/** Close the newest notice (what Escape does); false when there was none. */
export function dismissNewest(): boolean {
  const list = notices.getState().list;
  const last = list[list.length - 1];
  if (last === undefined) return false;
  dismiss(last.id);
  return true;
}

export function clearSource(source: NoticeSource): void {
  notices.setState((s) => ({ list: s.list.filter((n) => n.source !== source) }));
}

/** Whether a notice closes on its own: infos do; a warning or an error waits to be read. */
export function closesOnItsOwn(n: Notice): boolean {
  return n.kind === 'info';
}

export function useNotices(): readonly Notice[] {
  return useStore(notices, (s) => s.list);
}
