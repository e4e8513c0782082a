/**
 * How each PTE kind looks: a letter, a shape and a colour class, so the kind reads without colour.
 * Present-like entries (the MMU can use them) are squares; swap-type entries are circles; hwpoison
 * is a diamond.
 */
import type { Pte, PteKind } from '../../model';
import './pte.css';

export type GlyphShape = 'empty' | 'square' | 'circle' | 'diamond';

export interface PteGlyph {
  readonly kind: PteKind | 'zero';
  readonly letter: string;
  readonly shape: GlyphShape;
  /** CSS class carrying the colour (theme variables). */
  readonly cls: string;
  readonly label: string;
}

const G: Record<PteGlyph['kind'], PteGlyph> = {
  none: { kind: 'none', letter: '', shape: 'empty', cls: 'k-none', label: 'none' },
  present: { kind: 'present', letter: 'P', shape: 'square', cls: 'k-present', label: 'present' },
  zero: { kind: 'zero', letter: 'Z', shape: 'square', cls: 'k-zero', label: 'zero page' },
  devmap: {
    kind: 'devmap',
    letter: 'U',
    shape: 'square',
    cls: 'k-devmap',
    label: 'devmap (device public)',
  },
  'device-private': {
    kind: 'device-private',
    letter: 'D',
    shape: 'circle',
    cls: 'k-devpriv',
    label: 'device-private',
  },
  migration: {
    kind: 'migration',
    letter: 'M',
    shape: 'circle',
    cls: 'k-migration',
    label: 'migration',
  },
  'device-exclusive': {
    kind: 'device-exclusive',
    letter: 'X',
    shape: 'circle',
    cls: 'k-devexcl',
    label: 'device-exclusive',
  },
  hwpoison: {
    kind: 'hwpoison',
    letter: 'H',
    shape: 'diamond',
    cls: 'k-hwpoison',
    label: 'hwpoison',
  },
};

/** Every glyph, in legend order. */
export const PTE_GLYPHS: readonly PteGlyph[] = [
  G.none,
  G.present,
  G.zero,
  G.devmap,
  G['device-private'],
  G.migration,
  G['device-exclusive'],
  G.hwpoison,
];

export function pteGlyph(pte: Pte | undefined): PteGlyph {
  if (!pte) return G.none;
  if (pte.kind === 'present' && pte.zero) return G.zero;
  return G[pte.kind];
}

/** The write bit; hwpoison has none. */
export function pteWrite(pte: Pte | undefined): boolean {
  return pte !== undefined && pte.kind !== 'hwpoison' && pte.write;
}

/** "device-private W → pfn 0x3ffff0000" */
export function describePte(pte: Pte | undefined): string {
  if (!pte) return 'none';
  const g = pteGlyph(pte);
  const w = pte.kind === 'hwpoison' ? '' : pte.write ? ' writable' : ' read-only';
  return `${g.label}${w} → pfn 0x${pte.pfn.toString(16)}`;
}
