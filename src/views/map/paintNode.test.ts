// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { compactLine, fitLine, paintNode, SVG_NS } from './paintNode';
import type { SceneNode } from './scene';

const frame: SceneNode = {
  id: 'frame:4',
  kind: 'frame',
  x: 0,
  y: 0,
  w: 236,
  h: 34,
  label: 'pfn 0x4 · new',
  detail: 'ref 0 → 1 · map 0 → 1',
  glyph: '',
  cls: 'm-ram',
  mark: 'changed',
  leak: false,
  stuck: false,
  name: 'pfn 0x4 in System RAM',
  select: null,
  keys: ['pfn:4'],
  value: 10,
};

/** Every attribute of the node's parts and every text node in them, by object. */
function snapshot(g: SVGGElement) {
  return [...g.children].map((c) => ({
    el: c,
    attrs: [...c.attributes].map((a) => `${a.name}=${a.value}`).join(' '),
    text: c.firstChild,
  }));
}

describe('paintNode', () => {
  it('repainting with the mark and one line changed rewrites that line only (Blink lays out what is rewritten)', async () => {
    const g = document.createElementNS(SVG_NS, 'g');
    paintNode(g, frame);
    const before = snapshot(g);
    const labelText = [...g.children].find((c) => c.getAttribute('class') === 'label')?.firstChild;
    const writes: MutationRecord[] = [];
    new MutationObserver((rs) => {
      writes.push(...rs);
    }).observe(g, { attributes: true, childList: true, characterData: true, subtree: true });
    paintNode(g, { ...frame, mark: 'normal', label: 'pfn 0x4' });
    const after = snapshot(g);
    expect(after.map((p) => p.el)).toEqual(before.map((p) => p.el));
    // Only the label's text changed: every other part keeps its attributes and its text node.
    const label = after.findIndex((p) => p.el.getAttribute('class') === 'label');
    expect(after[label]?.el.textContent).toBe('pfn 0x4');
    after.forEach((p, i) => {
      expect(p.attrs).toBe(before[i]?.attrs);
      if (i !== label) expect(p.text).toBe(before[i]?.text);
    });
    await Promise.resolve();
    // The label's text, in the text node it had (Blink keeps its layout object), and nothing
    // else: no attribute was set again, no node made.
    expect(writes.length).toBeGreaterThan(0);
    expect(after[label]?.el.firstChild).toBe(labelText);
    for (const w of writes) {
      expect(w.type).toBe('characterData');
      expect(w.target).toBe(labelText);
    }
  });

  it('still condenses a line too long for its box, and undoes it when the line fits again', () => {
    const g = document.createElementNS(SVG_NS, 'g');
    const long = { ...frame, w: 120, detail: '262,144 pages · 3,137 in use · 1 changed' };
    paintNode(g, long);
    const detail = [...g.children].find((c) => c.getAttribute('class') === 'detail');
    expect(detail?.getAttribute('lengthAdjust')).toBe('spacingAndGlyphs');
    expect(detail?.textContent.endsWith('…')).toBe(true);
    paintNode(g, frame);
    expect(detail?.hasAttribute('textLength')).toBe(false);
    expect(detail?.textContent).toBe(frame.detail);
  });
});

describe('fitLine', () => {
  // 11-px type advances 6.62 px a character.
  const px = 11;
  const chars = (n: number) => n * px * 0.602;

  it('draws a line that fits as set', () => {
    expect(fitLine('ref 2 → 3 · map 1 → 2', chars(21), px)).toEqual({
      text: 'ref 2 → 3 · map 1 → 2',
      condensed: false,
    });
  });

  it("keeps a count's after on a phone's narrow frame: the arrows lose their spaces before any ellipsis", () => {
    // 390 px wide: the frame's detail has room for about 19 characters, the spaced line is 21.
    const line = fitLine('ref 2 → 3 · map 1 → 2', chars(19), px);
    expect(line).toEqual({ text: 'ref 2→3 · map 1→2', condensed: false });
    expect(line.text).toMatch(/map 1→2$/);
    // Narrower: the compact line is condensed (by at most a fifth), still whole.
    expect(fitLine('ref 2 → 3 · map 1 → 2', chars(15), px)).toEqual({
      text: 'ref 2→3 · map 1→2',
      condensed: true,
    });
  });

  it('ends a line that no condensing fits in "…", in its compact form', () => {
    const line = fitLine('ref 2 → 3 · map 1 → 2', chars(10), px);
    expect(line.condensed).toBe(true);
    expect(line.text).toBe('ref 2→3 · m…');
    expect(fitLine('262,144 pages · 3,137 in use · 1 changed', chars(12), px).text).toBe(
      '262,144 pages…',
    );
  });

  it("drops a band's size before it cuts what is in use and what changed", () => {
    const full = '65,536 pages · 2 in use · 2 changed';
    const short = '2 in use · 2 changed';
    // Where the whole line fits, it is drawn whole; a little narrower, whole and condensed.
    expect(fitLine(full, chars(40), px, short)).toEqual({ text: full, condensed: false });
    expect(fitLine(full, chars(30), px, short)).toEqual({ text: full, condensed: true });
    // A phone's band has room for 23 characters: the size goes, whole, and nothing is cut.
    expect(fitLine(full, chars(23), px, short)).toEqual({ text: short, condensed: false });
    // Narrower still: the short line is condensed, then cut, never the size's remains.
    expect(fitLine(full, chars(18), px, short)).toEqual({ text: short, condensed: true });
    expect(fitLine(full, chars(10), px, short).text).toBe('2 in use…');
  });

  it('a heading (no room given) is drawn as set', () => {
    expect(fitLine('Processes → CPU page tables', 0, 12)).toEqual({
      text: 'Processes → CPU page tables',
      condensed: false,
    });
    expect(compactLine('pid 1 → pid 2')).toBe('pid 1→pid 2');
  });
});
