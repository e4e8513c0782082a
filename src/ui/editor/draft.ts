/**
 * What startup restores: one draft version, read from the drafts store (src/ui/drafts, loaded
 * lazily). Its text as typed (maybe invalid mid-edit) and its last valid text.
 */
export interface Draft {
  /** The editor's text, exactly as last typed. */
  readonly text: string;
  /** The last text that parsed as a scenario, or null when there never was one. */
  readonly valid: string | null;
  /** When it was saved (ms since the epoch). */
  readonly savedAt: number;
  /** Was the editor open? A restored draft reopens it. */
  readonly open: boolean;
  /** Its slot in the drafts store, and whether that is this tab's own. */
  readonly id?: string;
  readonly own?: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/**
 * "10:32" today, else "3 Mar 10:32" (local time, 24-hour). Printed by hand, not by
 * Intl.DateTimeFormat: the ICU formatter's first use in a page costs ~40 ms (it was a third of a
 * 121 ms task when a long import showed "Draft saved", bench/longtask.bench.ts --profile), and
 * browsers' ICU versions disagree on a month or two ("Sep" / "Sept").
 */
export function savedAtLabel(savedAt: number, now = Date.now()): string {
  const d = new Date(savedAt);
  const time = `${two(d.getHours())}:${two(d.getMinutes())}`;
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return sameDay ? time : `${d.getDate()} ${MONTHS[d.getMonth()] ?? ''} ${time}`;
}
