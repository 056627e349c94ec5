import { describe, expect, it } from 'vitest';
import { defaultMessages, mergeMessages } from './messages';

describe('mergeMessages', () => {
  it('replaces only the keys an override names, keeping every English default', () => {
    const merged = mergeMessages(defaultMessages, { timeline: { empty: 'Nothing yet' } });
    expect(merged.timeline.empty).toBe('Nothing yet');
    expect(merged.timeline.loading).toBe(defaultMessages.timeline.loading);
    expect(merged.serialStatus).toBe(defaultMessages.serialStatus);
  });

  it('lets later overrides win over earlier ones', () => {
    const merged = mergeMessages(
      defaultMessages,
      { serialStatus: { ON_HOLD: 'Blocked' } },
      { serialStatus: { ON_HOLD: 'Quarantined' } },
    );
    expect(merged.serialStatus.ON_HOLD).toBe('Quarantined');
    expect(merged.serialStatus.IN_STOCK).toBe('In stock');
  });

  it('does not mutate the defaults', () => {
    mergeMessages(defaultMessages, { timeline: { retry: 'Again' } });
    expect(defaultMessages.timeline.retry).toBe('Try again');
  });
});
