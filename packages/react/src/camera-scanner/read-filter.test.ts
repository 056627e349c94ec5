import { describe, expect, it } from 'vitest';
import { createReadFilter } from './read-filter';

describe('createReadFilter (continuous scanning cool-down)', () => {
  it('reads a label held in view once, however many frames show it', () => {
    const filter = createReadFilter(1500);
    const reads = [0, 100, 200, 1400, 2800, 4000].map((at) => filter.frame(['DEV-00001'], at));
    expect(reads).toEqual([['DEV-00001'], [], [], [], [], []]);
  });

  it('reads it again once frames showed it missing for longer than the cool-down', () => {
    const filter = createReadFilter(1500);
    expect(filter.frame(['DEV-00001'], 0)).toEqual(['DEV-00001']);
    expect(filter.frame([], 1000)).toEqual([]);
    expect(filter.frame(['DEV-00001'], 1400)).toEqual([]);
    expect(filter.frame([], 2000)).toEqual([]);
    expect(filter.frame([], 3000)).toEqual([]);
    expect(filter.frame(['DEV-00001'], 3100)).toEqual(['DEV-00001']);
  });

  it('does not read a label twice across a stall with no frames read', () => {
    const filter = createReadFilter(1500);
    expect(filter.frame(['DEV-00001'], 0)).toEqual(['DEV-00001']);
    expect(filter.frame(['DEV-00001'], 5000)).toEqual([]);
  });

  it('takes different codes at once, each once per frame', () => {
    const filter = createReadFilter(1500);
    expect(filter.frame(['A', 'B', 'A'], 0)).toEqual(['A', 'B']);
    expect(filter.frame(['A', 'C'], 20)).toEqual(['C']);
  });
});
