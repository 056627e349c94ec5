export { ReceiveSerialsForm } from './receive-serials-form';
export type { ReceiveSerialsFormProps, ReceiveSerialsFormSlot } from './receive-serials-form';
export * from './receive-serials-form.parts';
export * from './receive-serials-form.graphql';
export { defaultReceiveMessages } from './receive-serials-form.messages';
export type { ReceiveSerialsFormMessages, CountText } from './receive-serials-form.messages';
export { parseEntry, computeVerdicts, isBad, MAX_ENTRY } from './receive-serials-form.rules';
export type {
  ReceiveRow,
  RowVerdict,
  SerialProblem,
  ServerVerdict,
  SubmitRefusal,
  VerdictCounts,
  VerdictKind,
} from './receive-serials-form.rules';
export {
  announcementText as receiveAnnouncementText,
  verdictText,
  counterText,
} from './receive-serials-form.text';
export type { ReceiveView } from './receive-serials-form.text';
export { useReceiveSerials } from './use-receive-serials';
export { useGridNavigation } from './use-grid-navigation';
export type { GridNavigation, UseGridNavigationOptions } from './use-grid-navigation';
export type {
  ReceiveAnnouncement,
  ReceivedDocument,
  ReceiveSerialsState,
  ReceiveSerialsStatus,
  UseReceiveSerialsOptions,
} from './use-receive-serials';
