import { EntitySchema } from '@mikro-orm/core';
import type { SerialStatus } from '@serialgraph/domain';
import { entityProperties, type Columns } from '../../common/columns';
import { entitySelect } from '../../common/entity-columns';

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
  /** The organization's own code or asset tag beside the real serial; unique per organization, case-insensitively. */
  internalCode: string | null;
}

/** The one definition of the `serial` row: entity, select lists and writes derive from it. */
export const SERIAL: Columns<SerialRow> = {
  id: { column: 'id', type: 'uuid' },
  organizationId: { column: 'organization_id', type: 'uuid' },
  productId: { column: 'product_id', type: 'uuid' },
  number: { column: 'number', type: 'text' },
  status: { column: 'status', type: 'text' },
  warehouseId: { column: 'warehouse_id', type: 'uuid', nullable: true },
  supplierId: { column: 'supplier_id', type: 'uuid', nullable: true },
  customerId: { column: 'customer_id', type: 'uuid', nullable: true },
  receivedInId: { column: 'received_in_id', type: 'uuid' },
  receivedAt: { column: 'received_at', type: 'timestamptz' },
  shippedAt: { column: 'shipped_at', type: 'timestamptz', nullable: true },
  lastShipmentId: { column: 'last_shipment_id', type: 'uuid', nullable: true },
  unitCost: { column: 'unit_cost', type: 'numeric', nullable: true },
  warrantyStartsAt: { column: 'warranty_starts_at', type: 'timestamptz', nullable: true },
  warrantyEndsAt: { column: 'warranty_ends_at', type: 'timestamptz', nullable: true },
  repairCount: { column: 'repair_count', type: 'int' },
  holdReason: { column: 'hold_reason', type: 'text', nullable: true },
  replacedById: { column: 'replaced_by_id', type: 'uuid', nullable: true },
  replacesId: { column: 'replaces_id', type: 'uuid', nullable: true },
  internalCode: { column: 'internal_code', type: 'text', nullable: true },
};

export const SerialEntity = new EntitySchema<SerialRow>({
  name: 'Serial',
  tableName: 'serial',
  properties: entityProperties(SERIAL),
});

/** Serial columns (table alias `s`) aliased to the row's property names, for raw queries. */
export const SERIAL_COLUMNS = entitySelect(SerialEntity, 's').columns;
