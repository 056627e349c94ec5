import { describe, expect, it } from 'vitest';
import { validateLineQuantity } from './quantity.js';

describe('validateLineQuantity', () => {
  it('accepts a tracked line with one serial per unit', () => {
    expect(validateLineQuantity({ tracked: true, quantity: 3, serialCount: 3 })).toBeNull();
  });

  it('accepts an untracked line without serials', () => {
    expect(validateLineQuantity({ tracked: false, quantity: 5, serialCount: null })).toBeNull();
    expect(validateLineQuantity({ tracked: false, quantity: 5, serialCount: 0 })).toBeNull();
  });

  it('refuses a quantity that is not a positive integer', () => {
    for (const quantity of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(validateLineQuantity({ tracked: false, quantity, serialCount: null })).toBe('BAD_USER_INPUT');
    }
    expect(validateLineQuantity({ tracked: true, quantity: 0, serialCount: 0 })).toBe('BAD_USER_INPUT');
  });

  it('refuses a tracked line without serials', () => {
    expect(validateLineQuantity({ tracked: true, quantity: 2, serialCount: null })).toBe('SERIALS_REQUIRED');
    expect(validateLineQuantity({ tracked: true, quantity: 2, serialCount: 0 })).toBe('SERIALS_REQUIRED');
  });

  it('refuses serials on an untracked line', () => {
    expect(validateLineQuantity({ tracked: false, quantity: 1, serialCount: 1 })).toBe('SERIALS_NOT_ALLOWED');
  });

  it('refuses a tracked line whose quantity differs from its serial count', () => {
    expect(validateLineQuantity({ tracked: true, quantity: 3, serialCount: 2 })).toBe(
      'SERIAL_COUNT_MISMATCH',
    );
    expect(validateLineQuantity({ tracked: true, quantity: 1, serialCount: 2 })).toBe(
      'SERIAL_COUNT_MISMATCH',
    );
  });
});
