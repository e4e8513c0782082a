/**
 * Expected results of every built-in scenario, by id and step index (see expect.ts). The
 * hmm-scenario/1 contract has no `expect` field, so the expectations live in these tables and
 * library tests assert them; golden files pin the full output.
 */
import type { ScenarioExpectation } from './expect';
import { seedExpectations } from './expectations-seeds';
import { selftestExpectations } from './expectations-selftests';
import { inflightExpectations } from './expectations-inflight';

export type { ScenarioExpectation, StepExpectation } from './expect';

export const expectations: Readonly<Record<string, ScenarioExpectation>> = {
  ...seedExpectations,
  ...selftestExpectations,
  ...inflightExpectations,
};
