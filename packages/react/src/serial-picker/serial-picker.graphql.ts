// The documents SerialPicker owns, typed by codegen from serial-picker.documents.graphql.
export {
  SerialPickerSerialsDocument,
  SerialPickerCheckDocument,
  SerialPickerSerialFragmentDoc,
  type SerialPickerSerialsQuery,
  type SerialPickerSerialsQueryVariables,
  type SerialPickerCheckQuery,
  type SerialPickerCheckQueryVariables,
  type SerialPickerSerialFragment,
  type SerialOrderBy,
} from '../generated/graphql';
