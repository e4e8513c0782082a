import { describe, expect, it } from 'vitest';
import { parseScenarioValue } from '.';
import { describeFocus, focusKey, focusPanel, FOCUS_PANELS, parseFocus } from './focus';

describe('a step focus', () => {
  it('names a panel', () => {
    for (const p of FOCUS_PANELS) {
      const f = parseFocus(p);
      expect(f).toEqual({ kind: 'panel', panel: p });
      if (f) expect(focusPanel(f)).toBe(p);
    }
  });
  it('names a map object by the keys the map uses', () => {
    const pte = parseFocus('pte 1 0x10000000');
    expect(pte).toEqual({ kind: 'pte', pid: 1, vpn: 0x10000 });
    expect(pte && focusKey(pte)).toBe('pte:1:65536');
    expect(pte && focusPanel(pte)).toBe('map');
    expect(pte && describeFocus(pte)).toBe('the PTE of pid 1 at 0x10000000');
    const page = parseFocus('page 0x3ffff0000');
    expect(page && focusKey(page)).toBe('pfn:' + String(0x3ffff0000));
    expect(parseFocus('page 4096')).toEqual({ kind: 'page', pfn: 4096 });
    const dev = parseFocus('device dmirror0');
    expect(dev && focusKey(dev)).toBe('dev:dmirror0');
  });
  it('refuses what names nothing', () => {
    for (const bad of [
      '',
      'Map',
      'pte',
      'pte 1',
      'pte 0 0x1000',
      'pte 1 0x1001',
      'pte 1 0x1000 extra',
      'page',
      'page -1',
      'page 0x',
      'device 0abc',
      'device __proto__',
      'device constructor',
      'pte 1 0x' + 'f'.repeat(70),
    ])
      expect(parseFocus(bad), bad).toBeNull();
  });
  it('is checked by the schema, with a message that lists the choices', () => {
    const doc = (focus: unknown) => ({
      schema: 'hmm-scenario/1',
      steps: [{ op: 'spawn', pid: 1, focus }],
    });
    const ok = parseScenarioValue(doc('pte 1 0x10000000'));
    expect(ok.ok && ok.scenario.steps[0]?.focus).toBe('pte 1 0x10000000');
    const bad = parseScenarioValue(doc('the map'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/field "focus": must name a panel \("map"/);
    expect(parseScenarioValue(doc(3)).ok).toBe(false);
  });
});
