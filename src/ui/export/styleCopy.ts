/**
 * Computed styles for a detached copy of the page: the SVG image a snapshot becomes cannot see the
 * app's stylesheets, so each copied element carries what differs from the browser's defaults for
 * its tag (inherited properties: what differs from its parent). Written through the CSSOM
 * (style.setProperty), which the CSP allows; never as a style attribute string.
 */

/** Properties children inherit (CSS 2.2 / CSS Text / SVG): compared with the parent, not defaults. */
const INHERITED = new Set([
  'color',
  'cursor',
  'direction',
  'fill',
  'fill-opacity',
  'fill-rule',
  'font-family',
  'font-size',
  'font-stretch',
  'font-style',
  'font-variant',
  'font-variant-caps',
  'font-variant-ligatures',
  'font-variant-numeric',
  'font-weight',
  'font-kerning',
  'letter-spacing',
  'line-height',
  'list-style-image',
  'list-style-position',
  'list-style-type',
  'overflow-wrap',
  'paint-order',
  'stroke',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'stroke-width',
  'tab-size',
  'text-align',
  'text-anchor',
  'text-indent',
  'text-rendering',
  'text-shadow',
  'text-transform',
  'visibility',
  'white-space',
  'word-break',
  'word-spacing',
  'writing-mode',
  'border-collapse',
  'border-spacing',
  'caption-side',
  'empty-cells',
  'quotes',
  'hyphens',
  '-webkit-text-fill-color',
  '-webkit-text-stroke-color',
  'color-scheme',
  'dominant-baseline',
  'shape-rendering',
  'font-optical-sizing',
  'orphans',
  'widows',
]);

/** Never copied: they only matter to a live, interactive page, or would move the copy. */
const SKIP =
  /^(transition|animation|will-change|cursor|pointer-events|user-select|-webkit-user|caret|scroll|overscroll|touch-action|content-visibility|contain)/;

export class StyleCopier {
  private readonly defaults = new Map<string, CSSStyleDeclaration>();
  /** Inherited properties a tag's UA style sets itself (th: bold, code: monospace, …). */
  private readonly overrides = new Map<string, Set<string>>();
  private sandbox: HTMLIFrameElement | null = null;

  /** UA defaults of a tag, from an element in a blank iframe (no app CSS reaches it). */
  private defaultsFor(el: Element): CSSStyleDeclaration | null {
    const key = `${el.namespaceURI ?? ''} ${el.localName}`;
    const cached = this.defaults.get(key);
    if (cached) return cached;
    if (!this.sandbox) {
      this.sandbox = document.createElement('iframe');
      this.sandbox.hidden = true;
      this.sandbox.title = 'style defaults';
      document.body.append(this.sandbox);
    }
    const doc = this.sandbox.contentDocument;
    if (!doc?.body) return null;
    const probe = doc.createElementNS(
      el.namespaceURI ?? 'http://www.w3.org/1999/xhtml',
      el.localName,
    );
    doc.body.append(probe);
    const cs = getComputedStyle(probe);
    // A live CSSStyleDeclaration: keep the probe in the sandbox so its values stay readable.
    this.defaults.set(key, cs);
    return cs;
  }

  private ownInherited(el: Element, base: CSSStyleDeclaration | null): Set<string> {
    const key = `${el.namespaceURI ?? ''} ${el.localName}`;
    let set = this.overrides.get(key);
    if (set) return set;
    set = new Set();
    const plain = this.defaultsFor(document.createElement('span'));
    if (base && plain)
      for (const name of INHERITED)
        if (base.getPropertyValue(name) !== plain.getPropertyValue(name)) set.add(name);
    this.overrides.set(key, set);
    return set;
  }

  /** Copy what matters of `src`'s computed style (or of one of its pseudo-elements) onto `dst`. */
  copy(
    src: Element,
    dst: HTMLElement | SVGElement,
    parent: CSSStyleDeclaration | null,
    pseudo?: string,
  ): CSSStyleDeclaration {
    const cs = getComputedStyle(src, pseudo);
    const base = pseudo ? null : this.defaultsFor(src);
    const own = pseudo ? null : this.ownInherited(src, base);
    for (let i = 0; i < cs.length; i++) {
      const name = cs.item(i);
      if (name.startsWith('--') || SKIP.test(name)) continue;
      const value = cs.getPropertyValue(name);
      const ref = INHERITED.has(name)
        ? own?.has(name)
          ? undefined
          : parent?.getPropertyValue(name)
        : base?.getPropertyValue(name);
      if (value !== ref) dst.style.setProperty(name, value);
    }
    return cs;
  }

  dispose(): void {
    this.sandbox?.remove();
    this.sandbox = null;
    this.defaults.clear();
  }
}
