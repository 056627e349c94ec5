// The documents SerialHistoryTimeline owns, typed by codegen from serial-history-timeline.documents.graphql.
export {
  SerialHistoryTimelineDocument,
  SerialHistoryTimelineSerialFragmentDoc,
  SerialHistoryTimelineMovementFragmentDoc,
  type SerialHistoryTimelineQuery,
  type SerialHistoryTimelineQueryVariables,
  type SerialHistoryTimelineSerialFragment,
  type SerialHistoryTimelineMovementFragment,
} from '../generated/graphql';
