/** Canvas colours come from the theme's CSS variables, read once per theme. */
import { CODE_COUNT } from './pageCodes';

export interface GridPalette {
  readonly bg: string;
  readonly hole: string;
  readonly holeLine: string;
  readonly reserved: string;
  readonly ram: string;
  readonly device: string;
  /** Indexed by page code (0 unused). */
  readonly code: readonly string[];
  readonly changed: string;
  readonly selected: string;
  readonly linked: string;
  /** The keyboard focus cell. */
  readonly focus: string;
  readonly text: string;
}

const NAMES = ['used', 'mapped', 'shared', 'locked'];

export function readPalette(el: Element): GridPalette {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string): string =>
    cs.getPropertyValue(name).trim() || fallback;
  const code = ['transparent'];
  for (let i = 1; i < CODE_COUNT; i++) code.push(v(`--pf-${NAMES[i - 1] ?? 'used'}`, '#888'));
  return {
    bg: v('--panel', '#fff'),
    hole: v('--pf-hole', '#eee'),
    holeLine: v('--pf-hole-line', '#ccc'),
    reserved: v('--pf-reserved', '#999'),
    ram: v('--pf-free', '#e8eaee'),
    device: v('--pf-devfree', '#e3e9f3'),
    code,
    changed: v('--changed', '#D55E00'),
    selected: v('--selected', '#000'),
    linked: v('--linked', '#CC79A7'),
    focus: v('--focus', '#0b5cad'),
    text: v('--fg', '#000'),
  };
}
