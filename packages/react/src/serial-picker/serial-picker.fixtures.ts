import { serialKey } from '@serialgraph/domain';
import type {
  SerialFilter,
  SerialOrderBy,
  SerialPickerCheckQuery,
  SerialPickerSerialFragment,
  SerialPickerSerialsQuery,
  SerialStatus,
} from '../generated/graphql';
import { SerialPickerCheckDocument, SerialPickerSerialsDocument } from '../generated/graphql';
import { mockOperation, type MockHandler, type MockResult } from '../testing/mock-apollo';
import { dockingStation, dockingStationBarcode, resolveScanHandler } from '../testing/scan-fixtures';

// A stock of serial units for stories and tests, typed by codegen, answered by a paged mock
// of `serials` and `checkSerials` that filters, orders and pages like the API. Units are made
// on first request, so a 100,000-unit story costs nothing until it is opened.

export const productId = 'UHJvZHVjdDox';
export const mainWarehouse = {
  __typename: 'Warehouse',
  id: 'V2FyZWhvdXNlOjE=',
  code: 'MAIN',
  name: 'Main warehouse',
} as const;
export const storeWarehouse = {
  __typename: 'Warehouse',
  id: 'V2FyZWhvdXNlOjI=',
  code: 'STORE-B',
  name: 'Store B',
} as const;
export const shipmentId = 'RG9jdW1lbnQ6c2hw';

const holdReasons = ['Cracked housing', 'Label unreadable, awaiting relabel', 'Customer claim under review'];
const base = Date.parse('2024-01-08T08:00:00Z');

/** The i-th unit in MAIN: numbers SN-000001…; receipt times shuffled so FIFO ≠ number order. */
export function stockUnit(
  index: number,
  count: number,
  options: { holdEvery?: number } = {},
): SerialPickerSerialFragment {
  const holdEvery = options.holdEvery ?? 25;
  const held = holdEvery > 0 && index % holdEvery === holdEvery - 1;
  // 7919 is prime: (i * 7919) mod count is a permutation whenever count is not a multiple of it.
  const receiptRank = (index * 7919) % count;
  return {
    __typename: 'Serial',
    id: `U2VyaWFs${index}`,
    number: `SN-${String(index + 1).padStart(6, '0')}`,
    // Every fifth unit carries an asset tag, shown beside its serial.
    internalCode: index % 5 === 0 ? `TAG-${String(index + 1).padStart(5, '0')}` : null,
    status: held ? 'ON_HOLD' : 'IN_STOCK',
    holdReason: held ? holdReasons[index % holdReasons.length]! : null,
    repairCount: index % 10 === 3 ? 1 : index % 40 === 7 ? 2 : 0,
    receivedAt: new Date(base + receiptRank * 36e5).toISOString(),
    warehouse: mainWarehouse,
  };
}

/** Units that explain each scan refusal: another warehouse, shipped, on hold, in repair, written off. */
export const elsewhere = {
  otherWarehouse: unit('SN-B00001', 'IN_STOCK', storeWarehouse),
  shipped: unit('SN-S00001', 'SHIPPED', null),
  onHold: { ...unit('SN-H00001', 'ON_HOLD', mainWarehouse), holdReason: 'Cracked housing' },
  inRepair: unit('SN-P00001', 'IN_REPAIR', mainWarehouse),
  writtenOff: unit('SN-W00001', 'WRITTEN_OFF', null),
  // Its number is also the product's barcode (see barcodeAndSerial).
  barcodeNumbered: unit('10614141000415', 'IN_STOCK', storeWarehouse),
} satisfies Record<string, SerialPickerSerialFragment>;

/** What shipment SHP-000031 sent: five units, one of which (SN-R00003) already came back. */
export const shipmentUnits: SerialPickerSerialFragment[] = [1, 2, 3, 4, 5].map((n) =>
  n === 3
    ? unit(`SN-R0000${n}`, 'IN_STOCK', mainWarehouse)
    : { ...unit(`SN-R0000${n}`, 'SHIPPED', null), repairCount: n === 4 ? 1 : 0 },
);

function unit(
  number: string,
  status: SerialStatus,
  warehouse: SerialPickerSerialFragment['warehouse'],
): SerialPickerSerialFragment {
  return {
    __typename: 'Serial',
    id: `U2VyaWFs${number}`,
    number,
    internalCode: null,
    status,
    holdReason: null,
    repairCount: 0,
    receivedAt: '2023-11-02T09:00:00Z',
    warehouse,
  };
}

/** Options of stockHandlers. */
export interface StockOptions {
  /** Units in MAIN. Default: 100. */
  count?: number;
  /** Every n-th unit is on hold (0: none). Default: 25. */
  holdEvery?: number;
  /** Milliseconds per answer. Default: 20. */
  delay?: number;
  /** Answers `serials` instead of the stock (loading, errors); `fromStock` gives the normal answer. */
  serials?: (
    fromStock: () => MockResult<SerialPickerSerialsQuery>,
    variables: PageVariables,
  ) => MockResult<SerialPickerSerialsQuery>;
}

/** Mock handlers answering `serials` and `checkSerials` from a lazily generated stock. */
export function stockHandlers(options: StockOptions = {}): MockHandler[] {
  const stock = lazyStock(options.count ?? 100, options.holdEvery ?? 25);
  const delay = options.delay ?? 20;
  return [
    mockOperation(SerialPickerSerialsDocument, (variables) => {
      const fromStock = () => ({ data: stock.page(variables), delay });
      return options.serials ? options.serials(fromStock, variables) : fromStock();
    }),
    mockOperation(SerialPickerCheckDocument, (variables) => ({ data: stock.check(variables), delay })),
    resolveScanHandler(
      {
        [dockingStationBarcode]: dockingStation,
        [pickedProductBarcode]: {
          __typename: 'Product',
          id: productId,
          sku: 'HT-100',
          name: 'Handheld terminal',
        },
        [barcodeAndSerial]: {
          __typename: 'Product',
          id: productId,
          sku: 'HT-100',
          name: 'Handheld terminal',
        },
      },
      // A unit of this product whose number is also the product's barcode: the serial wins here.
      { [barcodeAndSerial]: [productId] },
      delay,
    ),
  ];
}

/** The barcode of the product the picker lists. */
export const pickedProductBarcode = '96385074';
/** A code that is both this product's barcode and the serial number of one of its units. */
export const barcodeAndSerial = '10614141000415';

type PageVariables = { filter: SerialFilter; orderBy: SerialOrderBy; first: number; after?: string | null };

function lazyStock(count: number, holdEvery: number) {
  let all: SerialPickerSerialFragment[] | null = null;
  const sorted = new Map<SerialOrderBy, SerialPickerSerialFragment[]>();
  const filtered = new Map<string, SerialPickerSerialFragment[]>();
  const units = () =>
    (all ??= [
      ...Array.from({ length: count }, (_, index) => stockUnit(index, count, { holdEvery })),
      ...Object.values(elsewhere),
      ...shipmentUnits,
    ]);
  const inOrder = (orderBy: SerialOrderBy) => {
    let list = sorted.get(orderBy);
    if (!list) {
      list = [...units()].sort(compare(orderBy));
      sorted.set(orderBy, list);
    }
    return list;
  };
  const matching = (filter: SerialFilter, orderBy: SerialOrderBy) => {
    const key = JSON.stringify([filter, orderBy]);
    let list = filtered.get(key);
    if (!list) {
      list = inOrder(orderBy).filter((candidate) => matches(candidate, filter));
      filtered.set(key, list);
    }
    return list;
  };
  return {
    page: ({ filter, orderBy, first, after }: PageVariables): SerialPickerSerialsQuery => {
      const list = matching(filter, orderBy);
      const start = after ? Number(after) : 0;
      const slice = list.slice(start, start + first);
      return {
        __typename: 'Query',
        serials: {
          __typename: 'SerialConnection',
          totalCount: list.length,
          pageInfo: {
            __typename: 'PageInfo',
            endCursor: slice.length ? String(start + slice.length) : null,
            hasNextPage: start + slice.length < list.length,
          },
          edges: slice.map((node, offset) => ({
            __typename: 'SerialEdge',
            cursor: String(start + offset + 1),
            node,
          })),
        },
      };
    },
    check: ({
      numbers,
      warehouseId,
    }: {
      numbers: string | string[];
      warehouseId?: string | number | null;
    }) => {
      const byKey = new Map(units().map((candidate) => [serialKey(candidate.number), candidate]));
      return {
        __typename: 'Query',
        checkSerials: [numbers].flat().map((number) => checkOne(byKey, number, warehouseId)),
      } satisfies SerialPickerCheckQuery;
    },
  };
}

function checkOne(
  byKey: Map<string, SerialPickerSerialFragment>,
  number: string,
  warehouseId: string | number | null | undefined,
): SerialPickerCheckQuery['checkSerials'][number] {
  const base = { __typename: 'SerialCheck', number } as const;
  if (!/^[A-Za-z0-9-]+$/.test(number)) return { ...base, ok: false, issue: 'INVALID_FORMAT', serial: null };
  const serial = byKey.get(serialKey(number)) ?? null;
  if (!serial) return { ...base, ok: false, issue: 'NOT_FOUND', serial: null };
  const available = serial.status === 'IN_STOCK' && (!warehouseId || serial.warehouse?.id === warehouseId);
  return { ...base, ok: available, issue: available ? null : 'NOT_AVAILABLE', serial };
}

function matches(candidate: SerialPickerSerialFragment, filter: SerialFilter): boolean {
  if (filter.returnableFromShipmentId) {
    return (
      filter.returnableFromShipmentId === shipmentId &&
      candidate.status === 'SHIPPED' &&
      shipmentUnits.includes(candidate) &&
      (!filter.search || serialKey(candidate.number).includes(serialKey(filter.search)))
    );
  }
  if (shipmentUnits.includes(candidate)) return false;
  if (filter.statuses && !filter.statuses.includes(candidate.status)) return false;
  if (filter.warehouseId && candidate.warehouse?.id !== filter.warehouseId) return false;
  return !filter.search || serialKey(candidate.number).includes(serialKey(filter.search));
}

function compare(orderBy: SerialOrderBy) {
  const byNumber = (a: SerialPickerSerialFragment, b: SerialPickerSerialFragment) =>
    serialKey(a.number) < serialKey(b.number) ? -1 : serialKey(a.number) > serialKey(b.number) ? 1 : 0;
  if (orderBy === 'NUMBER_ASC') return byNumber;
  const sign = orderBy === 'RECEIVED_AT_DESC' ? -1 : 1;
  return (a: SerialPickerSerialFragment, b: SerialPickerSerialFragment) =>
    sign * (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0) || byNumber(a, b);
}

/** The `count` oldest available (IN_STOCK) units of a stock, as `{id, number}`: what "pick oldest" should choose. */
export function oldestAvailable(count: number, stockSize = 100, holdEvery = 25) {
  return Array.from({ length: stockSize }, (_, index) => stockUnit(index, stockSize, { holdEvery }))
    .filter((candidate) => candidate.status === 'IN_STOCK')
    .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1))
    .slice(0, count)
    .map(({ id, number }) => ({ id, number }));
}
