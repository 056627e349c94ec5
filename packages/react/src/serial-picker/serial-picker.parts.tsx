import { createPart } from '../common/create-part';

// Unstyled parts of SerialPicker: each renders exactly one element with a stable
// `sg-picker-…` class. Compose them with useSerialPicker and useListboxNavigation to build
// a custom picker.

/** `<div class="sg-root sg-panel sg-picker">`: carries data-mode, data-state, data-selection, data-activity. */
export const PickerRoot = createPart('div', 'sg-root sg-panel sg-picker', 'PickerRoot');
/** `<div>` above the list: the search-or-scan field and "pick oldest". */
export const PickerToolbar = createPart('div', 'sg-picker-toolbar', 'PickerToolbar');
/** `<label>` of a field. */
export const PickerLabel = createPart('label', 'sg-label sg-picker-label', 'PickerLabel');
/** `<input>` the search-or-scan field. */
export const PickerSearch = createPart('input', 'sg-input sg-picker-search', 'PickerSearch');
/** `<p>` a field's description. */
export const PickerHint = createPart('p', 'sg-hint sg-picker-hint', 'PickerHint');
/** `<div>` the "how many" field and the "pick oldest" button. */
export const PickerFifo = createPart('div', 'sg-picker-fifo', 'PickerFifo');
/** `<input>` how many oldest units to pick. */
export const PickerCountInput = createPart('input', 'sg-input sg-picker-count-input', 'PickerCountInput');
/** `<div>` the totals: units listed, units picked. */
export const PickerSummary = createPart('div', 'sg-picker-summary', 'PickerSummary');
/** `<div role="status">` the live region of announcements (picked, refused, max reached). */
export const PickerAnnouncer = createPart('div', 'sg-live sg-picker-announcer', 'PickerAnnouncer');
/** `<p>` loading, empty, no-match and error messages. */
export const PickerMessage = createPart('p', 'sg-message sg-picker-message', 'PickerMessage');
/** `<div role="listbox" aria-multiselectable>`: the scroll container of the virtualized options. */
export const PickerListbox = createPart('div', 'sg-scroller sg-picker-listbox', 'PickerListbox');
/** `<div role="option">` one unit; data-picked, data-active, data-status. */
export const PickerOption = createPart('div', 'sg-virtual-row sg-picker-option', 'PickerOption');
/** `<span>` the serial number of an option. */
export const PickerNumber = createPart('span', 'sg-picker-number', 'PickerNumber');
/** `<span>` the unit's internal code (asset tag) beside its serial, when it has one. */
export const PickerInternalCode = createPart('span', 'sg-picker-internal-code', 'PickerInternalCode');
/** `<span>` secondary text of an option (receipt date). */
export const PickerMeta = createPart('span', 'sg-picker-meta', 'PickerMeta');
/** `<span class="sg-badge">` a badge of an option; data-badge="repaired|on-hold". */
export const PickerBadge = createPart('span', 'sg-badge sg-picker-badge', 'PickerBadge');
/** `<div role="group">` the picked units. */
export const PickerPicked = createPart('div', 'sg-picker-picked', 'PickerPicked');
/** `<ul>` of picked units. */
export const PickerPickedList = createPart('ul', 'sg-picker-picked-list', 'PickerPickedList');
/** `<li>` one picked unit. */
export const PickerPickedItem = createPart('li', 'sg-picker-picked-item', 'PickerPickedItem');
