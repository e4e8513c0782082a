export {
  parseScenario,
  parseScenarioValue,
  MAX_SCENARIO_BYTES,
  bytesLimit,
  type ParseOptions,
  type ParseResult,
} from './parse';
export { MAX_COST_UNITS, STEP_UNITS, estimateCost, checkCost, type CostEstimate } from './cost';
export {
  SCENARIO_SCHEMA,
  DEFAULT_ERA,
  DEFAULT_MACHINE,
  ScenarioSchema,
  STEP_LABELS,
  type Scenario,
  type ScenarioStep,
  type ScenarioDocument,
} from './schema';
export { MIGRATIONS, migrate, type Migration } from './migrate';
export { stepNumber } from './describe';
