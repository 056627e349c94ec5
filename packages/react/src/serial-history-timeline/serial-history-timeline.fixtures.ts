import type {
  MovementType,
  SerialHistoryTimelineMovementFragment,
  SerialHistoryTimelineSerialFragment,
  SerialStatus,
} from '../generated/graphql';

// Fixtures for stories and tests, typed by codegen: a schema change that breaks them fails typecheck.

const main = {
  __typename: 'Warehouse',
  id: 'V2FyZWhvdXNlOjE=',
  code: 'MAIN',
  name: 'Main warehouse',
} as const;
const store = { __typename: 'Warehouse', id: 'V2FyZWhvdXNlOjI=', code: 'STORE-B', name: 'Store B' } as const;
const supplier = { __typename: 'Party', id: 'UGFydHk6MQ==', name: 'Acme Devices Ltd' } as const;
const customer = { __typename: 'Party', id: 'UGFydHk6Mg==', name: 'Northwind Clinic' } as const;

type MovementInput = Partial<SerialHistoryTimelineMovementFragment> & {
  type: MovementType;
  at: string;
  toStatus: SerialStatus;
  documentNumber: string;
};

let movementSequence = 0;

/** Builds one movement with sensible defaults. */
export function movement({ documentNumber, ...input }: MovementInput): SerialHistoryTimelineMovementFragment {
  movementSequence += 1;
  return {
    __typename: 'Movement',
    id: `TW92ZW1lbnQ6${movementSequence}`,
    fromStatus: null,
    note: null,
    actor: 'warehouse-app',
    previousNumber: null,
    fromWarehouse: null,
    toWarehouse: null,
    party: null,
    document: {
      __typename: 'Document',
      id: `RG9jdW1lbnQ6${movementSequence}`,
      type: 'RECEIPT',
      number: documentNumber,
    },
    ...input,
  };
}

const typicalHistory: SerialHistoryTimelineMovementFragment[] = [
  movement({
    type: 'RECEIVED',
    at: '2025-01-06T08:15:00Z',
    toStatus: 'IN_STOCK',
    toWarehouse: main,
    party: supplier,
    documentNumber: 'RCV-000012',
  }),
  movement({
    type: 'TRANSFERRED',
    at: '2025-01-20T13:40:00Z',
    fromStatus: 'IN_STOCK',
    toStatus: 'IN_STOCK',
    fromWarehouse: main,
    toWarehouse: store,
    documentNumber: 'TRF-000004',
    document: { __typename: 'Document', id: 'RG9jdW1lbnQ6dHJm', type: 'TRANSFER', number: 'TRF-000004' },
  }),
  movement({
    type: 'SHIPPED',
    at: '2025-02-03T10:05:00Z',
    fromStatus: 'IN_STOCK',
    toStatus: 'SHIPPED',
    fromWarehouse: store,
    party: customer,
    actor: 'maria.k',
    note: 'Order 4471, express',
    documentNumber: 'SHP-000031',
    document: { __typename: 'Document', id: 'RG9jdW1lbnQ6c2hw', type: 'SHIPMENT', number: 'SHP-000031' },
  }),
  movement({
    type: 'REPAIR_INTAKE',
    at: '2025-05-12T09:30:00Z',
    fromStatus: 'SHIPPED',
    toStatus: 'IN_REPAIR',
    toWarehouse: main,
    party: customer,
    note: 'Display flickers',
    documentNumber: 'RPI-000002',
    document: { __typename: 'Document', id: 'RG9jdW1lbnQ6cnBp', type: 'REPAIR_INTAKE', number: 'RPI-000002' },
  }),
  movement({
    type: 'REPAIR_RELEASE',
    at: '2025-05-19T16:00:00Z',
    fromStatus: 'IN_REPAIR',
    toStatus: 'SHIPPED',
    fromWarehouse: main,
    party: customer,
    documentNumber: 'RPR-000002',
    document: {
      __typename: 'Document',
      id: 'RG9jdW1lbnQ6cnBy',
      type: 'REPAIR_RELEASE',
      number: 'RPR-000002',
    },
  }),
];

/** A shipped unit, repaired once, warranty active: the everyday case. */
export const shippedSerial: SerialHistoryTimelineSerialFragment = {
  __typename: 'Serial',
  id: 'U2VyaWFsOjEyMQ==',
  number: 'DEV-00121',
  internalCode: 'TOOL-2026-000045',
  status: 'SHIPPED',
  inStorage: false,
  holdReason: null,
  repairCount: 1,
  product: { __typename: 'Product', id: 'UHJvZHVjdDox', sku: 'DEV-MON-27', name: 'Patient monitor 27"' },
  warehouse: null,
  customer,
  warranty: {
    __typename: 'Warranty',
    startsAt: '2025-02-03T10:05:00Z',
    endsAt: '2027-02-03T10:05:00Z',
    active: true,
  },
  replacedBy: null,
  replaces: null,
  history: typicalHistory,
};

/** A unit just received: in stock, no warranty yet, one movement. */
export const receivedSerial: SerialHistoryTimelineSerialFragment = {
  ...shippedSerial,
  id: 'U2VyaWFsOjIwMA==',
  number: 'DEV-00200',
  internalCode: null,
  status: 'IN_STOCK',
  inStorage: true,
  repairCount: 0,
  warehouse: main,
  customer: null,
  warranty: null,
  history: typicalHistory.slice(0, 1),
};

/** A unit with no movements (should not happen through the API, but must render). */
export const serialWithoutHistory: SerialHistoryTimelineSerialFragment = {
  ...receivedSerial,
  number: 'DEV-00300',
  history: [],
};

/** A held replacement unit whose number was corrected and whose warranty expired. */
export const heldReplacementSerial: SerialHistoryTimelineSerialFragment = {
  ...shippedSerial,
  id: 'U2VyaWFsOjEyNg==',
  number: 'DEV-00126',
  internalCode: null,
  status: 'ON_HOLD',
  inStorage: true,
  holdReason: 'Label unreadable, awaiting relabel',
  repairCount: 0,
  warehouse: main,
  customer,
  warranty: {
    __typename: 'Warranty',
    startsAt: '2023-02-03T10:05:00Z',
    endsAt: '2025-02-03T10:05:00Z',
    active: false,
  },
  replaces: { __typename: 'Serial', id: 'U2VyaWFsOjEyMQ==', number: 'DEV-00121' },
  replacedBy: null,
  history: [
    movement({
      type: 'RECEIVED',
      at: '2025-03-01T08:00:00Z',
      toStatus: 'IN_STOCK',
      toWarehouse: main,
      party: supplier,
      documentNumber: 'RCV-000020',
    }),
    movement({
      type: 'NUMBER_CORRECTED',
      at: '2025-03-02T11:20:00Z',
      fromStatus: 'IN_STOCK',
      toStatus: 'IN_STOCK',
      previousNumber: 'DEV-0126',
      note: 'Typo at receipt',
      documentNumber: 'COR-000001',
      document: {
        __typename: 'Document',
        id: 'RG9jdW1lbnQ6Y29y',
        type: 'SERIAL_CORRECTION',
        number: 'COR-000001',
      },
    }),
    movement({
      type: 'HELD',
      at: '2025-03-05T15:45:00Z',
      fromStatus: 'IN_STOCK',
      toStatus: 'ON_HOLD',
      fromWarehouse: main,
      note: 'Label unreadable, awaiting relabel',
      documentNumber: 'HLD-000003',
      document: { __typename: 'Document', id: 'RG9jdW1lbnQ6aGxk', type: 'HOLD', number: 'HLD-000003' },
    }),
  ],
};

/** A unit with `count` movements, bouncing between two warehouses: the long-history case. */
export function serialWithLongHistory(count: number): SerialHistoryTimelineSerialFragment {
  const start = Date.parse('2022-01-03T09:00:00Z');
  const history = Array.from({ length: count }, (_, index) =>
    index === 0
      ? movement({
          type: 'RECEIVED',
          at: new Date(start).toISOString(),
          toStatus: 'IN_STOCK',
          toWarehouse: main,
          documentNumber: 'RCV-000001',
        })
      : movement({
          type: 'TRANSFERRED',
          at: new Date(start + index * 36e5 * 26).toISOString(),
          fromStatus: 'IN_STOCK',
          toStatus: 'IN_STOCK',
          fromWarehouse: index % 2 ? main : store,
          toWarehouse: index % 2 ? store : main,
          documentNumber: `TRF-${String(index).padStart(6, '0')}`,
          document: {
            __typename: 'Document',
            id: `RG9jdW1lbnQ6bG9uZw${index}`,
            type: 'TRANSFER',
            number: `TRF-${String(index).padStart(6, '0')}`,
          },
        }),
  );
  return {
    ...receivedSerial,
    id: 'U2VyaWFsOjk5OQ==',
    number: 'DEV-00999',
    warehouse: count % 2 ? main : store,
    history,
  };
}
