export { parseScenario, parseScenarioValue, MAX_SCENARIO_BYTES, type ParseResult } from './parse';
export {
  SCENARIO_SCHEMA,
  DEFAULT_ERA,
  DEFAULT_MACHINE,
  ScenarioSchema,
  type Scenario,
  type ScenarioStep,
  type ScenarioDocument,
} from './schema';
export { MIGRATIONS, migrate, type Migration } from './migrate';
export { stepNumber } from './describe';
