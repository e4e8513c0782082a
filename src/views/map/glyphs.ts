/** A PTE's look on the map: its letter, its colour/shape class, the words of a bundle of them. */
import type { Pte } from '../../model';

const LETTERS: Record<string, string> = {
  present: 'P',
  zero: 'Z',
  devmap: 'U',
  'device-private': 'D',
  migration: 'M',
  'device-exclusive': 'X',
  hwpoison: 'H',
};
const CLASSES: Record<string, string> = {
  present: 'k-present',
  zero: 'k-zero',
  devmap: 'k-devmap',
  'device-private': 'k-devpriv',
  migration: 'k-migration',
  'device-exclusive': 'k-devexcl',
  hwpoison: 'k-hwpoison',
};

/** "zero" for a present PTE of the zero page, else the PTE's kind; '' for none. */
export const kindKey = (pte: Pte | null | undefined): string =>
  pte ? (pte.kind === 'present' && pte.zero ? 'zero' : pte.kind) : '';

export const letterOf = (k: string): string => LETTERS[k] ?? '';
export const clsOf = (k: string): string => CLASSES[k] ?? 'k-none';

/** "D W", "P R", "H", "none": the glyph's own text for a PTE. */
export function glyphText(pte: Pte | null): string {
  if (!pte) return 'none';
  return pte.kind === 'hwpoison' ? 'H' : `${letterOf(kindKey(pte))} ${pte.write ? 'W' : 'R'}`;
}

/** "present W", "zero page R": a bundle key (leafStats.pteBundleKey) in words. */
export function bundleWords(key: string): string {
  const [k, w] = key.split(':');
  return `${k === 'zero' ? 'zero page' : (k ?? '')}${w && w !== '-' ? ` ${w}` : ''}`;
}
