import { EntitySchema } from '@mikro-orm/core';
import type { SerialStatus } from '@serialgraph/domain';

/** One physical unit's current state; how it got there is its movements. */
export interface SerialRow {
  id: string;
  organizationId: string;
  productId: string;
  number: string;
  status: SerialStatus;
  warehouseId: string | null;
  supplierId: string | null;
  customerId: string | null;
  receivedInId: string;
  receivedAt: Date;
  shippedAt: Date | null;
  lastShipmentId: string | null;
  unitCost: string | null;
  warrantyStartsAt: Date | null;
  warrantyEndsAt: Date | null;
  repairCount: number;
  holdReason: string | null;
  replacedById: string | null;
  replacesId: string | null;
}

export const SerialEntity = new EntitySchema<SerialRow>({
  name: 'Serial',
  tableName: 'serial',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'uuid' },
    productId: { type: 'uuid' },
    number: { type: 'text' },
    status: { type: 'text' },
    warehouseId: { type: 'uuid', nullable: true },
    supplierId: { type: 'uuid', nullable: true },
    customerId: { type: 'uuid', nullable: true },
    receivedInId: { type: 'uuid' },
    receivedAt: { type: 'Date' },
    shippedAt: { type: 'Date', nullable: true },
    lastShipmentId: { type: 'uuid', nullable: true },
    unitCost: { type: 'decimal', nullable: true },
    warrantyStartsAt: { type: 'Date', nullable: true },
    warrantyEndsAt: { type: 'Date', nullable: true },
    repairCount: { type: 'integer' },
    holdReason: { type: 'text', nullable: true },
    replacedById: { type: 'uuid', nullable: true },
    replacesId: { type: 'uuid', nullable: true },
  },
});
