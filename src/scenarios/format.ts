/** Turns the first schema issue into the one-line message of scenario-contract.md §1. */
import type * as v from 'valibot';
import { stepLabel } from './describe';
import { OP_NAMES } from './schema';

type PathItem = v.IssuePathItem;

/** `values[2]`, `machine.ramPages`, `flags[0]`. */
function fieldPath(items: readonly PathItem[]): string {
  let out = '';
  for (const item of items) {
    const key: unknown = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

export function formatIssue(issue: v.BaseIssue<unknown>): string {
  const path: readonly PathItem[] = issue.path ?? [];
  const [first, second] = path;
  let prefix = '';
  let rest = path;
  if (first?.key === 'steps' && second?.type === 'array') {
    const raw: unknown = second.value;
    const op = typeof raw === 'object' && raw !== null ? (raw as { op?: unknown }).op : undefined;
    prefix = `${stepLabel(second.key, op, OP_NAMES)}: `;
    rest = path.slice(2);
  }
  const field = fieldPath(rest);
  return `${prefix}${field === '' ? '' : `field "${field}": `}${issue.message}`;
}
