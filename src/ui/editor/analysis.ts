/**
 * What the editor's text means: the JSON as the step forms read it (parseWorking) and the schema's
 * verdict (parseScenario). Both read the whole text, so for a long scenario they are the editor's
 * most expensive work per keystroke (issue 12: 160 ms a key in a 10,000-step scenario); texts
 * longer than BIG_TEXT are analysed in a worker (analyse.worker.ts, useAnalysis.ts) instead.
 */
import { parseScenario, type Scenario } from '../../scenarios';
import { parseWorking, type Working } from './stepOps';

export type Check =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly error: string };

export interface Analysis {
  readonly text: string;
  readonly working: Working;
  readonly check: Check;
}

/** Characters above which the text is analysed away from the main thread (~2,000 steps). */
export const BIG_TEXT = 200_000;

export function analyse(text: string): Analysis {
  return { text, working: parseWorking(text), check: parseScenario(text) };
}
