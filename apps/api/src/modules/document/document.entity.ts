import { EntitySchema } from '@mikro-orm/core';
import type { DocumentType } from '@serialgraph/domain';
import { entityProperties, type Columns } from '../../common/columns';
import { entitySelect } from '../../common/entity-columns';

/** A posted document: immutable once written, numbered gaplessly per organization and type. */
export interface DocumentRow {
  id: string;
  organizationId: string;
  type: DocumentType;
  seq: number;
  number: string;
  postedAt: Date;
  reference: string | null;
  note: string | null;
  warehouseId: string | null;
  toWarehouseId: string | null;
  partyId: string | null;
  basedOnId: string | null;
  actor: string;
  idempotencyKey: string | null;
  requestHash: string | null;
}

/** The one definition of the `document` row. */
export const DOCUMENT: Columns<DocumentRow> = {
  id: { column: 'id', type: 'uuid' },
  organizationId: { column: 'organization_id', type: 'uuid' },
  type: { column: 'type', type: 'text' },
  seq: { column: 'seq', type: 'int' },
  number: { column: 'number', type: 'text' },
  postedAt: { column: 'posted_at', type: 'timestamptz' },
  reference: { column: 'reference', type: 'text', nullable: true },
  note: { column: 'note', type: 'text', nullable: true },
  warehouseId: { column: 'warehouse_id', type: 'uuid', nullable: true },
  toWarehouseId: { column: 'to_warehouse_id', type: 'uuid', nullable: true },
  partyId: { column: 'party_id', type: 'uuid', nullable: true },
  basedOnId: { column: 'based_on_id', type: 'uuid', nullable: true },
  actor: { column: 'actor', type: 'text' },
  idempotencyKey: { column: 'idempotency_key', type: 'text', nullable: true },
  requestHash: { column: 'request_hash', type: 'text', nullable: true },
};

export const DocumentEntity = new EntitySchema<DocumentRow>({
  name: 'Document',
  tableName: 'document',
  properties: entityProperties(DOCUMENT),
});

/** Document columns (table alias `d`) aliased to the row's property names, for raw queries. */
export const DOCUMENT_COLUMNS = entitySelect(DocumentEntity, 'd').columns;

/** One product on a document; its serials are the movements that name the line. */
export interface DocumentLineRow {
  id: string;
  organizationId: string;
  documentId: string;
  lineNo: number;
  productId: string;
  quantity: number;
  unitCost: string | null;
  totalCost: string | null;
}

/** The one definition of the `document_line` row. */
export const DOCUMENT_LINE: Columns<DocumentLineRow> = {
  id: { column: 'id', type: 'uuid' },
  organizationId: { column: 'organization_id', type: 'uuid' },
  documentId: { column: 'document_id', type: 'uuid' },
  lineNo: { column: 'line_no', type: 'int' },
  productId: { column: 'product_id', type: 'uuid' },
  quantity: { column: 'quantity', type: 'int' },
  unitCost: { column: 'unit_cost', type: 'numeric', nullable: true },
  totalCost: { column: 'total_cost', type: 'numeric', nullable: true },
};

export const DocumentLineEntity = new EntitySchema<DocumentLineRow>({
  name: 'DocumentLine',
  tableName: 'document_line',
  properties: entityProperties(DOCUMENT_LINE),
});
