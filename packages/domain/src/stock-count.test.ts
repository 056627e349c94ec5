import { describe, expect, it } from 'vitest';
import {
  countScanMessage,
  CountScanVerdict,
  formatStockCountNumber,
  foundFix,
  FoundReason,
  foundReason,
  missingWriteOffReason,
} from './stock-count.js';

describe('stock count rules', () => {
  it('numbers counts like documents', () => {
    expect(formatStockCountNumber(1)).toBe('CNT-000001');
    expect(formatStockCountNumber(1234567)).toBe('CNT-1234567');
    expect(() => formatStockCountNumber(0)).toThrow(RangeError);
  });

  it('says why a found unit was not expected, from where the system thinks it is', () => {
    const here = 'wh-here';
    expect(foundReason(null, here)).toBe(FoundReason.UNKNOWN);
    expect(foundReason({ status: 'IN_STOCK', warehouseId: 'wh-other' }, here)).toBe(
      FoundReason.OTHER_WAREHOUSE,
    );
    expect(foundReason({ status: 'IN_STOCK', warehouseId: here }, here)).toBe(FoundReason.OTHER_PRODUCT);
    expect(foundReason({ status: 'SHIPPED', warehouseId: null }, here)).toBe(FoundReason.OUT_OF_STORAGE);
    expect(foundReason({ status: 'WRITTEN_OFF', warehouseId: null }, here)).toBe(FoundReason.OUT_OF_STORAGE);
    expect(foundReason({ status: 'ON_HOLD', warehouseId: here }, here)).toBe(FoundReason.NOT_AVAILABLE);
    expect(foundReason({ status: 'IN_REPAIR', warehouseId: 'wh-other' }, here)).toBe(
      FoundReason.NOT_AVAILABLE,
    );
  });

  it('fixes only units in stock in another warehouse (a transfer); a person decides the rest', () => {
    expect(foundFix(FoundReason.OTHER_WAREHOUSE)).toBe('TRANSFER');
    for (const reason of [
      FoundReason.UNKNOWN,
      FoundReason.OUT_OF_STORAGE,
      FoundReason.NOT_AVAILABLE,
      FoundReason.OTHER_PRODUCT,
    ])
      expect(foundFix(reason)).toBeNull();
  });

  it('words the write-off reason and every verdict', () => {
    expect(missingWriteOffReason('CNT-000003')).toBe('not found in count CNT-000003');
    for (const verdict of Object.values(CountScanVerdict))
      expect(countScanMessage(verdict, 'A-1')).toMatch(/\S/);
    expect(countScanMessage(CountScanVerdict.PRODUCT_BARCODE, '4006381333931')).toContain('product barcode');
  });
});
