/**
 * The format's size limits, on their own so that the work budget (cost.ts, budget.ts) can read them
 * without pulling the schema and its validator into the app's first chunk (the trace worker's
 * "heavy" test runs on the main thread). The schema re-exports them.
 */
/** TASK_SIZE on x86-64 with 4-level paging: user addresses lie below 2^47. */
export const USER_ADDR_LIMIT = 2 ** 47;
export const MAX_NPAGES = 65536;
export const MAX_STEPS = 10_000;
export const MAX_PID = 1_000_000;
export const MAX_NOTE = 2000;
/** `noteFor` holds one line of a result (resultLine): never long. */
export const MAX_NOTE_FOR = 300;
export const MAX_TITLE = 200;
