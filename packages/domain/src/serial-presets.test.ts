import { describe, expect, it } from 'vitest';
import { DomainError } from './error-codes.js';
import { assertSerialsWellFormed, checkSerialsLocally } from './serial-check.js';
import { productSerialFormat } from './product-serial-format.js';
import { gs1CheckDigitValid, luhnValid } from './check-digits.js';
import { assertOneSerialRule, SerialPreset, serialPresetFormat, serialSpellings } from './serial-presets.js';

const imei = serialPresetFormat(SerialPreset.IMEI);
const mac = serialPresetFormat(SerialPreset.MAC_48);

describe('IMEI preset', () => {
  it.each(['490154203237518', '356938035643809', '352099001761481'])('accepts %s', (n) => {
    expect(imei.check(n)).toBeNull();
  });

  it('refuses a mistyped digit as a check-digit problem', () => {
    expect(imei.check('490154203237519')).toBe('CHECK_DIGIT');
    // Two adjacent digits swapped (the commonest typo) also breaks Luhn.
    expect(imei.check('491054203237518')).toBe('CHECK_DIGIT');
  });

  it.each(['49015420323751', '4901542032375180', '49015420323751A', '490154-203237518'])(
    'refuses the wrong shape %s',
    (n) => expect(imei.check(n)).toBe('FORMAT_MISMATCH'),
  );

  it('names the reason in the refusal: check digit', () => {
    let error: unknown;
    try {
      assertSerialsWellFormed(['490154203237518', '490154203237519', '12'], imei);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const refused = error as DomainError;
    expect(refused.code).toBe('INVALID_SERIAL_FORMAT');
    expect(refused.serials).toEqual(['490154203237519', '12']);
    expect(refused.message).toContain('check digit');
    expect(refused.details).toEqual({
      problems: [
        { serial: '490154203237519', problem: 'CHECK_DIGIT' },
        { serial: '12', problem: 'FORMAT_MISMATCH' },
      ],
    });
  });

  it('gives the reason to the local (widget) check', () => {
    expect(checkSerialsLocally(['490154203237519'], imei)).toEqual([
      { number: '490154203237519', issue: 'INVALID_FORMAT', problem: 'CHECK_DIGIT' },
    ]);
  });
});

describe('MAC-48 preset', () => {
  it.each(['aa-bb-cc-dd-ee-ff', 'AA:BB:CC:DD:EE:FF', 'aabbccddeeff', 'aA:bB:cC:Dd:eE:Ff'])(
    'records %s as AA:BB:CC:DD:EE:FF',
    (n) => {
      expect(mac.check(n)).toBeNull();
      expect(mac.normalize(n)).toBe('AA:BB:CC:DD:EE:FF');
    },
  );

  it.each([
    'aa:bb-cc:dd:ee:ff',
    'aa:bb:cc:dd:ee',
    'aa:bb:cc:dd:ee:fg',
    'aa:bb:cc:dd:ee:ff:00',
    'a:bb:cc:dd:ee:fff',
  ])('refuses %s', (n) => expect(mac.check(n)).toBe('FORMAT_MISMATCH'));

  it('treats two spellings of one address as the same unit (a repeat in one list)', () => {
    expect(checkSerialsLocally(['aa-bb-cc-dd-ee-ff', 'AA:BB:CC:DD:EE:FF'], mac)).toEqual([
      { number: 'AA:BB:CC:DD:EE:FF', issue: null, problem: null },
      { number: 'AA:BB:CC:DD:EE:FF', issue: 'DUPLICATE_IN_INPUT', problem: null },
    ]);
  });
});

describe('GTIN presets', () => {
  it.each([
    ['GTIN_8', '96385074'],
    ['GTIN_8', '40170725'],
    ['GTIN_12', '036000291452'],
    ['GTIN_12', '012345678905'],
    ['GTIN_13', '4006381333931'],
    ['GTIN_13', '5901234123457'],
    ['GTIN_14', '10012345678902'],
    ['GTIN_14', '00012345600012'],
  ] as const)('%s accepts %s', (preset, n) => {
    expect(serialPresetFormat(SerialPreset[preset]).check(n)).toBeNull();
  });

  it.each([
    ['GTIN_8', '96385075'],
    ['GTIN_12', '036000291453'],
    ['GTIN_13', '4006381333932'],
    ['GTIN_14', '10012345678903'],
  ] as const)('%s refuses the wrong check digit of %s', (preset, n) => {
    expect(serialPresetFormat(SerialPreset[preset]).check(n)).toBe('CHECK_DIGIT');
  });

  it('refuses a GTIN of another length', () => {
    expect(serialPresetFormat(SerialPreset.GTIN_13).check('96385074')).toBe('FORMAT_MISMATCH');
  });

  it('computes the check digits by the book', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(gs1CheckDigitValid('4006381333931')).toBe(true);
  });
});

describe('a product picks a preset or a pattern', () => {
  it('refuses both at once', () => {
    expect(() => assertOneSerialRule({ serialFormat: 'A\\d+', serialPreset: 'IMEI' })).toThrow(
      /either serialPreset or serialFormat/,
    );
    expect(() => assertOneSerialRule({ serialFormat: null, serialPreset: 'IMEI' })).not.toThrow();
  });

  it('compiles the preset when there is one, else the pattern', () => {
    expect(productSerialFormat({ serialPreset: 'IMEI' })?.test('490154203237518')).toBe(true);
    expect(productSerialFormat({ serialFormat: 'A\\d' })?.test('A1')).toBe(true);
    expect(productSerialFormat({})).toBeNull();
  });
});

describe('serialSpellings (lookups across products)', () => {
  it('adds the MAC-48 spelling of an address typed another way', () => {
    expect(serialSpellings(' aa-bb-cc-dd-ee-ff ')).toEqual(['aa-bb-cc-dd-ee-ff', 'AA:BB:CC:DD:EE:FF']);
    expect(serialSpellings('AA:BB:CC:DD:EE:FF')).toEqual(['AA:BB:CC:DD:EE:FF']);
    expect(serialSpellings('device-00121')).toEqual(['device-00121']);
  });
});
