/**
 * The format's size limits, on their own so that the work budget (cost.ts, budget.ts) can read them
 * without pulling the schema and its validator into the app's first chunk (the trace worker's
 * "heavy" test runs on the main thread). The schema re-exports them.
 */
/** TASK_SIZE on x86-64 with 4-level paging: user addresses lie below 2^47. */
export const USER_ADDR_LIMIT = 2 ** 47;
export const MAX_NPAGES = 65536;
/**
 * A structural cap, not the measure of too much: the work budget (cost.ts, STEP_UNITS per step)
 * refuses long scenarios of heavy steps long before it. It matches what a share link may carry
 * (src/url/expand.ts), so a file and a link open the same documents, and it bounds what the schema
 * walks before the budget has read a huge array of empty steps. It was 10,000 until issue 12.
 */
export const MAX_STEPS = 100_000;
export const MAX_PID = 1_000_000;
export const MAX_NOTE = 2000;
/** `noteFor` holds one line of a result (resultLine): never long. */
export const MAX_NOTE_FOR = 300;
export const MAX_TITLE = 200;
/**
 * The largest scenario text the app reads (an imported file, the editor's text, parseScenario by
 * default), in UTF-8 bytes: a 100,000-step scenario of ordinary steps without notes is ~8 MB in the
 * editor's one-step-a-line format (docFormat.ts), so it fits twice over. The CLI reads more
 * (cli/sim.ts: steps with notes like the built-ins'). It was 2 MiB until issue 12.
 */
export const MAX_SCENARIO_BYTES = 16 * 1024 * 1024;
