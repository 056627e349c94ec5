// The strings of ReceiveSerialsForm, kept beside the widget and merged into SerialgraphMessages as
// `receive`. Functions receive values already formatted for the locale.
import type { SerialProblem } from './receive-serials-form.rules';

/** Counts a message may mention, raw and formatted for the locale. */
export interface CountText {
  count: number;
  formatted: string;
}

/** Strings of ReceiveSerialsForm. */
export interface ReceiveSerialsFormMessages {
  /** Accessible name of the form. */
  formLabel: string;
  /** Heading: the product being received. */
  title: (product: string, sku: string) => string;
  loadingProduct: string;
  productError: string;
  notTracked: string;
  /** The product's serial format, shown under the heading. */
  formatHint: (format: string) => string;
  /** Label of the scan/type/paste field. */
  inputLabel: string;
  inputPlaceholder: string;
  /** Description of the field: scanning, pasting, ranges. */
  inputHint: string;
  /** Button adding what is in the field (for pointer users; Enter does the same). */
  add: string;
  /** Accessible name of the rows. */
  listLabel: string;
  /** Description of the rows' keys. */
  listHint: string;
  /** Column headers. */
  columnNumber: string;
  columnVerdict: string;
  columnActions: string;
  empty: string;
  // Verdicts, shown on each row.
  ok: string;
  checking: string;
  unchecked: string;
  /** `row` is the 1-based position of the first occurrence, when known. */
  duplicate: (row: string | undefined) => string;
  exists: string;
  invalid: (problem: SerialProblem | undefined, format: string | null) => string;
  /** Appended to a verdict the server gave when it refused the last submit. */
  refusedNote: string;
  edit: (number: string) => string;
  editLabel: (number: string) => string;
  remove: (number: string) => string;
  clear: string;
  submit: (count: CountText) => string;
  submitting: string;
  checkAgain: string;
  /** The counter: units accepted, against the expected quantity when there is one. */
  counter: (accepted: CountText, expected: CountText | undefined) => string;
  /** What is left to reach the expected quantity; negative `missing` means too many. */
  missing: (missing: CountText) => string;
  /** Rows to fix. */
  toFix: (bad: CountText) => string;
  // Announcements (live region).
  announceOne: (number: string, verdict: string) => string;
  announceMany: (added: CountText, ok: CountText, bad: CountText, checking: CountText) => string;
  announceRemoved: (number: string) => string;
  announceCleared: string;
  announceBlocked: (bad: CountText) => string;
  announceNothing: string;
  /** `document` is empty when the host's `onSubmit` resolved without one (e.g. saved to send later). */
  announceReceived: (document: string, units: CountText) => string;
  announceRefused: (rows: CountText) => string;
  /** A scanned barcode of another product, which the host selected. */
  announceProductScanned: (sku: string, name: string) => string;
  /** A scanned barcode of the product being received. */
  announceSameProduct: (sku: string) => string;
  /** A scanned barcode of another product, with no host to select it: not added. */
  announceNotASerial: (sku: string, name: string) => string;
  /** A refusal that names no row (e.g. a missing warehouse): the server's message by default. */
  refused: (code: string, serverMessage: string) => string;
  submitFailed: string;
}

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

const problemText: Record<SerialProblem, string> = {
  EMPTY: 'Empty number.',
  TOO_LONG: 'Longer than 64 characters.',
  WHITESPACE: 'Contains a space.',
  CONTROL_CHAR: 'Contains an invisible or control character.',
  FORMAT_MISMATCH: "Does not match the product's serial format.",
  CHECK_DIGIT: 'Wrong check digit: a digit is probably mistyped or misread.',
  RANGE: 'Not a valid range: both ends need the same prefix, suffix and padding, lower first.',
};

/** English defaults of ReceiveSerialsForm. */
export const defaultReceiveMessages: ReceiveSerialsFormMessages = {
  formLabel: 'Receive serial numbers',
  title: (product, sku) => `Receive ${product} (${sku})`,
  loadingProduct: 'Loading the product…',
  productError: 'The product could not be loaded.',
  notTracked: 'This product is not serial-tracked: receive it as a quantity instead.',
  formatHint: (format) => `Serial format: ${format}`,
  inputLabel: 'Serial numbers',
  inputPlaceholder: 'Scan, type + Enter, or paste a list',
  inputHint:
    'Scan or type a number and press Enter. Paste a list (new lines, commas, tabs or spaces). Ranges: DEV-00121..DEV-00125 or DEV-00121+4.',
  add: 'Add',
  listLabel: 'Entered serial numbers',
  listHint: '↑ ↓ move between rows, Enter edits, Delete removes.',
  columnNumber: 'Serial number',
  columnVerdict: 'Check',
  columnActions: 'Actions',
  empty: 'No serial numbers yet.',
  ok: 'OK',
  checking: 'Checking…',
  unchecked: 'Not checked: the server could not be reached.',
  duplicate: (row) => (row ? `Already in the list (row ${row}).` : 'Already in the list.'),
  exists: 'Already recorded for this product.',
  invalid: (problem, format) =>
    problem === 'FORMAT_MISMATCH' && format
      ? `Does not match the product's format ${format}.`
      : problemText[problem ?? 'FORMAT_MISMATCH'],
  refusedNote: 'Refused by the server.',
  edit: (number) => `Edit ${number}`,
  editLabel: (number) => `New value for ${number}`,
  remove: (number) => `Remove ${number}`,
  clear: 'Remove all',
  submit: ({ count, formatted }) => `Receive ${formatted} ${plural(count, 'unit', 'units')}`,
  submitting: 'Receiving…',
  checkAgain: 'Check again',
  counter: (accepted, expected) =>
    expected ? `${accepted.formatted} of ${expected.formatted} scanned` : `${accepted.formatted} scanned`,
  missing: ({ count, formatted }) =>
    count > 0
      ? `${formatted} still missing`
      : count < 0
        ? `${formatted.replace(/^[-−]/, '')} more than expected`
        : 'All expected units scanned',
  toFix: ({ formatted }) => `${formatted} to fix`,
  announceOne: (number, verdict) => `${number}: ${verdict}`,
  announceMany: (added, ok, bad, checking) =>
    `Added ${added.formatted} ${plural(added.count, 'number', 'numbers')}: ${ok.formatted} OK, ` +
    `${bad.formatted} to fix${checking.count > 0 ? `, ${checking.formatted} being checked` : ''}.`,
  announceRemoved: (number) => `${number} removed.`,
  announceCleared: 'All numbers removed.',
  announceBlocked: ({ count, formatted }) =>
    `Fix or remove the ${count === 1 ? 'marked number' : `${formatted} marked numbers`} first.`,
  announceNothing: 'Scan at least one serial number first.',
  announceReceived: (document, units) =>
    `Received ${units.formatted} ${plural(units.count, 'unit', 'units')}${document ? ` as ${document}` : ''}.`,
  announceRefused: ({ count, formatted }) =>
    `The server refused ${count === 1 ? 'one number' : `${formatted} numbers`}; ${count === 1 ? 'it is' : 'they are'} marked.`,
  refused: (_code, serverMessage) => serverMessage,
  submitFailed: 'The receipt could not be sent. Check the connection and try again.',
  announceProductScanned: (sku, name) => `Barcode of ${sku} · ${name}: product selected.`,
  announceSameProduct: (sku) => `That is the barcode of ${sku}; scan each unit's serial number.`,
  announceNotASerial: (sku, name) =>
    `That is the barcode of ${sku} · ${name}, not a serial number: not added.`,
};
