import { describe, expect, it } from 'vitest';
import { clearDraft, DRAFT_KEY, loadDraft, parseDraft, saveDraft, savedAtLabel } from './draft';

function memory(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    length: 0,
    clear: () => {
      data.clear();
    },
    key: () => null,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      data.set(k, v);
    },
    removeItem: (k) => {
      data.delete(k);
    },
  };
}

describe('draft', () => {
  it('round-trips through storage', () => {
    const s = memory();
    const d = { text: '{"x":', valid: '{}', savedAt: 5, open: true };
    expect(saveDraft(d, s)).toBe(true);
    expect(loadDraft(s)).toEqual(d);
    clearDraft(s);
    expect(loadDraft(s)).toBeNull();
  });
  it('reads anything else as no draft, never throwing', () => {
    for (const raw of [
      null,
      '',
      '{',
      'null',
      '[]',
      '{"text":3}',
      '{"__proto__":{"text":"x"}}',
      JSON.stringify({ text: 'x'.repeat(3 * 1024 * 1024) }),
    ])
      expect(parseDraft(raw)).toBeNull();
    expect(parseDraft('{"text":"t","valid":7,"savedAt":"x","open":"yes"}')).toEqual({
      text: 't',
      valid: null,
      savedAt: 0,
      open: false,
    });
  });
  it('reports a storage that refuses', () => {
    const s = memory();
    s.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    s.getItem = () => {
      throw new Error('SecurityError');
    };
    expect(saveDraft({ text: '', valid: null, savedAt: 0, open: false }, s)).toBe(false);
    expect(loadDraft(s)).toBeNull();
    expect(saveDraft({ text: '', valid: null, savedAt: 0, open: false }, null)).toBe(false);
    expect(DRAFT_KEY).toBe('hmm-explorer:draft');
  });
  it('labels the time', () => {
    const now = new Date(2026, 2, 3, 10, 32).getTime();
    expect(savedAtLabel(now, now)).toBe('10:32');
    expect(savedAtLabel(now - 86_400_000 * 2, now)).toBe('1 Mar 10:32');
  });
});
