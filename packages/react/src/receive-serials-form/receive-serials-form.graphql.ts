// The documents ReceiveSerialsForm owns, typed by codegen from receive-serials-form.documents.graphql.
export {
  ReceiveSerialsFormProductLookupDocument,
  ReceiveSerialsFormCheckDocument,
  ReceiveSerialsFormReceiveDocument,
  ReceiveSerialsFormProductFragmentDoc,
  ReceiveSerialsFormDocumentFragmentDoc,
  type ReceiveSerialsFormProductFragment,
  type ReceiveSerialsFormDocumentFragment,
  type ReceiveSerialsFormProductLookupQuery,
  type ReceiveSerialsFormProductLookupQueryVariables,
  type ReceiveSerialsFormCheckQuery,
  type ReceiveSerialsFormCheckQueryVariables,
  type ReceiveSerialsFormReceiveMutation,
  type ReceiveSerialsFormReceiveMutationVariables,
} from '../generated/graphql';
