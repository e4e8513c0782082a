/**
 * How the model's produce runs outside tests. immer's auto-freeze deep-freezes each result: on
 * finalize it visits every sibling of every copied node (Object.isFrozen on each), so a step's
 * cost grew with the pages a process holds (issue 12: 0.20 ms at 64 pages, 3.15 ms at 1,048,576).
 * The app, its worker, the CLI and the benches call this once at start; unit tests never do, so
 * there immer keeps freezing every state and a mutation of a finished state still throws
 * (step.test.ts checks that it does).
 */
import { setAutoFreeze } from 'immer';

let freezing = true;

export function runImmerUnfrozen(): void {
  setAutoFreeze(false);
  freezing = false;
}

/**
 * Whether a step deep-freezes what it stores in the state's tables (their nodes are not immer
 * drafts, so immer's auto-freeze does not reach the pages and PTEs in them; table.ts): in unit
 * tests, not in the app, its worker, the CLI or the benches. The table nodes themselves are
 * frozen in every mode (cheap: one freeze per node a step copied).
 */
export const freezesSteps = (): boolean => freezing;
