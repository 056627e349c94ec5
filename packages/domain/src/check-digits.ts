/**
 * The two mod-10 check digits serial numbers and barcodes use, written once: Luhn (IMEI, and the
 * `{CHECK}` of number templates) and GS1 (GTIN-8/12/13/14: product barcodes and the GTIN presets).
 * Every function takes decimal digits only.
 */

/** The Luhn check digit to append to `payload`: from the right, every second digit doubled, starting next to the check digit. */
export function luhnCheckDigit(payload: string): number {
  if (!/^\d*$/.test(payload))
    throw new RangeError('Luhn check digits are computed over decimal digits only.');
  let sum = 0;
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = payload.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The GS1 check digit to append to `payload`: weights 3, 1, 3, 1… from its right end. */
export function gs1CheckDigit(payload: string): number {
  if (!/^\d*$/.test(payload)) throw new RangeError('GS1 check digits are computed over decimal digits only.');
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    sum += (payload.charCodeAt(payload.length - 1 - i) - 48) * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is its Luhn check digit. */
export function luhnValid(digits: string): boolean {
  return endsWithCheckDigit(digits, luhnCheckDigit);
}

/** True when the last digit of `digits` is its GS1 check digit. */
export function gs1CheckDigitValid(digits: string): boolean {
  return endsWithCheckDigit(digits, gs1CheckDigit);
}

function endsWithCheckDigit(digits: string, checkDigit: (payload: string) => number): boolean {
  return (
    /^\d+$/.test(digits) && checkDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48
  );
}
