/**
 * The shell's modes, apart from the document store: embed (minimal chrome in an iframe), presenter
 * (full screen, projector theme), the editor drawer, the handout and which toolbar popover is
 * open. None of it belongs in a share link except `embed`, which the URL carries itself.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export type Popover = 'share' | 'export' | null;

export interface Modes {
  readonly embed: boolean;
  readonly presenting: boolean;
  readonly editorOpen: boolean;
  readonly handoutOpen: boolean;
  readonly popover: Popover;
}

export const modes = createStore<Modes>()(() => ({
  embed: false,
  presenting: false,
  editorOpen: false,
  handoutOpen: false,
  popover: null,
}));

export function setModes(patch: Partial<Modes>): void {
  modes.setState(patch);
}

export function useModes<T>(selector: (m: Modes) => T): T {
  return useStore(modes, selector);
}
