/**
 * Predict the next state: for the step about to be shown, one multiple-choice question generated
 * from the model (the frame before and the frame after), with plausible wrong answers and an
 * explanation. Pure and deterministic: the same trace always asks the same questions, in the same
 * order of choices, so a lecturer's link asks every student the same thing.
 */
import type { Frame, Frames, KernelEvent, KernelEvents, Pte, StepResult } from '../model';
import { frameAt, hex, hexVpn, valueList } from '../model';
import { chainText } from './chain';
import { opWords, outcomeWords, wokenWords } from './narrate';
import { pteWords, stepDiff } from './diff';

export type QuestionKind =
  'outcome' | 'pte' | 'refcount' | 'callback' | 'value' | 'ptecount' | 'ret' | 'woken';

export interface Choice {
  readonly id: string;
  readonly label: string;
}

/** Where the answer shows: the PTE or the page frame the question is about. */
export type QuestionFocus =
  | { readonly kind: 'pte'; readonly pid: number; readonly vpn: number }
  | { readonly kind: 'page'; readonly pfn: number };

export interface Question {
  /** The frame the question is about: answered before the cursor moves there. */
  readonly step: number;
  readonly kind: QuestionKind;
  readonly prompt: string;
  readonly choices: readonly Choice[];
  /** Id of the right choice. */
  readonly answer: string;
  readonly explanation: string;
  readonly focus: QuestionFocus | null;
}

type Draft = Omit<Question, 'step' | 'choices' | 'answer'> & {
  readonly right: string;
  readonly wrong: readonly string[];
};

/** Right answer plus the first three distinct wrong ones, rotated so the answer moves about. */
function finish(step: number, d: Draft): Question {
  const wrong: string[] = [];
  for (const w of d.wrong)
    if (w !== d.right && !wrong.includes(w) && wrong.length < 3) wrong.push(w);
  const labels = [d.right, ...wrong];
  const shift = step % labels.length;
  const ordered = [...labels.slice(shift), ...labels.slice(0, shift)];
  const choices = ordered.map((label, i) => ({ id: String.fromCharCode(97 + i), label }));
  const answer = choices.find((c) => c.label === d.right)?.id ?? 'a';
  return {
    step,
    kind: d.kind,
    prompt: d.prompt,
    choices,
    answer,
    explanation: d.explanation,
    focus: d.focus,
  };
}

const OUTCOMES = {
  ok: 'It completes normally',
  SIGSEGV: 'The process gets SIGSEGV',
  SIGBUS: 'The process gets SIGBUS',
  livelock: 'The fault repeats forever (livelock)',
  oom: 'The kernel runs out of memory (OOM)',
} as const;

/** Where a task sleeps while a migration is paused (result.waits). */
const SLEEPS = {
  migration_entry: 'It sleeps on the migration entry (migration_entry_wait)',
  mmap_sem: 'It sleeps on mmap_sem, which the paused migration holds',
} as const;

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function outcomeOf(r: StepResult): string {
  if (r.livelock) return OUTCOMES.livelock;
  if (r.signal) return OUTCOMES[r.signal];
  if (r.oom) return OUTCOMES.oom;
  if (r.waits) return SLEEPS[r.waits];
  return OUTCOMES.ok;
}

/** An op that meets a paused migration: does it run, or sleep, and on what? */
function sleepQuestion(frame: Frame): Draft | null {
  const op = frame.op;
  const r = frame.result;
  if (!op || !r?.waits) return null;
  return {
    kind: 'outcome',
    prompt: `A migration is paused after its unmap stage. ${cap(opWords(op))}. What happens?`,
    right: SLEEPS[r.waits],
    wrong: [
      OUTCOMES.ok,
      SLEEPS.migration_entry,
      SLEEPS.mmap_sem,
      OUTCOMES.SIGSEGV,
      OUTCOMES.livelock,
    ],
    explanation: `${cap(outcomeWords(r))}: the op finishes only when the migration resumes or fails. ${pathSentence(frame.events)}`,
    focus: null,
  };
}

function outcomeQuestion(frame: Frame): Draft | null {
  const op = frame.op;
  const r = frame.result;
  if (!op || !r || (op.op !== 'read' && op.op !== 'write')) return null;
  const right = outcomeOf(r);
  const verb = op.op === 'read' ? 'loads from' : 'stores to';
  return {
    kind: 'outcome',
    prompt: `pid ${op.pid} ${verb} ${hex(op.addr)}. Which signal, if any, does it get?`,
    right,
    wrong: [OUTCOMES.ok, OUTCOMES.livelock, OUTCOMES.SIGBUS, OUTCOMES.SIGSEGV, OUTCOMES.oom],
    explanation: `${cap(outcomeWords(r))}. ${pathSentence(frame.events)}`,
    focus: null,
  };
}

function pathSentence(events: KernelEvents): string {
  const chain = chainText(events, 5);
  return chain ? `The kernel path: ${chain}.` : '';
}

/** Other PTE states a student might expect, nearest first. */
function ptePool(before: Pte | undefined, after: Pte | undefined): string[] {
  const flip = (p: Pte | undefined): Pte | undefined =>
    p && 'write' in p ? { ...p, write: !p.write } : undefined;
  const generic = [
    'none (nothing mapped)',
    'present, writable',
    'present, read-only',
    'device-private swap entry, writable',
    'device-private swap entry, read-only',
    'migration entry (read)',
    'devmap (device public), writable',
  ];
  return [
    pteWords(before),
    ...(flip(after) ? [pteWords(flip(after))] : []),
    ...(flip(before) ? [pteWords(flip(before))] : []),
    ...generic,
  ];
}

function pteQuestion(prev: Frame, frame: Frame): Draft | null {
  const c = stepDiff(prev, frame).ptes[0];
  if (!c) return null;
  return {
    kind: 'pte',
    prompt: `pid ${c.pid}'s PTE at ${hexVpn(c.vpn)} is now: ${pteWords(c.before)}. What will it be after this step?`,
    right: pteWords(c.after),
    wrong: ptePool(c.before, c.after),
    explanation: `It becomes ${pteWords(c.after)}${c.after && 'pfn' in c.after ? ` (pfn ${hex(c.after.pfn)})` : ''}. ${pathSentence(frame.events)}`,
    focus: { kind: 'pte', pid: c.pid, vpn: c.vpn },
  };
}

function refcountQuestion(prev: Frame, frame: Frame): Draft | null {
  // A device page's count tells more of the story than a RAM page's: ask about one first.
  const changed = stepDiff(prev, frame).pages.filter(
    (p) => p.before && p.after && p.before.refcount !== p.after.refcount,
  );
  const c = changed.find((p) => p.after?.memory !== 'system') ?? changed[0];
  if (!c?.before || !c.after) return null;
  const a = c.after.refcount;
  const b = c.before.refcount;
  const nums = [b, a + 1, a - 1, b + 1, a + 2, b - 1, a + 3, a + 4].filter((n) => n >= 0);
  const kind = c.after.memory === 'system' ? 'RAM page' : 'device page';
  return {
    kind: 'refcount',
    prompt: `The ${kind} pfn ${hex(c.pfn)} has refcount ${b} (mapcount ${c.before.mapcount}). What will its refcount be after this step?`,
    right: String(a),
    wrong: nums.map(String),
    explanation: `Its refcount goes ${b} → ${a} and its mapcount ${c.before.mapcount} → ${c.after.mapcount}. ${pathSentence(frame.events)}`,
    focus: { kind: 'page', pfn: c.pfn },
  };
}

const DRIVER_FILE = 'lib/test_hmm.c';
const CALLERS = [
  'do_swap_page',
  'device_private_entry_fault',
  'hmm_devmem_fault',
  'migrate_vma',
  'handle_mm_fault',
  'mmu_notifier_invalidate_range_start',
  'hmm_vma_fault',
  'zap_pte_range',
  'copy_one_pte',
  'try_to_unmap',
];

/** The nearest enclosing core kernel function of each driver event (skipping `ops->x` hops). */
function callbackQuestion(frame: Frame): Draft | null {
  const stack: KernelEvent[] = [];
  for (const e of frame.events) {
    stack.length = Math.min(stack.length, e.depth);
    if (e.file === DRIVER_FILE && e.depth > 0) {
      const callers = stack.slice(0, e.depth).reverse();
      const parent = callers.find((p) => !p.fn.startsWith('ops->'));
      if (parent && parent.file !== DRIVER_FILE) {
        const others = callers.map((p) => p.fn).filter((f) => f !== parent.fn);
        return {
          kind: 'callback',
          prompt: `In this step the driver's ${e.fn}() runs. Which kernel function calls it?`,
          right: parent.fn,
          wrong: [...others, ...CALLERS],
          explanation: `${parent.fn}() (${parent.file}) calls into the driver: ${e.fn}() — ${e.text}.`,
          focus: null,
        };
      }
    }
    stack[e.depth] = e;
  }
  return null;
}

function valueQuestion(frame: Frame): Draft | null {
  const op = frame.op;
  const v = frame.result?.values;
  if (op?.op !== 'read' || !v || v.length === 0) return null;
  const right = `[${v.join(', ')}]`;
  const wrong = [
    `[${v.map(() => 0).join(', ')}]`,
    `[${v.map((x) => x + 1).join(', ')}]`,
    `[${v.map((x) => x - 1).join(', ')}]`,
    `[${v.map((x) => x * 2).join(', ')}]`,
  ];
  return {
    kind: 'value',
    prompt: `pid ${op.pid} loads ${v.length === 1 ? 'one page' : `${v.length} pages`} at ${hex(op.addr)}. What does the load return?`,
    right,
    wrong,
    explanation: `The load returns ${right}. ${pathSentence(frame.events)}`,
    focus: null,
  };
}

function ptecountQuestion(prev: Frame, frame: Frame): Draft | null {
  const op = frame.op;
  if (!op || !('npages' in op) || !('pid' in op)) return null;
  const n = stepDiff(prev, frame).ptes.length;
  const nums = [op.npages, 0, 1, n + 1, op.npages * 2, 2, 3];
  return {
    kind: 'ptecount',
    prompt: `This step (${op.op}) covers ${op.npages} page(s) of pid ${op.pid}. How many PTEs will change?`,
    right: String(n),
    wrong: nums.map(String),
    explanation:
      n > 0
        ? `${n} PTE(s) change. ${pathSentence(frame.events)}`
        : op.op === 'mmap'
          ? 'None: mmap only creates the VMA; the kernel allocates and maps a page on its first access.'
          : `None: this step leaves pid ${op.pid}'s page table as it was. ${pathSentence(frame.events)}`,
    focus: null,
  };
}

/** What a woken sleeper's op finally did, as a choice label. */
function wokenLabel(r: StepResult): string {
  if (r.livelock || r.signal || r.oom || r.waits) return outcomeOf(r);
  if (r.values) return `It returns ${valueList(r.values)}`;
  if (r.ret !== undefined && r.ret < 0) return `It fails with ${r.ret}`;
  return OUTCOMES.ok;
}

/**
 * A migration resumes (or fails): what does the first task that slept on it see when it wakes?
 * The answer is the woken op's own result, as the model ran it after the migration finished.
 */
function wokenQuestion(frame: Frame): Draft | null {
  const op = frame.op;
  const w = frame.result?.woken?.[0];
  if (!op || !w) return null;
  const v = w.result.values;
  const on =
    w.on === 'mmap_sem' ? 'on mmap_sem' : `on the migration entry at ${w.addr ?? 'its page'}`;
  const how = op.op === 'migrate_fail' ? 'fails and is undone' : 'finishes';
  return {
    kind: 'woken',
    prompt: `pid ${w.pid}'s ${w.op} sleeps ${on}. The paused migration now ${how}. What does the ${w.op} do when it wakes?`,
    right: wokenLabel(w.result),
    wrong: [
      ...(v && v.length > 0
        ? [
            `It returns [${v.map(() => 0).join(', ')}]`,
            `It returns [${v.map((x) => x + 1).join(', ')}]`,
          ]
        : []),
      OUTCOMES.ok,
      SLEEPS.migration_entry,
      OUTCOMES.SIGSEGV,
      OUTCOMES.SIGBUS,
      OUTCOMES.livelock,
    ],
    explanation: `${cap(wokenWords(w))}. The migration's own ioctl: ${outcomeWords(frame.result)}.`,
    focus: null,
  };
}

/** migrate_pause only arms the device; a student may expect the PTEs to change already. */
function pauseQuestion(prev: Frame, frame: Frame): Draft | null {
  const op = frame.op;
  if (op?.op !== 'migrate_pause') return null;
  const n = stepDiff(prev, frame).ptes.length;
  return {
    kind: 'ptecount',
    prompt: `migrate_pause arms ${op.device}: its next migration will stop after the unmap stage. How many PTEs change in this step?`,
    right: String(n),
    wrong: ['1', '2', '4', String(n + 1), '0'],
    explanation:
      n === 0
        ? 'None: migrate_pause only arms the device. The PTEs change when the migration runs: migrate_vma_collect and try_to_unmap replace them with migration entries, and the migration stops there.'
        : `${n} PTE(s) change. ${pathSentence(frame.events)}`,
    focus: null,
  };
}

const ERRNOS = ['0', '-1 (EPERM)', '-12 (ENOMEM)', '-14 (EFAULT)', '-16 (EBUSY)', '-22 (EINVAL)'];
const ERRNO_NAMES: Readonly<Record<number, string>> = {
  1: 'EPERM',
  2: 'ENOENT',
  3: 'ESRCH',
  6: 'ENXIO',
  12: 'ENOMEM',
  14: 'EFAULT',
  16: 'EBUSY',
  19: 'ENODEV',
  22: 'EINVAL',
  25: 'ENOTTY',
  34: 'ERANGE',
};

function retQuestion(frame: Frame): Draft | null {
  const op = frame.op;
  const ret = frame.result?.ret;
  if (!op || ret === undefined) return null;
  const name = ERRNO_NAMES[-ret];
  const right = ret === 0 ? '0' : `${ret}${name ? ` (${name})` : ''}`;
  return {
    kind: 'ret',
    prompt: `What will ${op.op} return?`,
    right,
    wrong: ERRNOS,
    explanation: `It returns ${right}. ${pathSentence(frame.events)}`,
    focus: null,
  };
}

/**
 * The question for frame `index` of `trace` (index ≥ 1), or null when there is nothing to ask.
 * An unusual outcome (a signal, a livelock, OOM, a sleep on a paused migration, what a woken
 * sleeper sees) is always the question; otherwise the kinds take
 * turns by step, so a lesson asks about PTEs, refcounts, callbacks and values alike.
 */
export function questionFor(trace: Frames, index: number): Question | null {
  const prev = frameAt(trace, index - 1);
  const frame = frameAt(trace, index);
  if (!prev || !frame || frame.op === null) return null;
  const outcome = outcomeQuestion(frame);
  const r = frame.result;
  if (outcome && r && (r.livelock || r.signal || r.oom)) return finish(index, outcome);
  // A migration in flight: who sleeps, what a woken sleeper sees, what arming the pause changes.
  const inflight = sleepQuestion(frame) ?? wokenQuestion(frame) ?? pauseQuestion(prev, frame);
  if (inflight) return finish(index, inflight);
  const candidates = [
    pteQuestion(prev, frame),
    callbackQuestion(frame),
    refcountQuestion(prev, frame),
    valueQuestion(frame),
  ].filter((q): q is Draft => q !== null);
  if (candidates.length > 0) return finish(index, candidates[index % candidates.length] as Draft);
  const fallback = ptecountQuestion(prev, frame) ?? outcome ?? retQuestion(frame);
  return fallback ? finish(index, fallback) : null;
}

/** Every question of a trace, by frame index (frames with nothing to ask are left out). */
export function questionsOf(trace: Frames): Question[] {
  const out: Question[] = [];
  for (let i = 1; i < trace.length; i++) {
    const q = questionFor(trace, i);
    if (q) out.push(q);
  }
  return out;
}
