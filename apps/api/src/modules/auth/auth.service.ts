import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../../common/ids';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isTransientDatabaseError, retryOnce } from '../../common/transient';
import { ApiKeyEntity, type ApiKey, type Role } from './api-key.entity';
import { cachedKey } from './key-cache';
import { OrganizationEntity, type Organization } from './organization.entity';

export const ROLES: readonly Role[] = ['viewer', 'clerk', 'admin'];

/** Keys are 256-bit random strings, so a plain SHA-256 is enough to store them safely (no need for a slow KDF). */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random API key; shown once, stored only as its hash. */
export function generateKey(): string {
  return `sg_${randomBytes(32).toString('base64url')}`;
}

/** True when `role` may do what `required` may do. */
export function roleAllows(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

// Generated keys are 46 characters; a bootstrap key is whatever the operator chose, within reason.
const MAX_KEY_LENGTH = 512;

/**
 * The key behind an `Authorization: Bearer <key>` header, or null. A read, so a transient database
 * failure (a terminated connection) is retried once on a fresh connection; a second one is thrown.
 */
export async function authenticate(em: EntityManager, header: string | undefined): Promise<ApiKey | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match || match[1]!.length > MAX_KEY_LENGTH) return null;
  const keyHash = hashKey(match[1]!);
  return cachedKey(keyHash, () =>
    retryOnce(() => em.fork().findOne(ApiKeyEntity, { keyHash }), isTransientDatabaseError),
  );
}

export async function findOrCreateOrganization(em: EntityManager, name: string): Promise<Organization> {
  const existing = await em.findOne(OrganizationEntity, { name });
  if (existing) return existing;
  const org = em.create(OrganizationEntity, { id: newId(), name, createdAt: new Date() });
  await em.flush();
  return org;
}

/** Creates a key for the organization; with `key` given, that exact value (the bootstrap key). */
export async function createApiKey(
  em: EntityManager,
  organizationId: string,
  opts: { name: string; role: Role; key?: string },
): Promise<{ apiKey: ApiKey; key: string }> {
  const key = opts.key ?? generateKey();
  const apiKey = em.create(ApiKeyEntity, {
    id: newId(),
    organizationId,
    name: opts.name,
    role: opts.role,
    keyHash: hashKey(key),
    createdAt: new Date(),
  });
  await em.flush();
  return { apiKey, key };
}

/** Makes sure organization "default" exists with an admin key of exactly this value. */
export async function ensureBootstrapKey(em: EntityManager, key: string): Promise<void> {
  if (await em.findOne(ApiKeyEntity, { keyHash: hashKey(key) })) return;
  const org = await findOrCreateOrganization(em, 'default');
  await createApiKey(em, org.id, { name: 'bootstrap', role: 'admin', key });
}
