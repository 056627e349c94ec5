import { describe, expect, it } from 'vitest';
import {
  gtinCheckDigit,
  gtinKey,
  gtinProblem,
  isValidGtin,
  resolveScanKind,
  ScanKind,
} from './product-barcode.js';

describe('GTIN check digit', () => {
  it('accepts real GTIN-8, UPC-A, EAN-13 and GTIN-14 codes', () => {
    for (const code of ['96385074', '036000291452', '4006381333931', '00012345600012', '10614141000415']) {
      expect({ code, problem: gtinProblem(code) }).toEqual({ code, problem: null });
    }
  });

  it('computes the digit that completes the code', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1);
    expect(gtinCheckDigit('03600029145')).toBe(2);
    expect(gtinCheckDigit('9638507')).toBe(4);
  });

  it('names the problem: a wrong check digit, a wrong length, a letter', () => {
    expect(gtinProblem('4006381333932')).toBe('CHECK_DIGIT');
    expect(gtinProblem('40063813339')).toBe('LENGTH');
    expect(gtinProblem('40063813339A1')).toBe('NOT_DIGITS');
    expect(gtinProblem('')).toBe('NOT_DIGITS');
    expect(isValidGtin('036000291453')).toBe(false);
  });

  it('keys a UPC-A and its EAN-13 form alike', () => {
    expect(gtinKey('036000291452')).toBe(gtinKey('0036000291452'));
    expect(gtinKey('036000291452')).toBe('00036000291452');
  });
});

describe('scan rule', () => {
  it('inside a line of P, a code that is a serial of P is the serial even when it is also a barcode', () => {
    expect(resolveScanKind({ barcodeProductId: 'P', serialProductIds: ['P'], contextProductId: 'P' })).toBe(
      ScanKind.SERIAL,
    );
  });

  it('otherwise a product barcode selects the product', () => {
    expect(resolveScanKind({ barcodeProductId: 'P', serialProductIds: ['P'] })).toBe(ScanKind.PRODUCT);
    expect(resolveScanKind({ barcodeProductId: 'P', serialProductIds: ['Q'], contextProductId: 'P' })).toBe(
      ScanKind.PRODUCT,
    );
  });

  it('a serial alone is the serial; nothing matched is none', () => {
    expect(resolveScanKind({ barcodeProductId: null, serialProductIds: ['Q'], contextProductId: 'P' })).toBe(
      ScanKind.SERIAL,
    );
    expect(resolveScanKind({ barcodeProductId: null, serialProductIds: [] })).toBe(ScanKind.NONE);
  });
});
