/**
 * Predict mode: before each step is shown, the student answers a question about it. The answers
 * given so far live here (by frame index), apart from the document store: they are the student's,
 * not the scenario's, and a new scenario starts them afresh.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export interface PredictState {
  readonly on: boolean;
  /** Chosen answer id per frame index, for the trace in `trace`. */
  readonly picked: Readonly<Record<number, string>>;
  /** The trace the answers belong to (identity). */
  readonly trace: unknown;
}

export const predict = createStore<PredictState>()(() => ({ on: false, picked: {}, trace: null }));

export function usePredict<T>(selector: (s: PredictState) => T): T {
  return useStore(predict, selector);
}

export function setPredicting(on: boolean): void {
  predict.setState({ on });
}

/** Record an answer; answers for another trace are dropped first. */
export function answer(trace: unknown, step: number, choice: string): void {
  const s = predict.getState();
  const picked = s.trace === trace ? s.picked : {};
  if (picked[step] !== undefined) return;
  predict.setState({ trace, picked: { ...picked, [step]: choice } });
}

/** `predict=1` in the query: a lecturer's link that opens in predict mode. */
export function predictRequested(search: string): boolean {
  return new URLSearchParams(search).get('predict') === '1';
}

/** The same page address with `predict=1` added to its query (the fragment is kept as given). */
export function predictLink(origin: string, pathname: string, fragment: string): string {
  return `${origin}${pathname}?predict=1${fragment}`;
}
