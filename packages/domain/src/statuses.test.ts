import { describe, expect, it } from 'vitest';
import {
  DocumentType,
  IN_STORAGE_STATUSES,
  MovementType,
  SerialCheckIssue,
  SerialStatus,
  isInStorage,
} from './statuses.js';

describe('status enums', () => {
  it('use the contract enum values as strings', () => {
    expect(Object.values(SerialStatus)).toEqual([
      'IN_STOCK',
      'ON_HOLD',
      'IN_REPAIR',
      'SHIPPED',
      'WRITTEN_OFF',
    ]);
    expect(Object.keys(MovementType)).toHaveLength(12);
    expect(Object.keys(DocumentType)).toHaveLength(10);
    expect(SerialCheckIssue.DUPLICATE_IN_INPUT).toBe('DUPLICATE_IN_INPUT');
  });
});

describe('isInStorage', () => {
  it('counts units in stock, on hold and in repair as in storage', () => {
    expect(IN_STORAGE_STATUSES).toEqual(['IN_STOCK', 'ON_HOLD', 'IN_REPAIR']);
    for (const status of IN_STORAGE_STATUSES) expect(isInStorage(status)).toBe(true);
  });

  it('does not count shipped or written-off units as in storage', () => {
    expect(isInStorage('SHIPPED')).toBe(false);
    expect(isInStorage('WRITTEN_OFF')).toBe(false);
  });
});
