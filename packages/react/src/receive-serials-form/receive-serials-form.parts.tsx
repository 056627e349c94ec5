import { createPart } from '../common/create-part';

// Unstyled parts of ReceiveSerialsForm: each renders exactly one element with a stable
// `sg-receive-…` class. Compose them with useReceiveSerials to build a custom form.

/** `<div class="sg-root sg-panel sg-receive" role="form">`: carries data-state, data-activity, data-counter. */
export const ReceiveRoot = createPart('div', 'sg-root sg-panel sg-receive', 'ReceiveRoot');
/** `<div>` the product heading and its serial format. */
export const ReceiveHeader = createPart('div', 'sg-receive-header', 'ReceiveHeader');
/** `<p>` a secondary line: the serial format, a field description. */
export const ReceiveHint = createPart('p', 'sg-hint sg-receive-hint', 'ReceiveHint');
/** `<div>` the scan/type/paste field with its label and button. */
export const ReceiveEntry = createPart('div', 'sg-field sg-receive-entry', 'ReceiveEntry');
/** `<label>` of the field. */
export const ReceiveLabel = createPart('label', 'sg-label sg-receive-label', 'ReceiveLabel');
/** `<input>` scan, type + Enter, or paste. */
export const ReceiveInput = createPart('input', 'sg-input sg-receive-input', 'ReceiveInput');
/** `<div>` the counter: scanned vs expected, still missing, to fix. */
export const ReceiveCounter = createPart('div', 'sg-receive-counter', 'ReceiveCounter');
/** `<div role="status">` the live region: each verdict and the counter. */
export const ReceiveAnnouncer = createPart('div', 'sg-live sg-receive-announcer', 'ReceiveAnnouncer');
/** `<div role="grid">` the entered numbers. */
export const ReceiveGrid = createPart('div', 'sg-receive-grid', 'ReceiveGrid');
/** `<div role="rowgroup">` the scroll container of the virtualized rows. */
export const ReceiveRows = createPart('div', 'sg-scroller sg-receive-rows', 'ReceiveRows');
/** `<div role="row">` one number; data-verdict, data-refused, data-active. */
export const ReceiveRow = createPart('div', 'sg-virtual-row sg-receive-row', 'ReceiveRow');
/** `<div role="gridcell">` a cell of a row. */
export const ReceiveCell = createPart('div', 'sg-receive-cell', 'ReceiveCell');
/** `<span class="sg-badge">` a row's verdict; data-verdict, data-tone. */
export const ReceiveVerdict = createPart('span', 'sg-badge sg-receive-verdict', 'ReceiveVerdict');
/** `<div>` submit, remove all, check again. */
export const ReceiveActions = createPart('div', 'sg-receive-actions', 'ReceiveActions');
/** `<p>` loading, empty, error and refusal messages. */
export const ReceiveMessage = createPart('p', 'sg-message sg-receive-message', 'ReceiveMessage');
