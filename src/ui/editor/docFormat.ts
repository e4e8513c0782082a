/**
 * Scenario ↔ editor text. The editor shows what an author would write: addresses in hex, a write
 * of equal values as `value`, one step per line so a long scenario stays scannable, and the
 * top-level fields pretty-printed. parseScenario of the text gives back the same scenario.
 */
import type { Scenario, ScenarioStep } from '../../scenarios';

const hex = (n: number): string => `0x${n.toString(16)}`;

/** A step as written in a document. */
export function stepDocument(step: ScenarioStep): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(step)) {
    if (k === 'addr' && typeof v === 'number') out[k] = hex(v);
    else if (k === 'values' && Array.isArray(v)) {
      const vals = v as number[];
      const first = vals[0];
      if (vals.length > 1 && vals.every((x) => x === first)) out.value = first;
      else out.values = vals;
    } else out[k] = v;
  }
  return out;
}

export function scenarioDocument(s: Scenario): Record<string, unknown> {
  const { steps, ...top } = s;
  return { ...top, steps: steps.map(stepDocument) };
}

/**
 * Each step's line, by the step object: a form edit replaces one step and keeps the others, so a
 * keystroke prints one line, not 10,000 (~20 ms a key in a 10,000-step scenario). Steps are never
 * changed in place (stepOps returns new objects), so a line stays right for its object.
 */
const lines = new WeakMap<object, string>();

function stepLine(step: unknown): string {
  if (typeof step !== 'object' || step === null) return `    ${JSON.stringify(step)}`;
  let line = lines.get(step);
  if (line === undefined) {
    line = `    ${JSON.stringify(step)}`;
    lines.set(step, line);
  }
  return line;
}

/** Two-space JSON with each step on one line. */
export function formatDocument(doc: Record<string, unknown>): string {
  const { steps, ...top } = doc;
  const head = JSON.stringify(top, null, 2);
  const list = Array.isArray(steps) ? (steps as unknown[]) : [];
  const body = list.length === 0 ? '[]' : `[\n${list.map(stepLine).join(',\n')}\n  ]`;
  const open = head === '{}' ? '{\n' : `${head.slice(0, -2)},\n`;
  return `${open}  "steps": ${body}\n}\n`;
}

export function scenarioText(s: Scenario): string {
  return formatDocument(scenarioDocument(s));
}

/** A filename from a title: lowercase words and dashes, at most 60 characters. */
export function fileName(title: string | undefined): string {
  const slug = (title ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug === '' ? 'scenario' : slug}.json`;
}
