import { describe, expect, it } from 'vitest';
import { DomainError } from './error-codes.js';
import { SerialStatus } from './statuses.js';
import { SERIAL_OPERATIONS, canApply, targetStatus, type SerialOperation } from './transitions.js';

const ALL_STATUSES = Object.values(SerialStatus);

describe('SERIAL_OPERATIONS', () => {
  it.each<[SerialOperation, SerialStatus | null, SerialStatus]>([
    ['RECEIVE', null, 'IN_STOCK'],
    ['SHIP', 'IN_STOCK', 'SHIPPED'],
    ['RETURN_RESALABLE', 'SHIPPED', 'IN_STOCK'],
    ['RETURN_DEFECTIVE', 'SHIPPED', 'ON_HOLD'],
    ['TRANSFER', 'IN_STOCK', 'IN_STOCK'],
    ['TRANSFER', 'ON_HOLD', 'ON_HOLD'],
    ['WRITE_OFF', 'IN_STOCK', 'WRITTEN_OFF'],
    ['WRITE_OFF', 'ON_HOLD', 'WRITTEN_OFF'],
    ['HOLD', 'IN_STOCK', 'ON_HOLD'],
    ['RELEASE', 'ON_HOLD', 'IN_STOCK'],
    ['REPAIR_INTAKE', 'SHIPPED', 'IN_REPAIR'],
    ['REPAIR_RELEASE', 'IN_REPAIR', 'SHIPPED'],
    ['REPLACE_OUT', 'IN_REPAIR', 'ON_HOLD'],
    ['REPLACEMENT_SHIP', 'IN_STOCK', 'SHIPPED'],
  ])('%s moves a unit from %s to %s', (op, from, to) => {
    expect(canApply(op, from)).toBe(true);
    expect(targetStatus(op, from)).toBe(to);
  });

  it('records each operation with the movement and document the contract names', () => {
    expect(SERIAL_OPERATIONS.RECEIVE).toMatchObject({ movement: 'RECEIVED', document: 'RECEIPT' });
    expect(SERIAL_OPERATIONS.RETURN_DEFECTIVE).toMatchObject({
      movement: 'RETURNED',
      document: 'SALES_RETURN',
    });
    expect(SERIAL_OPERATIONS.REPLACE_OUT).toMatchObject({ movement: 'REPLACED', document: 'REPAIR_RELEASE' });
    expect(SERIAL_OPERATIONS.REPLACEMENT_SHIP).toMatchObject({
      movement: 'REPAIR_RELEASE',
      document: 'REPAIR_RELEASE',
    });
    expect(SERIAL_OPERATIONS.CORRECT_NUMBER).toMatchObject({
      movement: 'NUMBER_CORRECTED',
      document: 'SERIAL_CORRECTION',
    });
  });

  it('corrects a number in any status without changing the status', () => {
    for (const status of ALL_STATUSES) expect(targetStatus('CORRECT_NUMBER', status)).toBe(status);
  });

  it('changes an internal code in any status without changing the status, under a correction document', () => {
    for (const status of ALL_STATUSES) expect(targetStatus('CHANGE_INTERNAL_CODE', status)).toBe(status);
    expect(SERIAL_OPERATIONS.CHANGE_INTERNAL_CODE).toMatchObject({
      movement: 'INTERNAL_CODE_CHANGED',
      document: 'SERIAL_CORRECTION',
    });
  });
});

describe('refused transitions', () => {
  it('refuses to receive a unit that is already recorded, whatever its status', () => {
    for (const status of ALL_STATUSES) expect(canApply('RECEIVE', status)).toBe(false);
  });

  it('refuses every operation but receiving on a unit not yet recorded', () => {
    for (const op of Object.keys(SERIAL_OPERATIONS) as SerialOperation[]) {
      expect(canApply(op, null)).toBe(op === 'RECEIVE');
    }
  });

  it.each<[SerialOperation, SerialStatus]>([
    ['SHIP', 'ON_HOLD'],
    ['SHIP', 'SHIPPED'],
    ['SHIP', 'IN_REPAIR'],
    ['RETURN_RESALABLE', 'IN_STOCK'],
    ['TRANSFER', 'IN_REPAIR'],
    ['TRANSFER', 'SHIPPED'],
    ['WRITE_OFF', 'WRITTEN_OFF'],
    ['WRITE_OFF', 'IN_REPAIR'],
    ['HOLD', 'ON_HOLD'],
    ['RELEASE', 'IN_STOCK'],
    ['REPAIR_INTAKE', 'IN_STOCK'],
    ['REPAIR_RELEASE', 'SHIPPED'],
    ['REPLACEMENT_SHIP', 'ON_HOLD'],
  ])('refuses %s on a unit that is %s', (op, status) => {
    expect(canApply(op, status)).toBe(false);
    expect(() => targetStatus(op, status)).toThrow(DomainError);
  });

  it('refuses with SERIAL_NOT_AVAILABLE and says which operation and status clashed', () => {
    try {
      targetStatus('SHIP', 'WRITTEN_OFF');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'SERIAL_NOT_AVAILABLE',
        details: { operation: 'SHIP', status: 'WRITTEN_OFF' },
      });
    }
  });

  it('never lets a written-off unit change status again', () => {
    for (const op of Object.keys(SERIAL_OPERATIONS) as SerialOperation[]) {
      if (canApply(op, 'WRITTEN_OFF')) expect(targetStatus(op, 'WRITTEN_OFF')).toBe('WRITTEN_OFF');
    }
  });
});
