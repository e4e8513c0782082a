/**
 * A step's labels: what a lesson says about the step (its note, id, noteFor and focus), never
 * what the model runs. The schema checks each (schema.ts `extras`, which must name exactly these);
 * sameRun (sameDoc.ts) ignores them. A module of its own: the store reads it on the first screen,
 * and the schema's validators are not needed there.
 */
export const STEP_LABELS = Object.freeze(['note', 'id', 'noteFor', 'focus'] as const);
export type StepLabel = (typeof STEP_LABELS)[number];
