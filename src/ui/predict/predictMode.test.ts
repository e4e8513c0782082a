import { describe, expect, it } from 'vitest';
import { answer, predict, predictLink, predictRequested } from './predictMode';

describe('predict mode', () => {
  it('opens from predict=1 in the query only', () => {
    expect(predictRequested('?predict=1')).toBe(true);
    expect(predictRequested('?x=1&predict=1')).toBe(true);
    expect(predictRequested('?predict=0')).toBe(false);
    expect(predictRequested('')).toBe(false);
  });

  it('adds predict=1 to a link and keeps its fragment', () => {
    expect(predictLink('https://h.example', '/app/', '#v=1&s=x&t=0')).toBe(
      'https://h.example/app/?predict=1#v=1&s=x&t=0',
    );
  });

  it('keeps the first answer of a step, and starts afresh for another trace', () => {
    const a = {};
    answer(a, 1, 'b');
    answer(a, 1, 'c');
    answer(a, 2, 'a');
    expect(predict.getState().picked).toEqual({ 1: 'b', 2: 'a' });
    const b = {};
    answer(b, 1, 'd');
    expect(predict.getState().picked).toEqual({ 1: 'd' });
  });
});
