import { EntitySchema } from '@mikro-orm/core';

/** Roles in increasing power: viewer queries, clerk also posts documents, admin does everything. */
export type Role = 'viewer' | 'clerk' | 'admin';

/** An API key; only its SHA-256 hash is stored. */
export interface ApiKey {
  id: string;
  organizationId: string;
  name: string;
  role: Role;
  keyHash: string;
  createdAt: Date;
}

export const ApiKeyEntity = new EntitySchema<ApiKey>({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'uuid', primary: true }, // the key is (organization_id, id)
    name: { type: 'text' },
    role: { type: 'text' },
    keyHash: { type: 'text' },
    createdAt: { type: 'Date', onCreate: () => new Date() },
  },
});
