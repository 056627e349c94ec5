import { EntitySchema } from '@mikro-orm/core';
import type { SerialPreset, TrackingMode } from '@serialgraph/domain';

/** A sellable item; serial tracking is switched on per product and never off. */
export interface Product {
  id: string;
  organizationId: string;
  sku: string;
  name: string;
  trackingMode: TrackingMode;
  serialFormat: string | null;
  serialPreset: SerialPreset | null;
  /** How numbers are made for units that arrive without one (see @serialgraph/domain number-template). */
  numberTemplate: string | null;
  warrantyMonths: number | null;
  createdAt: Date;
}

export const ProductEntity = new EntitySchema<Product>({
  name: 'Product',
  tableName: 'product',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'uuid', primary: true }, // the key is (organization_id, id)
    sku: { type: 'text' },
    name: { type: 'text' },
    trackingMode: { type: 'text' },
    serialFormat: { type: 'text', nullable: true },
    serialPreset: { type: 'text', nullable: true },
    numberTemplate: { type: 'text', nullable: true },
    warrantyMonths: { type: 'integer', nullable: true },
    createdAt: { type: 'Date', onCreate: () => new Date() },
  },
});
