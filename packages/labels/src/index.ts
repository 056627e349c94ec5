// Printable serial labels shared by the API (SVG and PDF) and the widgets (SVG): pure, no I/O.
export * from './barcode.js';
export * from './sheets.js';
export * from './layout.js';
export * from './svg.js';
