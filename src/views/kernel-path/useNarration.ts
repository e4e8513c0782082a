/**
 * The step's narration: its note, or words generated from what the model did (generatedNote).
 * Generating reads every PTE and page the step touched, so a bulk step (the bench's 65,536-page
 * write: 40-50 ms in Chromium) would hold the step's own task past 50 ms. For such a step the
 * narration is rendered as a deferred value: the step's frame shows at once, and its words follow
 * in React's next render, one task later. Ordinary steps are narrated in the step's render, as
 * before. Each frame's words are generated once (stepping back and forth reuses them).
 */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { Frame } from '../../store/model';

type Generator = (prev: Frame, frame: Frame) => string;

/** generatedNote, once its module has loaded (it is not in the first screen's bundle). */
let generate: Generator | null = null;
let loading: Promise<void> | null = null;

/** Loads the narration generator (once); the hook re-renders when it is there. */
export function loadGenerator(): Promise<void> {
  loading ??= import('../../lesson/generatedNote').then(
    (m) => {
      generate = m.generatedNote;
    },
    () => {
      // Offline without the chunk: say so in the narration's place rather than wait forever.
      generate = () =>
        'The generated narration could not be loaded; the kernel path below shows what ran.';
    },
  );
  return loading;
}

/** Touched PTEs and pages above which a step's words are generated one render late. */
export const BULK_TOUCHES = 4096;

const NOTES = new WeakMap<Frame, string>();

function noteOf(prev: Frame, frame: Frame): string | null {
  const known = NOTES.get(frame);
  if (known !== undefined) return known;
  if (!generate) return null;
  const note = generate(prev, frame);
  NOTES.set(frame, note);
  return note;
}

const isBulk = (f: Frame): boolean =>
  f.touched.ptes.length + f.touched.pfns.length > BULK_TOUCHES && !NOTES.has(f);

export interface Narration {
  /** The words, or null while they are still to come (a bulk step's, or the generator's load). */
  readonly text: string | null;
  /** Generated from the model (the step has no note of its own). */
  readonly generated: boolean;
}

/** `fallback` narrates a frame without an op (the boot frame). */
export function useNarration(frame: Frame, prev: Frame | undefined, fallback: string): Narration {
  const generated = frame.note === null && frame.op !== null && prev !== undefined;
  const bulk = generated && isBulk(frame);
  const now = useMemo(() => ({ frame, prev }), [frame, prev]);
  // Deferred only for a bulk step: an ordinary one schedules no second render.
  const late = useDeferredValue(bulk ? now : null);
  const [, loaded] = useState(0);
  useEffect(() => {
    if (generated && !generate)
      void loadGenerator().then(() => {
        loaded((n) => n + 1);
      });
  }, [generated]);
  if (!generated) return { text: frame.note ?? (frame.op === null ? fallback : ''), generated };
  if (!bulk) return { text: noteOf(prev, frame), generated };
  // A bulk step: its words once the deferred render has caught up with it.
  return {
    text: late?.frame === frame && late.prev ? noteOf(late.prev, late.frame) : null,
    generated,
  };
}
