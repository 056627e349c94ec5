import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ReceivedDocument } from '@serialgraph/react';
import type {
  DocumentType,
  MovementType,
  SerialPreset,
  PartyRole,
  ReturnCondition,
  SerialStatus,
  TrackingMode,
} from '@serialgraph/domain';

// The demo's own operations against packages/graphql-schema/schema.graphql, typed by hand: the
// app is small and these types are the contract it relies on. Widgets bring their own documents.

export interface Ref {
  id: string;
}
export interface Warehouse extends Ref {
  code: string;
  name: string;
}
export interface Party extends Ref {
  name: string;
  roles: PartyRole[];
}
export interface Product extends Ref {
  sku: string;
  name: string;
  trackingMode: TrackingMode;
  serialFormat: string | null;
  /** A well-known format with its check digit (IMEI, MAC-48, GTIN-…), instead of serialFormat. */
  serialPreset: SerialPreset | null;
  /** How numbers are made for units that arrive without one, e.g. TOOL-{YYYY}-{SEQ:6}. */
  numberTemplate: string | null;
  warrantyMonths: number | null;
  barcodes: string[];
}
export interface Connection<T> {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  edges: { cursor: string; node: T }[];
}

// The selections of the shared types above: one fragment each, so every query answers them alike.
const WAREHOUSE = gql`
  fragment DemoWarehouse on Warehouse {
    id
    code
    name
  }
`;
const PRODUCT = gql`
  fragment DemoProduct on Product {
    id
    sku
    name
    trackingMode
    serialFormat
    serialPreset
    numberTemplate
    warrantyMonths
    barcodes
  }
`;

// ---- reference data -----------------------------------------------------------------------

export interface ReferenceData {
  warehouses: Warehouse[];
  parties: Party[];
  products: { edges: { node: Product }[] };
}
export const REFERENCE_DATA: TypedDocumentNode<ReferenceData, Record<string, never>> = gql`
  query DemoReferenceData {
    warehouses {
      ...DemoWarehouse
    }
    parties {
      id
      name
      roles
    }
    products(first: 200) {
      edges {
        node {
          ...DemoProduct
        }
      }
    }
  }
  ${WAREHOUSE}
  ${PRODUCT}
`;

// ---- one unit -------------------------------------------------------------------------------

export interface SerialSummary extends Ref {
  number: string;
  internalCode: string | null;
  status: SerialStatus;
  inStorage: boolean;
  holdReason: string | null;
  repairCount: number;
  receivedAt: string;
  shippedAt: string | null;
  product: Product;
  warehouse: Warehouse | null;
  customer: { id: string; name: string } | null;
  supplier: { id: string; name: string } | null;
  receivedIn: { id: string; number: string; postedAt: string };
  warranty: { startsAt: string; endsAt: string; active: boolean } | null;
  replacedBy: { id: string; number: string } | null;
  replaces: { id: string; number: string } | null;
  history: {
    id: string;
    type: MovementType;
    at: string;
    note: string | null;
    document: { id: string; number: string; type: DocumentType };
  }[];
}
const SERIAL_SUMMARY = gql`
  fragment DemoSerialSummary on Serial {
    id
    number
    internalCode
    status
    inStorage
    holdReason
    repairCount
    receivedAt
    shippedAt
    product {
      ...DemoProduct
    }
    warehouse {
      ...DemoWarehouse
    }
    customer {
      id
      name
    }
    supplier {
      id
      name
    }
    receivedIn {
      id
      number
      postedAt
    }
    warranty {
      startsAt
      endsAt
      active
    }
    replacedBy {
      id
      number
    }
    replaces {
      id
      number
    }
    history {
      id
      type
      at
      note
      document {
        id
        number
        type
      }
    }
  }
  ${WAREHOUSE}
  ${PRODUCT}
`;

export const LOOKUP_SERIAL: TypedDocumentNode<{ lookupSerial: SerialSummary[] }, { number: string }> = gql`
  query DemoLookupSerial($number: String!) {
    lookupSerial(number: $number) {
      ...DemoSerialSummary
    }
  }
  ${SERIAL_SUMMARY}
`;

export const SERIAL_BY_ID: TypedDocumentNode<
  { node: (SerialSummary & { __typename: 'Serial' }) | null },
  { id: string }
> = gql`
  query DemoSerialById($id: ID!) {
    node(id: $id) {
      id
      ... on Serial {
        ...DemoSerialSummary
      }
    }
  }
  ${SERIAL_SUMMARY}
`;

// ---- recall ----------------------------------------------------------------------------------

export interface RecallFilter {
  receivedInDocumentIds?: string[] | null;
  supplierId?: string | null;
  receivedFrom?: string | null;
  receivedBefore?: string | null;
  numberFrom?: string | null;
  numberTo?: string | null;
}
export interface RecallRow extends Ref {
  number: string;
  status: SerialStatus;
  receivedAt: string;
  shippedAt: string | null;
  product: { id: string; sku: string; name: string };
  warehouse: { id: string; code: string } | null;
  supplier: { id: string; name: string } | null;
  receivedIn: { id: string; number: string };
  customer: {
    id: string;
    name: string;
    email: string | null;
    phone: string | null;
    address: string | null;
  } | null;
}
export const RECALL: TypedDocumentNode<
  { recall: Connection<RecallRow> },
  { filter: RecallFilter; first: number; after?: string | null }
> = gql`
  query DemoRecall($filter: SerialFilter!, $first: Int!, $after: String) {
    recall(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          number
          status
          receivedAt
          shippedAt
          product {
            id
            sku
            name
          }
          warehouse {
            id
            code
          }
          supplier {
            id
            name
          }
          receivedIn {
            id
            number
          }
          customer {
            id
            name
            email
            phone
            address
          }
        }
      }
    }
  }
`;

// ---- serials report -----------------------------------------------------------------------

export interface SerialFilter {
  productId?: string | null;
  warehouseId?: string | null;
  partyId?: string | null;
  statuses?: SerialStatus[] | null;
  search?: string | null;
  includeOutOfStorage?: boolean;
  returnableFromShipmentId?: string | null;
}
export interface SerialRow extends Ref {
  number: string;
  internalCode: string | null;
  status: SerialStatus;
  holdReason: string | null;
  repairCount: number;
  receivedAt: string;
  shippedAt: string | null;
  unitCost: string | null;
  product: { id: string; sku: string; name: string };
  warehouse: { id: string; code: string } | null;
  customer: { id: string; name: string } | null;
  supplier: { id: string; name: string } | null;
  warranty: { endsAt: string; active: boolean } | null;
}
export const SERIALS_REPORT: TypedDocumentNode<
  { serials: Connection<SerialRow> },
  { filter: SerialFilter; first: number; after?: string | null }
> = gql`
  query DemoSerialsReport($filter: SerialFilter!, $first: Int!, $after: String) {
    serials(filter: $filter, first: $first, after: $after, orderBy: NUMBER_ASC) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          number
          internalCode
          status
          holdReason
          repairCount
          receivedAt
          shippedAt
          unitCost
          product {
            id
            sku
            name
          }
          warehouse {
            id
            code
          }
          customer {
            id
            name
          }
          supplier {
            id
            name
          }
          warranty {
            endsAt
            active
          }
        }
      }
    }
  }
`;

// ---- documents ----------------------------------------------------------------------------

export interface DocumentFilter {
  types?: DocumentType[] | null;
  search?: string | null;
  partyId?: string | null;
  serialId?: string | null;
  warehouseId?: string | null;
}
export interface DocumentRow extends Ref {
  number: string;
  type: DocumentType;
  postedAt: string;
  reference: string | null;
  note: string | null;
  actor: string;
  party: { id: string; name: string } | null;
  warehouse: { id: string; code: string } | null;
  toWarehouse: { id: string; code: string } | null;
  lines: { quantity: number; product: { id: string; sku: string } }[];
}
export const DOCUMENTS: TypedDocumentNode<
  { documents: Connection<DocumentRow> },
  { filter: DocumentFilter; first: number; after?: string | null }
> = gql`
  query DemoDocuments($filter: DocumentFilter!, $first: Int!, $after: String) {
    documents(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          number
          type
          postedAt
          reference
          note
          actor
          party {
            id
            name
          }
          warehouse {
            id
            code
          }
          toWarehouse {
            id
            code
          }
          lines {
            quantity
            product {
              id
              sku
            }
          }
        }
      }
    }
  }
`;

export interface DocumentDetail extends Omit<DocumentRow, 'lines' | 'warehouse' | 'toWarehouse'> {
  warehouse: Warehouse | null;
  toWarehouse: Warehouse | null;
  basedOn: { id: string; number: string; type: DocumentType } | null;
  lines: {
    quantity: number;
    unitCost: string | null;
    totalCost: string | null;
    product: Product;
    serials: { id: string; number: string; status: SerialStatus }[];
  }[];
}
export const DOCUMENT: TypedDocumentNode<{ document: DocumentDetail | null }, { id: string }> = gql`
  query DemoDocument($id: ID!) {
    document(id: $id) {
      id
      number
      type
      postedAt
      reference
      note
      actor
      party {
        id
        name
      }
      warehouse {
        ...DemoWarehouse
      }
      toWarehouse {
        ...DemoWarehouse
      }
      basedOn {
        id
        number
        type
      }
      lines {
        quantity
        unitCost
        totalCost
        product {
          ...DemoProduct
        }
        serials {
          id
          number
          status
        }
      }
    }
  }
  ${WAREHOUSE}
  ${PRODUCT}
`;

// ---- posting ------------------------------------------------------------------------------

/** What every posting mutation answers: enough to confirm it and link to it. */
export interface PostedDocument extends Ref {
  number: string;
  type: DocumentType;
}
const POSTED = gql`
  fragment DemoPostedDocument on Document {
    id
    number
    type
  }
`;

export interface StockLineInput {
  productId: string;
  quantity: number;
  serials?: string[];
  /** Receipts only: make `quantity` new numbers from the product's number template. */
  generate?: number;
  /** Receipts only: receive the next `quantity` numbers of this reservation. */
  reservationId?: string;
  /** Receipts only: units with an internal code, or held because the label is unclear. */
  units?: ReceiveUnitInput[];
  unitCost?: string;
}
export interface ReceiveUnitInput {
  serial: string;
  internalCode?: string;
  holdReason?: string;
}

/** A posting mutation: its input under `input`, the posted document under `Field`. */
type Posting<Field extends string, Input> = TypedDocumentNode<
  Record<Field, PostedDocument>,
  { input: Input }
>;
/** The input of a document of stock lines; the same `idempotencyKey` never posts twice. */
interface LinesInput {
  lines: StockLineInput[];
  idempotencyKey?: string;
}
/** Write-off, hold and release: a warehouse, the reason, lines. */
export type ReasonLinesInput = LinesInput & { warehouseId: string; reason: string };

export const SHIP_STOCK: Posting<
  'shipStock',
  LinesInput & { customerId: string; warehouseId: string; reference?: string; note?: string }
> = gql`
  mutation DemoShipStock($input: ShipStockInput!) {
    shipStock(input: $input) {
      ...DemoPostedDocument
    }
  }
  ${POSTED}
`;

export const RECEIVE_STOCK: Posting<
  'receiveStock',
  LinesInput & { warehouseId: string; supplierId?: string; reference?: string; note?: string }
> = gql`
  mutation DemoReceiveStock($input: ReceiveStockInput!) {
    receiveStock(input: $input) {
      ...DemoPostedDocument
    }
  }
  ${POSTED}
`;

export const RETURN_STOCK: Posting<
  'returnStock',
  {
    shipmentId: string;
    serials: string[];
    condition: ReturnCondition;
    reason?: string;
    warehouseId?: string;
    idempotencyKey?: string;
  }
> = gql`
  mutation DemoReturnStock($input: ReturnStockInput!) {
    returnStock(input: $input) {
      ...DemoPostedDocument
    }
  }
  ${POSTED}
`;

export const TRANSFER_STOCK: Posting<
  'transferStock',
  LinesInput & { fromWarehouseId: string; toWarehouseId: string; note?: string }
> = gql`
  mutation DemoTransferStock($input: TransferStockInput!) {
    transferStock(input: $input) {
      ...DemoPostedDocument
    }
  }
  ${POSTED}
`;

export const WRITE_OFF_STOCK: Posting<'writeOffStock', ReasonLinesInput> = gql`
  mutation DemoWriteOffStock($input: WriteOffStockInput!) {
    writeOffStock(input: $input) {
      ...DemoPostedDocument
    }
  }
  ${POSTED}
`;

export const HOLD_STOCK: Posting<'holdStock', ReasonLinesInput> = gql`
  mutation DemoHoldStock($input: HoldStockInput!) {
    holdStock(input: $input) {
      ...DemoPostedDocument
    }
  }
  ${POSTED}
`;
export const RELEASE_STOCK: Posting<'releaseStock', ReasonLinesInput> = gql`
  mutation DemoReleaseStock($input: HoldStockInput!) {
    releaseStock(input: $input) {
      ...DemoPostedDocument
    }
  }
  ${POSTED}
`;

export const INTAKE_REPAIR: Posting<
  'intakeRepair',
  { serialId: string; warehouseId: string; note?: string; idempotencyKey?: string }
> = gql`
  mutation DemoIntakeRepair($input: IntakeRepairInput!) {
    intakeRepair(input: $input) {
      ...DemoPostedDocument
    }
  }
  ${POSTED}
`;

export const RELEASE_REPAIR: Posting<
  'releaseRepair',
  { serialId: string; replacementSerialId?: string; note?: string; idempotencyKey?: string }
> = gql`
  mutation DemoReleaseRepair($input: ReleaseRepairInput!) {
    releaseRepair(input: $input) {
      ...DemoPostedDocument
    }
  }
  ${POSTED}
`;

/** A receipt posted by the Receive screen itself (units with details), answering what ReceiveSerialsForm's onReceived takes. */
export const RECEIVE_UNITS: TypedDocumentNode<
  { receiveStock: ReceivedDocument },
  { input: LinesInput & { warehouseId: string; supplierId?: string; reference?: string } }
> = gql`
  mutation DemoReceiveUnits($input: ReceiveStockInput!) {
    receiveStock(input: $input) {
      id
      number
      type
      postedAt
      warehouse {
        id
        code
        name
      }
      lines {
        quantity
        product {
          id
          name
        }
      }
    }
  }
`;

// ---- product settings -------------------------------------------------------------------------

/** What the product settings form sends; `id` only on update (SKU is fixed once created). */
export interface ProductInput {
  id?: string;
  sku?: string;
  name: string;
  trackingMode: TrackingMode;
  serialFormat: string | null;
  serialPreset: SerialPreset | null;
  numberTemplate: string | null;
  warrantyMonths: number | null;
  barcodes: string[];
}
export const CREATE_PRODUCT: TypedDocumentNode<
  { createProduct: Product },
  { input: Omit<ProductInput, 'id'> }
> = gql`
  mutation DemoCreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      ...DemoProduct
    }
  }
  ${PRODUCT}
`;
export const UPDATE_PRODUCT: TypedDocumentNode<
  { updateProduct: Product },
  { input: Omit<ProductInput, 'sku'> }
> = gql`
  mutation DemoUpdateProduct($input: UpdateProductInput!) {
    updateProduct(input: $input) {
      ...DemoProduct
    }
  }
  ${PRODUCT}
`;

// ---- numbers from a product's template, and receipts of them --------------------------------

export interface SerialReservation extends Ref {
  count: number;
  received: number;
  state: 'ACTIVE' | 'CONSUMED' | 'EXPIRED';
  firstNumber: string;
  lastNumber: string;
  createdAt: string;
  expiresAt: string;
  numbers: string[];
  product: { id: string; sku: string; name: string };
}
const RESERVATION = gql`
  fragment DemoReservation on SerialReservation {
    id
    count
    received
    state
    firstNumber
    lastNumber
    createdAt
    expiresAt
    numbers
    product {
      id
      sku
      name
    }
  }
`;

export const RESERVE_SERIALS: TypedDocumentNode<
  { reserveSerials: SerialReservation },
  { productId: string; count: number; idempotencyKey?: string }
> = gql`
  mutation DemoReserveSerials($productId: ID!, $count: Int!, $idempotencyKey: String) {
    reserveSerials(productId: $productId, count: $count, idempotencyKey: $idempotencyKey) {
      ...DemoReservation
    }
  }
  ${RESERVATION}
`;

export const SERIAL_RESERVATION: TypedDocumentNode<
  { serialReservation: SerialReservation | null },
  { id: string }
> = gql`
  query DemoSerialReservation($id: ID!) {
    serialReservation(id: $id) {
      ...DemoReservation
    }
  }
  ${RESERVATION}
`;

/** A receipt whose numbers the API made (generate or reservation): answered with the numbers it recorded. */
export interface ReceiptWithNumbers extends PostedDocument {
  lines: { quantity: number; serials: { id: string; number: string }[] }[];
}
export const RECEIVE_MADE_NUMBERS: TypedDocumentNode<
  { receiveStock: ReceiptWithNumbers },
  { input: LinesInput & { warehouseId: string; supplierId?: string; reference?: string } }
> = gql`
  mutation DemoReceiveMadeNumbers($input: ReceiveStockInput!) {
    receiveStock(input: $input) {
      ...DemoPostedDocument
      lines {
        quantity
        serials {
          id
          number
        }
      }
    }
  }
  ${POSTED}
`;

/** Live: any document of the organization just posted (by this clerk or another). */
export const DOCUMENT_POSTED: TypedDocumentNode<
  { documentPosted: { id: string; number: string } },
  Record<string, never>
> = gql`
  subscription DemoDocumentPosted {
    documentPosted {
      id
      number
    }
  }
`;

/** Live: a unit changed by a document just posted. */
export const SERIAL_CHANGED: TypedDocumentNode<
  { serialChanged: { id: string; status: string } },
  { number: string }
> = gql`
  subscription DemoSerialChanged($number: String!) {
    serialChanged(number: $number) {
      id
      status
    }
  }
`;
