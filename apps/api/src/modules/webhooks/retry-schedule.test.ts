import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOKS_CONFIG } from './webhooks-config';
import { nextRetryDelayMs } from './retry-schedule';

const first = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(first.getTime() + ms);

describe('webhook retry schedule', () => {
  it('doubles the ceiling from 30 s to at most 2 h, drawing below it (full jitter)', () => {
    const top = () => 0.999999;
    const ceilings = [1, 2, 3, 4, 8, 9, 10, 20].map((n) =>
      Math.round(nextRetryDelayMs(n, first, first, DEFAULT_WEBHOOKS_CONFIG, top)! / 1000),
    );
    expect(ceilings).toEqual([30, 60, 120, 240, 3840, 7200, 7200, 7200]);
    expect(nextRetryDelayMs(5, first, first, DEFAULT_WEBHOOKS_CONFIG, () => 0)).toBe(0);
    expect(nextRetryDelayMs(5, first, first, DEFAULT_WEBHOOKS_CONFIG, () => 0.5)).toBe(240_000);
  });

  it('stops once the next attempt would fall past 24 h after the first', () => {
    const day = DEFAULT_WEBHOOKS_CONFIG.retryForMs;
    expect(
      nextRetryDelayMs(30, first, at(day - 10_000), DEFAULT_WEBHOOKS_CONFIG, () => 0.001),
    ).not.toBeNull();
    expect(nextRetryDelayMs(30, first, at(day - 1_000), DEFAULT_WEBHOOKS_CONFIG, () => 0.5)).toBeNull();
    expect(nextRetryDelayMs(1, first, at(day + 1), DEFAULT_WEBHOOKS_CONFIG, () => 0)).toBeNull();
  });
});
