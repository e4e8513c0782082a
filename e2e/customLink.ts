/**
 * The link of a custom scenario written in a test: validated by the app's own schema (a typo in a
 * test's scenario fails here, with the schema's message) and encoded as the Share panel does.
 */
import { parseScenarioValue } from '../src/scenarios';
import { encodeFragment } from '../src/url/encode';

export interface TestScenario {
  readonly title: string;
  readonly machine?: { readonly ramPages: number; readonly physBits?: number };
  readonly steps: readonly object[];
}

/** `#v=…` for the scenario opened at `step` (its last step when absent). */
export function customLink(s: TestScenario, step = s.steps.length): string {
  const doc = parseScenarioValue({ schema: 'hmm-scenario/1', era: 'v4.14', ...s });
  if (!doc.ok) throw new Error(doc.error);
  const link = encodeFragment({ source: { kind: 'custom', scenario: doc.scenario }, step });
  if (!link.ok) throw new Error(link.error);
  return link.fragment;
}
