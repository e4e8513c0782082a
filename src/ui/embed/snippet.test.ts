// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { embeddableUrl, embedSnippet, escapeAttribute } from './snippet';

/**
 * Parse the snippet as a browser would. The iframe is parsed as a <div> with the same attributes
 * (attribute parsing does not depend on the tag; happy-dom would try to load a real iframe).
 */
const parse = (html: string) => {
  expect(html).toMatch(/^<iframe [^<>]*><\/iframe>$/);
  const asDiv = html
    .replace(/^<iframe /, '<div data-was="iframe" ')
    .replace(/<\/iframe>$/, '</div>');
  return new DOMParser().parseFromString(`<!doctype html><body>${asDiv}`, 'text/html').body;
};

describe('embed snippet', () => {
  it('is one iframe whose attributes read back exactly, whatever the title says', () => {
    const titles = [
      'Migrate & fault back',
      '"><script>alert(1)</script>',
      "it's <b>bold</b> & 'quoted'",
      'line\nbreak\u2028here',
    ];
    for (const title of titles) {
      const src = 'https://hmm.example/app/#v=1&s=migrate-and-fault-back&t=3&embed=1';
      const snippet = embedSnippet({ src, title, width: 960, height: 600 });
      expect(snippet).not.toBeNull();
      const body = parse(snippet ?? '');
      expect(body.children).toHaveLength(1);
      const frame = body.querySelector('[data-was="iframe"]');
      expect(frame?.getAttribute('src')).toBe(src);
      expect(frame?.getAttribute('title')).toBe(title.replace(/[\n\u2028]/g, ' '));
      expect(frame?.getAttribute('width')).toBe('960');
      expect(body.querySelector('script')).toBeNull();
    }
  });
  it('is only made for https: (or this machine)', () => {
    expect(embeddableUrl('https://a.example/x#y')).toBe('https://a.example/x#y');
    expect(embeddableUrl('http://127.0.0.1:4173/#v=1')).toBe('http://127.0.0.1:4173/#v=1');
    for (const bad of [
      'http://a.example/',
      'javascript:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      'nonsense',
    ])
      expect(embeddableUrl(bad)).toBeNull();
    expect(
      embedSnippet({ src: 'javascript:alert(1)', title: 't', width: 1, height: 1 }),
    ).toBeNull();
  });
  it('clamps sizes and escapes every special character', () => {
    const s =
      embedSnippet({ src: 'https://a.example/', title: 't', width: 1e9, height: Number.NaN }) ?? '';
    expect(s).toContain('width="4096"');
    expect(s).toContain('height="600"');
    expect(escapeAttribute(`&"'<>`)).toBe('&amp;&quot;&#39;&lt;&gt;');
  });
});
