import { describe, expect, it } from 'vitest';
import { GLOSSARY, glossaryEntry, markTerms } from './glossary';

describe('glossary', () => {
  it('explains the terms the issue names, each with its kernel source', () => {
    for (const t of [
      'refcount',
      'mapcount',
      'calloc',
      'cfree',
      'rss anon',
      'devmap',
      'special swap PTE',
      'migration entry',
      'ZONE_DEVICE',
      'DEVICE_PRIVATE',
      'DEVICE_PUBLIC',
      'mirror',
    ]) {
      const g = glossaryEntry(t);
      expect(g, t).toBeDefined();
      expect(g?.plain.length).toBeGreaterThan(20);
      expect(g?.source).toMatch(/\.(c|h)\b/);
    }
    expect(new Set(GLOSSARY.map((g) => g.id)).size).toBe(GLOSSARY.length);
  });

  it('marks the first mention of each term, longest match first', () => {
    const parts = markTerms('A device-private swap entry; the refcount is 2, refcount again.');
    const marked = parts.filter((p) => typeof p !== 'string');
    expect(marked.map((p) => (typeof p === 'string' ? p : p.text))).toEqual([
      'device-private swap entry',
      'refcount',
    ]);
    expect(parts.map((p) => (typeof p === 'string' ? p : p.text)).join('')).toBe(
      'A device-private swap entry; the refcount is 2, refcount again.',
    );
  });

  it('does not mark a term inside another word', () => {
    expect(markTerms('pfns and prefault').every((p) => typeof p === 'string')).toBe(true);
  });
});
