import { describe, expect, it } from 'vitest';
import { asPfn, asPid, asVpn, asDeviceId } from '../../model';
import { builtinScenarios } from '../../scenarios/library/all';
import { encodeFragment } from '../../url/encode';
import { builtinFragment } from '../../url/link';
import type { Selection } from '../../url/selection';
import { registerCodec } from './codecRef';
import { codec } from './codec';
import { absoluteLink, builtinIdOf, fragmentFor, linkSourceOf } from './linkSource';

const SELECTIONS: (Selection | null)[] = [
  null,
  { kind: 'page', pfn: asPfn(0x3ffff0000) },
  { kind: 'pte', pid: asPid(1), vpn: asVpn(0x10000) },
  { kind: 'device', device: asDeviceId('dmirror0') },
];

describe('built-in links without the codec', () => {
  it('are exactly what encodeFragment writes, for every built-in, step and selection kind', () => {
    for (const s of builtinScenarios) {
      for (const step of [0, Math.floor(s.steps.length / 2), s.steps.length]) {
        for (const selection of SELECTIONS) {
          const ours = builtinFragment(s.id, step, selection);
          const theirs = encodeFragment({ source: { kind: 'builtin', id: s.id }, step, selection });
          expect(ours).toEqual(theirs);
        }
      }
    }
  });
  it('refuse what encodeFragment refuses', () => {
    expect(builtinFragment('no-such-thing', 0, null).ok).toBe(false);
    const id = builtinScenarios[0]?.id ?? '';
    expect(builtinFragment(id, -1, null).ok).toBe(false);
    expect(builtinFragment(id, 10_000, null).ok).toBe(false);
  });
});

describe('which form a link takes', () => {
  const b = builtinScenarios[0];
  if (!b) throw new Error('no built-ins');
  const meta = { id: b.id, title: b.title, summary: b.summary };

  it('an unmodified built-in travels by id', () => {
    expect(linkSourceOf(meta, b)).toEqual({ kind: 'builtin', id: b.id });
  });
  it('a copy edited back to the built-in travels by id too', () => {
    const copy = structuredClone(b);
    expect(builtinIdOf({ id: null, title: '', summary: '' }, copy)).toBe(b.id);
  });
  it('an edited copy travels whole', () => {
    const edited = { ...structuredClone(b), title: 'Mine' } as typeof b;
    expect(linkSourceOf({ id: null, title: 'Mine', summary: '' }, edited).kind).toBe('custom');
  });
  it('custom links wait for the codec, then carry the compressed scenario', () => {
    const edited = { ...structuredClone(b), title: 'Mine' } as typeof b;
    const input = {
      scenario: { id: null, title: 'Mine', summary: '', doc: edited },
      cursor: 2,
      selection: null,
    };
    // This test file imported the codec, which registered itself.
    registerCodec(codec);
    const r = fragmentFor(input, { embed: true });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.fragment).toMatch(/^#v=[12]&c=[A-Za-z0-9_-]+&t=2&embed=1$/);
      expect(codec.ingestFragmentSync(r.fragment)).toMatchObject({ ok: true, step: 2 });
    }
  });
  it('absolute links drop the query', () => {
    expect(absoluteLink('#v=1&s=x', { origin: 'https://a.example', pathname: '/app/' })).toBe(
      'https://a.example/app/#v=1&s=x',
    );
  });
});
