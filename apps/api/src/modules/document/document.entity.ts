import { EntitySchema } from '@mikro-orm/core';
import type { DocumentType } from '@serialgraph/domain';

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

export const DocumentEntity = new EntitySchema<DocumentRow>({
  name: 'Document',
  tableName: 'document',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'uuid' },
    type: { type: 'text' },
    seq: { type: 'integer' },
    number: { type: 'text' },
    postedAt: { type: 'Date' },
    reference: { type: 'text', nullable: true },
    note: { type: 'text', nullable: true },
    warehouseId: { type: 'uuid', nullable: true },
    toWarehouseId: { type: 'uuid', nullable: true },
    partyId: { type: 'uuid', nullable: true },
    basedOnId: { type: 'uuid', nullable: true },
    actor: { type: 'text' },
    idempotencyKey: { type: 'text', nullable: true },
    requestHash: { type: 'text', nullable: true },
  },
});

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

export const DocumentLineEntity = new EntitySchema<DocumentLineRow>({
  name: 'DocumentLine',
  tableName: 'document_line',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'uuid' },
    documentId: { type: 'uuid' },
    lineNo: { type: 'integer' },
    productId: { type: 'uuid' },
    quantity: { type: 'integer' },
    unitCost: { type: 'decimal', nullable: true },
    totalCost: { type: 'decimal', nullable: true },
  },
});
