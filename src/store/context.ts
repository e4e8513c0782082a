/** React access to the app store, like xyflow's useStore/useStoreApi. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from './createAppStore';
import type { AppState } from './types';

export const StoreContext = createContext<AppStore | null>(null);

/** The store itself, for actions and for imperative subscriptions (canvas views). */
export function useAppApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppApi outside <StoreContext.Provider>');
  return store;
}

/**
 * Subscribe to one slice. The selector must return a stored value or a primitive; wrap selectors
 * that build objects in useShallow.
 */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppApi(), selector);
}
