import { EntitySchema } from '@mikro-orm/core';
import type { PartyRole } from '@serialgraph/domain';

/** A supplier, a customer, or both. */
export interface Party {
  id: string;
  organizationId: string;
  name: string;
  roles: PartyRole[];
  /** Contact data, for reaching a customer who has a recalled unit. */
  email: string | null;
  phone: string | null;
  address: string | null;
  createdAt: Date;
}

export const PartyEntity = new EntitySchema<Party>({
  name: 'Party',
  tableName: 'party',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'uuid', primary: true }, // the key is (organization_id, id)
    name: { type: 'text' },
    roles: { type: 'text[]', columnType: 'text[]' },
    email: { type: 'text', nullable: true },
    phone: { type: 'text', nullable: true },
    address: { type: 'text', nullable: true },
    createdAt: { type: 'Date', onCreate: () => new Date() },
  },
});
