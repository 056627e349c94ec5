// `@serialgraph/react`: the styled, data-connected widgets. Import '@serialgraph/react/styles.css' once.
export * from './serial-history-timeline';
export * from './common';
export * from './serial-picker';
export * from './receive-serials-form';
export * from './serial-labels';
export * from './camera-scanner';
