import { describe, expect, it } from 'vitest';
import { createReadFilter } from './read-filter';

describe('createReadFilter (continuous scanning cool-down)', () => {
  it('reads a label held in view once, however many frames show it', () => {
    const filter = createReadFilter(1500);
    const reads = [0, 100, 200, 1400, 2800, 4000].map((at) => filter.accept('DEV-00001', at));
    expect(reads).toEqual([true, false, false, false, false, false]);
  });

  it('reads it again once it was out of sight longer than the cool-down', () => {
    const filter = createReadFilter(1500);
    expect(filter.accept('DEV-00001', 0)).toBe(true);
    expect(filter.accept('DEV-00001', 1400)).toBe(false);
    expect(filter.accept('DEV-00001', 3000)).toBe(true);
  });

  it('takes different codes at once', () => {
    const filter = createReadFilter(1500);
    expect([filter.accept('A', 0), filter.accept('B', 10), filter.accept('A', 20)]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
