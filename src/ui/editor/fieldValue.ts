/** Between form inputs and the working document: tolerant, so a half-typed value is kept as typed. */
import type { Json } from './stepOps';

const INT = /^-?\d{1,16}$/;

/** "12" → 12; anything else stays text for the schema to name. */
export function parseIntField(text: string): unknown {
  const t = text.trim();
  return INT.test(t) ? Number(t) : text;
}

export function showField(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** A write's data as typed: "7" → value 7; "10, 11, 12" → values [10, 11, 12]. */
export function parseValues(text: string): { value?: unknown; values?: unknown } {
  const parts = text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 1) return { value: parseIntField(parts[0] ?? '') };
  return { values: parts.map(parseIntField) };
}

export function showValues(step: Json): string {
  if (Array.isArray(step.values)) return (step.values as unknown[]).map(showField).join(', ');
  return showField(step.value);
}

/** A one-line summary of a possibly invalid step, for the step list. */
export function stepSummary(step: Json): string {
  const parts: string[] = [];
  if (step.device !== undefined) parts.push(showField(step.device));
  if (step.pid !== undefined) parts.push(`pid ${showField(step.pid)}`);
  if (step.child !== undefined) parts.push(`→ ${showField(step.child)}`);
  if (step.addr !== undefined) {
    const a = step.addr;
    parts.push(typeof a === 'number' ? `0x${a.toString(16)}` : showField(a));
  }
  if (step.npages !== undefined) parts.push(`×${showField(step.npages)}`);
  for (const k of ['prot', 'type', 'advice', 'fault'])
    if (step[k] !== undefined) parts.push(showField(step[k]));
  return parts.join(' ');
}

/** The index in `steps` of the step an error message names ("step 4 (mmap, steps[3]): ..."), or null. */
export function errorStep(error: string): number | null {
  const m = /^step (\d+)\b/.exec(error);
  return m?.[1] === undefined ? null : Number(m[1]) - 1;
}
