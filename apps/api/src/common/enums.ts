import { registerEnumType } from 'type-graphql';
import {
  DocumentType,
  MovementType,
  PartyRole,
  ReturnCondition,
  SerialCheckIssue,
  SerialCheckPurpose,
  SerialPreset,
  SerialStatus,
  TrackingMode,
} from '@serialgraph/domain';

// The contract's enums are the domain's constants: one definition for server and widgets.
registerEnumType(TrackingMode, { name: 'TrackingMode' });
registerEnumType(PartyRole, { name: 'PartyRole' });
registerEnumType(SerialStatus, { name: 'SerialStatus' });
registerEnumType(DocumentType, { name: 'DocumentType' });
registerEnumType(MovementType, { name: 'MovementType' });
registerEnumType(ReturnCondition, { name: 'ReturnCondition' });
registerEnumType(SerialCheckIssue, { name: 'SerialCheckIssue' });
registerEnumType(SerialCheckPurpose, { name: 'SerialCheckPurpose' });
registerEnumType(SerialPreset, {
  name: 'SerialPreset',
  description:
    'Well-known serial formats with their check digits: IMEI (15 digits, Luhn), MAC_48 (six hex pairs with ":", "-" or none, recorded as AA:BB:CC:DD:EE:FF), GTIN_8/12/13/14 (GS1 check digit).',
});

/** Sort orders of the serials report (our addition to contract v1). */
export const SerialOrderBy = {
  NUMBER_ASC: 'NUMBER_ASC',
  RECEIVED_AT_ASC: 'RECEIVED_AT_ASC',
  RECEIVED_AT_DESC: 'RECEIVED_AT_DESC',
} as const;
export type SerialOrderBy = (typeof SerialOrderBy)[keyof typeof SerialOrderBy];
registerEnumType(SerialOrderBy, {
  name: 'SerialOrderBy',
  description:
    'NUMBER_ASC (default) for reports; RECEIVED_AT_ASC is FIFO, for picking the oldest units first.',
});
