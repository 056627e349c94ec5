import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  CountScanVerdict,
  DocumentType,
  FoundReason,
  SerialStatus,
  StockCountStatus,
} from '@serialgraph/domain';

// The Stock count screen's operations, typed by hand like operations.ts.

export interface StockCountSummary {
  id: string;
  number: string;
  status: StockCountStatus;
  note: string | null;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  fixesPosted: boolean;
  expectedTotal: number;
  warehouse: { id: string; code: string; name: string };
  product: { id: string; sku: string; name: string } | null;
}

export interface CountedRow {
  number: string;
  scannedBy: string;
  reason: FoundReason | null;
  fixable: boolean;
  serial: {
    id: string;
    number: string;
    status: SerialStatus;
    product: { sku: string };
    warehouse: { code: string } | null;
    customer: { name: string } | null;
  } | null;
}
export interface MissingRow {
  id: string;
  number: string;
  status: SerialStatus;
  product: { sku: string };
}
interface Page<T> {
  totalCount: number;
  edges: { node: T }[];
}
export interface StockCountDetail extends StockCountSummary {
  counted: Page<CountedRow>;
  missing: Page<MissingRow>;
  found: Page<CountedRow>;
  documents: { id: string; number: string; type: DocumentType }[];
}

export interface CountScanResult {
  code: string;
  number: string | null;
  verdict: CountScanVerdict;
  message: string;
}

const SUMMARY = gql`
  fragment DemoStockCountSummary on StockCount {
    id
    number
    status
    note
    startedBy
    startedAt
    endedAt
    fixesPosted
    expectedTotal
    warehouse {
      id
      code
      name
    }
    product {
      id
      sku
      name
    }
  }
`;
const ROW = gql`
  fragment DemoStockCountRow on StockCountScan {
    number
    scannedBy
    reason
    fixable
    serial {
      id
      number
      status
      product {
        sku
      }
      warehouse {
        code
      }
      customer {
        name
      }
    }
  }
`;

export const STOCK_COUNTS: TypedDocumentNode<
  { stockCounts: StockCountSummary[] },
  Record<string, never>
> = gql`
  query DemoStockCounts {
    stockCounts(first: 20) {
      ...DemoStockCountSummary
    }
  }
  ${SUMMARY}
`;

/** One count with its three lists (the first 100 of each; totals count them all). */
export const STOCK_COUNT: TypedDocumentNode<{ stockCount: StockCountDetail | null }, { id: string }> = gql`
  query DemoStockCount($id: ID!) {
    stockCount(id: $id) {
      ...DemoStockCountSummary
      counted(first: 100) {
        totalCount
        edges {
          node {
            ...DemoStockCountRow
          }
        }
      }
      missing(first: 100) {
        totalCount
        edges {
          node {
            id
            number
            status
            product {
              sku
            }
          }
        }
      }
      found(first: 100) {
        totalCount
        edges {
          node {
            ...DemoStockCountRow
          }
        }
      }
      documents {
        id
        number
        type
      }
    }
  }
  ${SUMMARY}
  ${ROW}
`;

export const START_STOCK_COUNT: TypedDocumentNode<
  { startStockCount: StockCountSummary },
  { input: { warehouseId: string; productId: string | null; note: string | null } }
> = gql`
  mutation DemoStartStockCount($input: StartStockCountInput!) {
    startStockCount(input: $input) {
      ...DemoStockCountSummary
    }
  }
  ${SUMMARY}
`;

export const RECORD_COUNT_SCANS: TypedDocumentNode<
  { recordCountScans: { scans: CountScanResult[] } },
  { countId: string; numbers: string[]; idempotencyKey: string }
> = gql`
  mutation DemoRecordCountScans($countId: ID!, $numbers: [String!]!, $idempotencyKey: String) {
    recordCountScans(countId: $countId, numbers: $numbers, idempotencyKey: $idempotencyKey) {
      scans {
        code
        number
        verdict
        message
      }
    }
  }
`;

export const CLOSE_STOCK_COUNT: TypedDocumentNode<
  { closeStockCount: { id: string; status: StockCountStatus } },
  { input: { countId: string; postFixes: boolean } }
> = gql`
  mutation DemoCloseStockCount($input: CloseStockCountInput!) {
    closeStockCount(input: $input) {
      id
      status
    }
  }
`;

export const CANCEL_STOCK_COUNT: TypedDocumentNode<
  { cancelStockCount: { id: string; status: StockCountStatus } },
  { countId: string }
> = gql`
  mutation DemoCancelStockCount($countId: ID!) {
    cancelStockCount(countId: $countId) {
      id
      status
    }
  }
`;
