// Pure serial-tracking rules shared by the API and the widgets: no I/O, no Node built-ins.
export * from './error-codes.js';
export * from './statuses.js';
export * from './transitions.js';
export * from './serial-number.js';
export * from './serial-format-engine.js';
export * from './serial-format.js';
export * from './serial-input.js';
export * from './serial-check.js';
export * from './document-number.js';
export * from './warranty.js';
export * from './quantity.js';
export * from './serial-presets.js';
export * from './product-serial-format.js';
export * from './internal-code.js';
export * from './product-barcode.js';
export * from './number-template.js';
export * from './public-warranty.js';
