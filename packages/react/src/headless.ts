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
export { useSerialPicker } from './serial-picker/use-serial-picker';
export type {
  SerialPickerState,
  SerialPickerStatus,
  UseSerialPickerOptions,
} from './serial-picker/use-serial-picker';
export { useListboxNavigation } from './serial-picker/use-listbox-navigation';
export { useCurrentUnit } from './serial-picker/use-current-unit';
export type { ListboxNavigation, UseListboxNavigationOptions } from './serial-picker/use-listbox-navigation';
export type { PickerAnnouncement } from './serial-picker/use-picked-serials';
export { usePickerAnnouncement } from './serial-picker/use-picker-announcement';
export type { UsePickerAnnouncementOptions } from './serial-picker/use-picker-announcement';
export {
  announcementText as pickerAnnouncementText,
  announcementTone as pickerAnnouncementTone,
  pickerLiveText,
} from './serial-picker/serial-picker.text';
export type { PickerLiveText } from './serial-picker/serial-picker.text';
export { pickableStatuses, pickerFilter, explainCheck } from './serial-picker/serial-picker.rules';
export type {
  PickedSerial,
  PickerScope,
  ScanRefusal,
  ScanVerdict,
} from './serial-picker/serial-picker.rules';
export { defaultPickerMessages } from './serial-picker/serial-picker.messages';
export type { SerialPickerMessages, SerialPickerMode } from './serial-picker/serial-picker.messages';
export * from './serial-picker/serial-picker.parts';
export * from './serial-picker/serial-picker.graphql';
export { useReceiveSerials } from './receive-serials-form/use-receive-serials';
export { useGridNavigation } from './receive-serials-form/use-grid-navigation';
export type { GridNavigation, UseGridNavigationOptions } from './receive-serials-form/use-grid-navigation';
export type {
  ReceiveAnnouncement,
  ReceivedDocument,
  ReceiveSerialsState,
  ReceiveSerialsStatus,
  UseReceiveSerialsOptions,
} from './receive-serials-form/use-receive-serials';
export {
  parseEntry,
  computeVerdicts,
  isBad,
  MAX_ENTRY,
} from './receive-serials-form/receive-serials-form.rules';
export type {
  ReceiveRow,
  RowVerdict,
  SerialProblem,
  ServerVerdict,
  SubmitRefusal,
  VerdictCounts,
  VerdictKind,
} from './receive-serials-form/receive-serials-form.rules';
export {
  announcementText as receiveAnnouncementText,
  verdictText,
  counterText,
} from './receive-serials-form/receive-serials-form.text';
export type { ReceiveView } from './receive-serials-form/receive-serials-form.text';
export { defaultReceiveMessages } from './receive-serials-form/receive-serials-form.messages';
export type {
  ReceiveSerialsFormMessages,
  CountText,
} from './receive-serials-form/receive-serials-form.messages';
export * from './receive-serials-form/receive-serials-form.parts';
export * from './receive-serials-form/receive-serials-form.graphql';
export { useCameraScanner } from './camera-scanner/use-camera-scanner';
export type {
  CameraScannerSettings,
  CameraScannerState,
  CameraScannerStatus,
  UseCameraScannerOptions,
} from './camera-scanner/use-camera-scanner';
export { createBarcodeReader } from './camera-scanner/barcode-reader';
export type { BarcodeReader, DetectedCode } from './camera-scanner/barcode-reader';
export { createReadFilter } from './camera-scanner/read-filter';
export { cameraAvailable } from './camera-scanner/camera-support';
export { SCAN_FORMATS } from './camera-scanner/scan-formats';
export type { ScanFormat } from './camera-scanner/scan-formats';
