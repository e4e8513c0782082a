/**
 * A step's labels: what a lesson says about the step (its note, id, noteFor and focus), never
 * what the model runs. The schema checks each (schema.ts `extras`, which must name exactly these);
 * sameRun (sameDoc.ts) ignores them. A module of its own, so that sameDoc, which the store and the
 * link code use, reads four names without importing the schema's validators.
 */
export const STEP_LABELS = Object.freeze(['note', 'id', 'noteFor', 'focus'] as const);
export type StepLabel = (typeof STEP_LABELS)[number];
