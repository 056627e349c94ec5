export { SerialHistoryTimeline } from './serial-history-timeline';
export type {
  SerialHistoryTimelineProps,
  SerialHistoryTimelineSlot,
  TimelineDocument,
  TimelineSerialRef,
} from './serial-history-timeline';
export * from './serial-history-timeline.parts';
export * from './serial-history-timeline.graphql';
export { useSerialHistory } from './use-serial-history';
export type {
  HistoryOrder,
  SerialHistory,
  SerialHistoryStatus,
  UseSerialHistoryOptions,
} from './use-serial-history';
