// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { focusRegion, nextRegion, panelKey } from './panelKeys';

const press = (
  key: string,
  mods: Partial<Record<'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey', boolean>> = {},
) => ({
  key,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('panelKey', () => {
  it('is F6 forward and Shift+F6 back, nothing with other modifiers or keys', () => {
    expect(panelKey(press('F6'))).toBe(1);
    expect(panelKey(press('F6', { shiftKey: true }))).toBe(-1);
    expect(panelKey(press('F6', { ctrlKey: true }))).toBeNull();
    expect(panelKey(press('F6', { altKey: true }))).toBeNull();
    expect(panelKey(press('F5'))).toBeNull();
  });
});

describe('nextRegion', () => {
  it('wraps both ways and starts at an end from nowhere', () => {
    expect(nextRegion(4, 3, 1)).toBe(0);
    expect(nextRegion(4, 0, -1)).toBe(3);
    expect(nextRegion(4, 1, 1)).toBe(2);
    expect(nextRegion(4, -1, 1)).toBe(0);
    expect(nextRegion(4, -1, -1)).toBe(3);
    expect(nextRegion(0, -1, 1)).toBe(-1);
  });
});

function add(parent: Element, tag: string, attrs: Record<string, string> = {}): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  parent.append(el);
  return el;
}

describe('focusRegion', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });
  it('moves from panel to panel body and back, skipping hidden regions', () => {
    const body = document.body;
    const header = add(body, 'header', { class: 'app-header' });
    add(add(header, 'select'), 'option');
    add(add(body, 'div', { class: 'transport' }), 'input', {
      type: 'range',
      'data-testid': 'timeline-range',
    });
    add(add(body, 'section', { 'data-testid': 'view-map' }), 'div', {
      class: 'panel-body',
      tabindex: '0',
      id: 'm',
    });
    const tables = add(body, 'section', { 'data-testid': 'view-page-tables' });
    add(tables, 'button');
    add(tables, 'div', { class: 'panel-body', tabindex: '0', id: 'p' });
    // happy-dom has no layout: the header is the hidden region (presenter mode hides it).
    for (const el of document.querySelectorAll<HTMLElement>('body *'))
      el.getClientRects = () => (el.closest('.app-header') ? [] : [{}]) as unknown as DOMRectList;
    expect(focusRegion(document, 1)?.dataset.testid).toBe('timeline-range');
    expect(focusRegion(document, 1)?.id).toBe('m');
    expect(focusRegion(document, 1)?.id).toBe('p');
    expect(focusRegion(document, 1)?.dataset.testid).toBe('timeline-range');
    expect(focusRegion(document, -1)?.id).toBe('p');
  });
});
