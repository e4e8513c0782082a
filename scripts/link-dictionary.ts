/**
 * Writes the text table of link format v=2 (src/url/dictionary/v2.ts) from the built-in library:
 * `npx tsx scripts/link-dictionary.ts > src/url/dictionary/v2.ts`. Run ONCE, when the format was
 * made: a v=2 link names entries of that table by index, so the file is frozen forever (its hash
 * is pinned in src/url/dictionary.test.ts). A later library makes a later table (v=3), never an
 * edit of this one.
 */
import { builtinScenarios } from '../src/scenarios/library/all';

const table: string[] = [];
const seen = new Set<string>();
const add = (text: string | undefined) => {
  if (text === undefined || text.length < 16 || seen.has(text)) return;
  seen.add(text);
  table.push(text);
};
// Notes first, in menu order, then the titles (a copy of a built-in keeps its title).
for (const s of builtinScenarios) for (const step of s.steps) add(step.note);
for (const s of builtinScenarios) add(s.title);

console.log(`/**
 * The text table of link format v=2 (src/url/dictionary.ts): the built-in library's step notes and
 * titles as of the day v=2 was made, written by scripts/link-dictionary.ts. FROZEN: links name
 * entries by index, so no entry may ever change, move or go (dictionary.test.ts pins the hash).
 */
export const LINK_TABLE_V2: readonly string[] = ${JSON.stringify(table, null, 2)};`);
