/**
 * The one place the app layers meet the model's trace types. Views and the store import Frame and
 * friends from here, so a change in the model's public surface is absorbed in one file.
 */
import type { Frame } from '../model';
import type { Scenario } from '../scenarios/schema';

export type { Frame, Touched } from '../model';
export type { KernelEvent, KernelState, Op, StepResult, Violation } from '../model';

/** The scenario document as the store keeps it: a parsed, validated `hmm-scenario/1`. */
export type ScenarioDoc = Scenario;

/** Turns a scenario document into its trace. Pure and deterministic; may throw on a bad doc. */
export type TraceRunner = (doc: ScenarioDoc) => readonly Frame[];
