import { EntitySchema } from '@mikro-orm/core';

/** A storage location; units in storage are always in exactly one. */
export interface Warehouse {
  id: string;
  organizationId: string;
  code: string;
  name: string;
  createdAt: Date;
}

export const WarehouseEntity = new EntitySchema<Warehouse>({
  name: 'Warehouse',
  tableName: 'warehouse',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'uuid', primary: true }, // the key is (organization_id, id)
    code: { type: 'text' },
    name: { type: 'text' },
    createdAt: { type: 'Date', onCreate: () => new Date() },
  },
});
