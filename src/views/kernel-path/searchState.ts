/**
 * The trace search on screen (the kernel path's search box, the timeline's hit lane): shell
 * state like the modes, never in the document or a link. The search box sets it, the timeline
 * draws it; a new trace clears it (the box searches the new one again).
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { NO_HITS, type TraceHits } from './traceSearch';

export interface SearchState {
  readonly query: string;
  readonly hits: TraceHits;
}

export const search = createStore<SearchState>()(() => ({ query: '', hits: NO_HITS }));

export function useSearch<T>(selector: (s: SearchState) => T): T {
  return useStore(search, selector);
}
