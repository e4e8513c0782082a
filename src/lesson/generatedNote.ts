/**
 * The narration of a step that has no hand-written note, generated from what the model did. Its
 * own module: the built-in scenarios' steps carry notes, so the app loads this only when a step
 * without one is shown (useNarration), and the first screen's JavaScript stays in its budget.
 */
import type { Frame } from '../model';
import { hex, hexVpn, thousands } from '../model';
import { chainText } from './chain';
import type { PteChange } from './diff';
import { pteWords, sameWords, stepDiff } from './diff';
import { cap, opWords, outcomeWords, wokenWords } from './narrate';

function pteSentence(changes: readonly PteChange[]): string {
  if (changes.length === 0) return '';
  const groups = new Map<string, PteChange[]>();
  let last: { c: PteChange; g: PteChange[] } | null = null;
  for (const c of changes) {
    // A change that reads as the one before joins its group without writing its key: a write of
    // 65,536 pages wrote two sentences per PTE only to find they were all alike.
    if (
      last &&
      last.c.pid === c.pid &&
      sameWords(last.c.before, c.before) &&
      sameWords(last.c.after, c.after)
    ) {
      last.g.push(c);
      last.c = c;
      continue;
    }
    const key = `${c.pid}|${pteWords(c.before)}|${pteWords(c.after)}`;
    // Pushed, not copied: a write of 8,192 pages is one group, and a copy per change was
    // quadratic (13 ms of the step's render on the page).
    let g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, (g = [c]));
    last = { c, g };
  }
  const parts = [...groups.values()].slice(0, 3).map((g) => {
    const first = g[0] as PteChange;
    const at = hexVpn(first.vpn);
    const where = g.length === 1 ? `the PTE at ${at}` : `${thousands(g.length)} PTEs from ${at}`;
    return `${where} of pid ${first.pid} ${g.length === 1 ? 'goes' : 'go'} from ${pteWords(first.before)} to ${pteWords(first.after)}`;
  });
  const rest = groups.size > 3 ? `, and ${groups.size - 3} more groups change` : '';
  return `${cap(parts.join('; '))}${rest}.`;
}

/** The narration of a step that has no note: what was asked, the path, what changed, the result. */
export function generatedNote(prev: Frame, frame: Frame): string {
  if (frame.op === null) return '';
  const d = stepDiff(prev, frame);
  const chain = chainText(frame.events, 5);
  const parts = [`${cap(opWords(frame.op))}.`];
  if (chain) parts.push(`The kernel runs ${chain}.`);
  const ptes = pteSentence(d.ptes);
  if (ptes) parts.push(ptes);
  const counted = d.pages.filter((p) => p.before && p.after).slice(0, 2);
  for (const p of counted) {
    parts.push(
      `pfn ${hex(p.pfn)}: refcount ${p.before?.refcount} → ${p.after?.refcount}, mapcount ${p.before?.mapcount} → ${p.after?.mapcount}.`,
    );
  }
  parts.push(`${cap(outcomeWords(frame.result))}.`);
  for (const w of frame.result?.woken ?? []) parts.push(`Then ${wokenWords(w)}.`);
  return parts.join(' ');
}
