// `@serialgraph/react/headless`: hooks, unstyled parts, documents and common plumbing,
// for hosts that render their own markup. Nothing here needs styles.css.
export { useSerialHistory } from './serial-history-timeline/use-serial-history';
export type {
  HistoryOrder,
  SerialHistory,
  SerialHistoryStatus,
  UseSerialHistoryOptions,
} from './serial-history-timeline/use-serial-history';
export * from './serial-history-timeline/serial-history-timeline.parts';
export * from './serial-history-timeline/serial-history-timeline.graphql';
export * from './common';
