import { EntitySchema } from '@mikro-orm/core';

/** A tenant: every row of the serial graph belongs to exactly one organization. */
export interface Organization {
  id: string;
  name: string;
  createdAt: Date;
}

export const OrganizationEntity = new EntitySchema<Organization>({
  name: 'Organization',
  tableName: 'organization',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text' },
    createdAt: { type: 'Date', onCreate: () => new Date() },
  },
});
