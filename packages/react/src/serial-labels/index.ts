export { SerialLabels, defaultSerialLabelsMessages } from './serial-labels';
export type {
  SerialLabelsProps,
  SerialLabelsMessages,
  SerialLabelsSheet,
  SerialLabelsSlot,
  SerialLabelsSymbology,
  SerialLabelUnit,
} from './serial-labels';
