import { describe, expect, it } from 'vitest';
import type { SerialPickerCheckQuery } from '../generated/graphql';
import { elsewhere, mainWarehouse, stockUnit } from './serial-picker.fixtures';
import { explainCheck, findByNumber, pickableStatuses, pickerFilter } from './serial-picker.rules';

type Check = SerialPickerCheckQuery['checkSerials'][number];
const check = (serial: Check['serial'], issue: Check['issue'] = 'NOT_AVAILABLE'): Check => ({
  __typename: 'SerialCheck',
  number: serial?.number ?? 'X-1',
  ok: issue === null,
  issue,
  serial,
});
const ship = { mode: 'SHIP' as const, productId: 'P', warehouseId: mainWarehouse.id };

describe('SerialPicker rules', () => {
  it('lists in-stock units for shipping, held ones too for transfers, shipped ones for returns', () => {
    expect(pickableStatuses('SHIP')).toEqual(['IN_STOCK']);
    expect(pickableStatuses('TRANSFER')).toEqual(['IN_STOCK', 'ON_HOLD']);
    expect(pickableStatuses('RETURN')).toEqual(['SHIPPED']);
    expect(pickableStatuses('HOLD')).toEqual(['IN_STOCK']);
    expect(pickableStatuses('RELEASE')).toEqual(['ON_HOLD']);
    expect(pickableStatuses('WRITE_OFF')).toEqual(['IN_STOCK', 'ON_HOLD']);
  });

  it('filters by product and warehouse, or by the shipment in return mode, with the search', () => {
    expect(pickerFilter(ship, 'sn-1')).toEqual({
      statuses: ['IN_STOCK'],
      productId: 'P',
      warehouseId: mainWarehouse.id,
      search: 'sn-1',
    });
    expect(pickerFilter({ mode: 'RETURN', shipmentId: 'S', warehouseId: 'W' })).toEqual({
      statuses: ['SHIPPED'],
      returnableFromShipmentId: 'S',
    });
  });

  it('finds a number case-insensitively', () => {
    expect(findByNumber([{ number: 'SN-000001' }], 'sn-000001')).toEqual({ number: 'SN-000001' });
    expect(findByNumber([{ number: 'SN-000001' }], 'SN-000002')).toBeUndefined();
  });

  it('explains why a scanned unit cannot be shipped', () => {
    expect(explainCheck(ship, check(null, 'INVALID_FORMAT')).kind).toBe('invalid');
    expect(explainCheck(ship, check(null, 'NOT_FOUND')).kind).toBe('not-found');
    expect(explainCheck(ship, check(elsewhere.otherWarehouse)).kind).toBe('other-warehouse');
    expect(explainCheck(ship, check(elsewhere.shipped)).kind).toBe('shipped');
    expect(explainCheck(ship, check(elsewhere.onHold)).kind).toBe('on-hold');
    expect(explainCheck(ship, check(elsewhere.inRepair)).kind).toBe('in-repair');
    expect(explainCheck(ship, check(elsewhere.writtenOff)).kind).toBe('written-off');
    expect(explainCheck(ship, check(stockUnit(0, 10), null)).kind).toBe('pickable');
  });

  it('lets a transfer take a held unit the SHIP check calls unavailable', () => {
    const verdict = explainCheck({ ...ship, mode: 'TRANSFER' }, check(elsewhere.onHold));
    expect(verdict).toEqual({ kind: 'pickable', serial: elsewhere.onHold });
  });
});
