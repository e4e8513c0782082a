/**
 * The same scenario in two eras, step by step: which steps' results, PTEs, struct pages,
 * violations or kernel paths differ. Pure and O(what the steps touched): the CLI's `sim compare`
 * and the app's compare view both read this.
 */
import type { Era } from '../types';
import type { StepResult } from '../ops';
import { calledFns } from '../kernel_events';
import type { Frame, ScenarioInput } from '../run';
import { traceScenario } from '../vmlinux';
import type { Frames } from '../checkpoint';
import { frameAt } from '../checkpoint';
import type { ContractPte } from '../snapshot';
import { ptePayload } from '../snapshot';
import { tableGet } from '../table';
import { lookupPage } from '../page_store';
import { VALUES_LISTED, asVpn, hex, hexVpn, valueList } from '../ids';
import { processOf } from '../query';

export const COMPARE_SCHEMA = 'hmm-compare/1';

/** One thing that differs, with its value in each era (null: absent in that era). */
export interface EraDifference {
  /** "result", "pte pid 1 0x10000000", "page 0x3ffff0000", "violations". */
  readonly what: string;
  /** What it is on the memory map: "pte:<pid>:<vpn>", "frame:<pfn>", or absent (result, violations). */
  readonly key?: string;
  readonly a: unknown;
  readonly b: unknown;
}

export interface StepComparison {
  /** The contract's step index (0 = first step). */
  readonly index: number;
  readonly op: string;
  readonly id?: string;
  /** "step 7: v4.14 livelock · v6.12 read 7, PTE present W" */
  readonly summary: string;
  readonly differences: readonly EraDifference[];
  /** Kernel functions only one era ran in this step. */
  readonly events: { readonly a: readonly string[]; readonly b: readonly string[] };
}

export interface EraComparison {
  readonly schema: typeof COMPARE_SCHEMA;
  readonly eras: readonly [Era, Era];
  readonly steps: readonly StepComparison[];
}

const json = (v: unknown): string => JSON.stringify(v ?? null);

/** A short reading of a step's result: "livelock", "SIGBUS", "read 7", "ret -22", "ok 4 pages". */
export function describeResult(op: string, r: StepResult | null): string {
  if (!r) return '—';
  if (r.livelock) return 'livelock';
  if (r.signal) return r.signal;
  if (r.oom) return 'OOM';
  if (r.ret !== undefined && r.ret < 0) return `ret ${r.ret}`;
  if (op === 'read' && r.values)
    return `read ${r.values.length > VALUES_LISTED ? valueList(r.values) : r.values.join(',')}`;
  if (r.bytes)
    return `bytes ${r.bytes.map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ')}`;
  if (r.cpages !== undefined) return `ok, ${r.cpages} page(s)`;
  return 'ok';
}

export function describePte(p: ContractPte): string {
  if (p.kind === 'none') return 'PTE none';
  const w = p.write === undefined ? '' : p.write ? ' W' : ' R';
  return `PTE ${p.kind}${p.zero ? ' zero' : ''}${w}`;
}

function pteKeys(f: Frame): string[] {
  return f.touched.ptes.map((t) => `${t.pid}:${t.vpn}`);
}

function pteAt(f: Frame, key: string): ContractPte {
  const [pid = 0, vpn = 0] = key.split(':').map(Number);
  const ptes = processOf(f.state, pid)?.ptes;
  return ptePayload(ptes ? tableGet(ptes, vpn) : undefined);
}

interface PageView {
  memory: string;
  refcount: number;
  mapcount: number;
  value: number;
}

function pageAt(f: Frame, pfn: number): PageView | null {
  const p = lookupPage(f.state, pfn as Parameters<typeof lookupPage>[1]);
  if (!p) return null;
  return { memory: p.memory, refcount: p.refcount, mapcount: p.mapcount, value: p.value };
}

/** Compare frame i of two traces of the same scenario (frames[0] is boot and is not compared). */
export function compareStep(a: Frame, b: Frame, eras: readonly [Era, Era]): StepComparison | null {
  const op = a.op?.op ?? b.op?.op ?? 'boot';
  const diffs: EraDifference[] = [];
  if (json(a.result) !== json(b.result)) diffs.push({ what: 'result', a: a.result, b: b.result });
  const keys = [...new Set([...pteKeys(a), ...pteKeys(b)])].sort();
  let firstPte: { a: ContractPte; b: ContractPte } | null = null;
  for (const key of keys) {
    const pa = pteAt(a, key);
    const pb = pteAt(b, key);
    if (json(pa) === json(pb)) continue;
    const [pid = 0, vpn = 0] = key.split(':').map(Number);
    diffs.push({ what: `pte pid ${pid} ${hexVpn(asVpn(vpn))}`, key: `pte:${key}`, a: pa, b: pb });
    firstPte ??= { a: pa, b: pb };
  }
  const pfns = [...new Set([...a.touched.pfns, ...b.touched.pfns])].sort((x, y) => x - y);
  for (const pfn of pfns) {
    const pa = pageAt(a, pfn);
    const pb = pageAt(b, pfn);
    if (json(pa) !== json(pb))
      diffs.push({ what: `page ${hex(pfn)}`, key: `frame:${pfn}`, a: pa, b: pb });
  }
  const va = a.violations.map((v) => v.id);
  const vb = b.violations.map((v) => v.id);
  if (json(va) !== json(vb)) diffs.push({ what: 'violations', a: va, b: vb });
  if (diffs.length === 0) return null;
  const fa = calledFns(a.events);
  const fb = calledFns(b.events);
  // What the line names besides the result: the first PTE that differs, else the first page.
  const firstPage = firstPte ? undefined : diffs.find((d) => d.what.startsWith('page '));
  const pageText = (v: unknown): string => {
    const p = v as PageView | null;
    return p ? `${firstPage?.what ?? ''} ref ${p.refcount} map ${p.mapcount}` : 'no page';
  };
  const side = (era: Era, f: Frame, pte: ContractPte | undefined, page: unknown): string =>
    `${era} ${describeResult(op, f.result)}${pte ? `, ${describePte(pte)}` : firstPage ? `, ${pageText(page)}` : ''}`;
  const index = a.index - 1;
  // The line counts steps as the transport does (boot is step 0, steps[i] is step i + 1); `index`
  // stays the contract's index into the file's `steps`.
  const summary = `step ${index + 1}: ${side(eras[0], a, firstPte?.a, firstPage?.a)} · ${side(eras[1], b, firstPte?.b, firstPage?.b)}`;
  const id = a.id ?? undefined;
  return {
    index,
    op,
    ...(id !== undefined ? { id } : {}),
    summary,
    differences: diffs,
    events: { a: [...fa].filter((f) => !fb.has(f)), b: [...fb].filter((f) => !fa.has(f)) },
  };
}

export function compareFrames(a: Frames, b: Frames, eras: readonly [Era, Era]): StepComparison[] {
  const out: StepComparison[] = [];
  for (let i = 1; i < Math.min(a.length, b.length); i++) {
    const fa = frameAt(a, i);
    const fb = frameAt(b, i);
    if (!fa || !fb) continue;
    const c = compareStep(fa, fb, eras);
    if (c) out.push(c);
  }
  return out;
}

/**
 * Run the scenario once per era (the file's own era is overridden) and compare. Both traces run in
 * step, frame by frame, so only the differences are kept, never two whole traces (a 100,000-step
 * scenario, issue 12).
 */
export function compareEras(input: ScenarioInput, eras: readonly [Era, Era]): EraComparison {
  const a = traceScenario({ ...input, era: eras[0] });
  const b = traceScenario({ ...input, era: eras[1] });
  const steps: StepComparison[] = [];
  for (let fa = a.next(), fb = b.next(); fa.done !== true && fb.done !== true;) {
    if (fa.value.index > 0) {
      const c = compareStep(fa.value, fb.value, eras);
      if (c) steps.push(c);
    }
    fa = a.next();
    fb = b.next();
  }
  return { schema: COMPARE_SCHEMA, eras: [eras[0], eras[1]], steps };
}
