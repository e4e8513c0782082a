import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenarios';
import { builtinScenarios } from '../../scenarios/library/all';
import { sameDoc } from '../../scenarios/sameDoc';
import { fileName, formatDocument, scenarioDocument, scenarioText } from './docFormat';
import { replaceStep, setField, stepsOf, type Json } from './stepOps';

describe('scenarioText', () => {
  it('gives back the same scenario for every built-in', () => {
    for (const s of builtinScenarios) {
      const r = parseScenario(scenarioText(s));
      expect(r.ok, s.id).toBe(true);
      if (r.ok) expect(sameDoc(r.scenario, s), s.id).toBe(true);
    }
  });
  it('writes addresses in hex, equal values as value, one step per line', () => {
    const text = scenarioText({
      schema: 'hmm-scenario/1',
      era: 'v4.14',
      machine: { ramPages: 4096, physBits: 46 },
      steps: [
        { op: 'spawn', pid: 1 },
        { op: 'write', pid: 1, addr: 0x10000000, npages: 3, values: [7, 7, 7] },
        { op: 'write', pid: 1, addr: 0x10000000, npages: 2, values: [1, 2] },
      ],
    });
    expect(text).toContain('"addr":"0x10000000","npages":3,"value":7');
    expect(text).toContain('"values":[1,2]');
    expect(text.split('\n').filter((l) => l.startsWith('    {"op"'))).toHaveLength(3);
  });
  it('handles an empty scenario', () => {
    const r = parseScenario(
      scenarioText({
        schema: 'hmm-scenario/1',
        era: 'v4.14',
        machine: { ramPages: 64, physBits: 46 },
        steps: [],
      }),
    );
    expect(r.ok).toBe(true);
  });
});

describe('fileName', () => {
  it('slugs the title', () => {
    expect(fileName('Migrate to device memory, fault back!')).toBe(
      'migrate-to-device-memory-fault-back.json',
    );
    expect(fileName(undefined)).toBe('scenario.json');
    expect(fileName('../../etc/passwd')).toBe('etc-passwd.json');
    expect(fileName('x'.repeat(200))).toHaveLength(65);
  });
});

describe('formatDocument after form edits (each step line is remembered by its object)', () => {
  it('prints what printing a fresh copy of the document prints', () => {
    const s = builtinScenarios.find((x) => x.steps.length > 5);
    if (s === undefined) throw new Error('no built-in with steps');
    let doc = scenarioDocument(s);
    expect(formatDocument(doc)).toBe(formatDocument(structuredClone(doc)));
    for (const at of [0, 3, 3, stepsOf(doc).length - 1]) {
      const step = stepsOf(doc)[at] as Json;
      doc = replaceStep(doc, at, setField(step, 'note', `edited ${at}`));
      const text = formatDocument(doc);
      expect(text).toBe(formatDocument(structuredClone(doc)));
      expect(text).toContain(`"note":"edited ${at}"`);
    }
  });
});
