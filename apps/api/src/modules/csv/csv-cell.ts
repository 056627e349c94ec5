/**
 * CSV injection (formula injection): a spreadsheet opening the export runs a cell that starts with
 * `=`, `+`, `-` or `@` as a formula, and tab or carriage return can smuggle one in. As OWASP
 * recommends, such a cell is written with a leading single quote (`'=1+1`), which spreadsheets show
 * as text; every other cell is written as it is. Quoting of commas, quotes and line breaks is
 * csv-stringify's (RFC 4180).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: string | null): string {
  if (value === null) return '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}
