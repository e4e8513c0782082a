/**
 * Messages the shell shows above the views: a refused link or file (error), a link opened with a
 * caveat (warning), a restored draft or a copied link (info). One list; each source keeps at most
 * one message, so a second bad link replaces the first instead of stacking.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export type NoticeKind = 'error' | 'warning' | 'info';
export type NoticeSource = 'link' | 'file' | 'draft' | 'copy' | 'export' | 'present';

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

export function clearSource(source: NoticeSource): void {
  notices.setState((s) => ({ list: s.list.filter((n) => n.source !== source) }));
}

export function useNotices(): readonly Notice[] {
  return useStore(notices, (s) => s.list);
}
