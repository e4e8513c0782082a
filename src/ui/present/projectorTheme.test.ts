/**
 * The projector theme's contrast (G-A2, WCAG 1.4.6 AAA): every text colour against every
 * background it is drawn on is at least 7:1; glyph letters against their PTE fills too; the glyph
 * outline drawn in presenter mode against the page. Read from projector.css itself.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const css = readFileSync(fileURLToPath(new URL('./projector.css', import.meta.url)), 'utf8');
const block = /html:root\[data-mode='present'\]\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
const tokens = new Map(
  [...block.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1] ?? '', m[2] ?? '']),
);

function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

const t = (name: string): string => {
  const v = tokens.get(name);
  if (v === undefined) throw new Error(`projector.css has no --${name}`);
  return v;
};

describe('contrast()', () => {
  it('matches WCAG’s reference values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
  });
});

describe('projector theme', () => {
  const TEXT = ['fg', 'muted', 'link', 'focus', 'changed', 'selected', 'linked', 'bad'];
  const BACKGROUNDS = ['bg', 'panel', 'panel-2', 'selected-bg'];

  it('text is at least 7:1 on every background', () => {
    for (const fg of TEXT)
      for (const bg of BACKGROUNDS)
        expect(contrast(t(fg), t(bg)), `--${fg} on --${bg}`).toBeGreaterThanOrEqual(7);
  });
  it('highlighted text is at least 7:1 on its highlight', () => {
    expect(contrast(t('changed'), t('changed-bg'))).toBeGreaterThanOrEqual(7);
    expect(contrast(t('fg'), t('changed-bg'))).toBeGreaterThanOrEqual(7);
    expect(contrast(t('bad'), t('bad-bg'))).toBeGreaterThanOrEqual(7);
    expect(contrast(t('fg'), t('bad-bg'))).toBeGreaterThanOrEqual(7);
  });
  it('PTE glyph letters are at least 7:1 on their fills', () => {
    expect(contrast(t('pte-present-fg'), t('pte-present'))).toBeGreaterThanOrEqual(7);
    for (const fill of ['pte-zero', 'pte-devmap', 'pte-devpriv', 'pte-migration', 'pte-hwpoison'])
      expect(
        contrast(t('pte-dark-fg'), t(fill)),
        `--pte-dark-fg on --${fill}`,
      ).toBeGreaterThanOrEqual(7);
  });
  it('glyphs and borders stand out from the page (marks ≥ 4.5:1)', () => {
    expect(css).toMatch(/\.pte \.glyph \{\s*box-shadow: 0 0 0 1\.5px #000000;/);
    expect(contrast('#000000', t('bg'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(t('border'), t('bg'))).toBeGreaterThanOrEqual(7);
    expect(contrast(t('border-soft'), t('bg'))).toBeGreaterThanOrEqual(4.5);
  });
});
