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

// Made once: toLocaleTimeString with options builds a formatter on every call (milliseconds
// each, on every render of the editor).
let formats: { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat } | null = null;

/** "10:32" today, else "3 Mar 10:32". */
export function savedAtLabel(savedAt: number, now = Date.now()): string {
  formats ??= {
    time: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }),
    day: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' }),
  };
  const d = new Date(savedAt);
  const time = formats.time.format(d);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return sameDay ? time : `${formats.day.format(d)} ${time}`;
}
