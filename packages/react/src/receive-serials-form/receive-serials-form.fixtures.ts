import { checkSerialsLocally, compileSerialFormat, serialKey } from '@serialgraph/domain';
import {
  ReceiveSerialsFormCheckDocument,
  ReceiveSerialsFormProductLookupDocument,
  ReceiveSerialsFormReceiveDocument,
  type ReceiveSerialsFormCheckQuery,
  type ReceiveSerialsFormDocumentFragment,
  type ReceiveSerialsFormProductFragment,
  type ReceiveSerialsFormReceiveMutation,
  type ReceiveSerialsFormReceiveMutationVariables,
} from '../generated/graphql';
import { mockOperation, type MockHandler, type MockResult } from '../testing/mock-apollo';
import { dockingStation, dockingStationBarcode, resolveScanHandler } from '../testing/scan-fixtures';

// A product, a warehouse and the numbers already recorded, typed by codegen, answered by mocks
// of `product`, `checkSerials` (RECEIVE) and `receiveStock` that apply the same rules as the API.

export const productId = 'UHJvZHVjdDo3';
export const warehouseId = 'V2FyZWhvdXNlOjE=';
export const supplierId = 'UGFydHk6NQ==';

export const tablet: ReceiveSerialsFormProductFragment = {
  __typename: 'Product',
  id: productId,
  name: 'Field Tablet T9',
  sku: 'TAB-T9',
  serialFormat: 'DEV-\\d{5}',
  serialPreset: null,
  trackingMode: 'SERIAL',
};

/** The tablet's own barcode (EAN-13). */
export const tabletBarcode = '0036000291452';

/** Numbers already recorded for the tablet. */
export const recorded = ['DEV-00007', 'DEV-00100', 'DEV-00101'];

/** `count` numbers DEV-10001… that are all new. */
export function freshNumbers(count: number, from = 10_001): string[] {
  return Array.from({ length: count }, (_, index) => `DEV-${String(from + index).padStart(5, '0')}`);
}

export function receipt(count: number): ReceiveSerialsFormDocumentFragment {
  return {
    __typename: 'Document',
    id: 'RG9jdW1lbnQ6MTI=',
    number: 'RCV-000012',
    type: 'RECEIPT',
    postedAt: '2025-03-04T14:05:00.000Z',
    warehouse: { __typename: 'Warehouse', id: warehouseId, code: 'MAIN', name: 'Main warehouse' },
    lines: [
      {
        __typename: 'DocumentLine',
        quantity: count,
        product: { __typename: 'Product', id: productId, name: tablet.name },
      },
    ],
  };
}

interface ReceiveHandlerOptions {
  product?: ReceiveSerialsFormProductFragment | null;
  /** Numbers the "server" has recorded. Default: `recorded`. */
  recorded?: readonly string[];
  /** Milliseconds per answer. Default: 20. */
  delay?: number;
  /** Overrides the check's answer (e.g. a network error); `fromServer` gives the normal one. */
  check?: (
    fromServer: () => MockResult<ReceiveSerialsFormCheckQuery>,
    numbers: string[],
  ) => MockResult<ReceiveSerialsFormCheckQuery>;
  /** Overrides the posting's answer. Default: a receipt, or SERIAL_EXISTS naming recorded numbers. */
  receive?: (
    variables: ReceiveSerialsFormReceiveMutationVariables,
  ) => MockResult<ReceiveSerialsFormReceiveMutation>;
  /** Every request, for assertions: operation name and variables. */
  log?: Array<{ operation: string; variables: unknown }>;
}

/** Mocks of the three operations, answering like the API. */
export function receiveHandlers(options: ReceiveHandlerOptions = {}): MockHandler[] {
  const product = options.product === undefined ? tablet : options.product;
  const known = new Set((options.recorded ?? recorded).map(serialKey));
  const delay = options.delay ?? 20;
  const format = product?.serialFormat ? compileSerialFormat(product.serialFormat) : null;
  return [
    mockOperation(ReceiveSerialsFormProductLookupDocument, () => ({
      data: { __typename: 'Query' as const, product },
      delay,
    })),
    mockOperation(ReceiveSerialsFormCheckDocument, (variables) => {
      const numbers = [...variables.numbers];
      options.log?.push({ operation: 'check', variables });
      const fromServer = (): MockResult<ReceiveSerialsFormCheckQuery> => ({
        delay,
        data: {
          __typename: 'Query',
          checkSerials: checkSerialsLocally(numbers, format).map(({ number, issue }) => {
            const verdict = issue ?? (known.has(serialKey(number)) ? 'ALREADY_EXISTS' : null);
            return { __typename: 'SerialCheck', number, ok: verdict === null, issue: verdict };
          }),
        },
      });
      return options.check ? options.check(fromServer, numbers) : fromServer();
    }),
    resolveScanHandler(
      {
        [dockingStationBarcode]: dockingStation,
        [tabletBarcode]: { __typename: 'Product', id: tablet.id, sku: tablet.sku, name: tablet.name },
      },
      {},
      delay,
    ),
    mockOperation(ReceiveSerialsFormReceiveDocument, (variables) => {
      options.log?.push({ operation: 'receive', variables });
      if (options.receive) return options.receive(variables);
      const serials = variables.input.lines.flatMap((line) =>
        Array.isArray(line.serials) ? line.serials : [],
      );
      const exists = serials.filter((serial) => known.has(serialKey(serial)));
      if (exists.length > 0) return serialExists(exists);
      return { delay, data: { __typename: 'Mutation' as const, receiveStock: receipt(serials.length) } };
    }),
  ];
}

/** The API's refusal of numbers already recorded: one error, the code, every number named. */
export function serialExists(serials: string[]): MockResult<ReceiveSerialsFormReceiveMutation> {
  return {
    errors: [
      {
        message: `These serial numbers are already recorded for this product; check for a misread label: ${serials.join(', ')}`,
        extensions: { code: 'SERIAL_EXISTS', serials },
      },
    ],
  };
}
