import type { RequestContext } from '../../common/context';
import { createLoaders } from '../../common/loaders';
import type { Database } from '../../db/database';

/** No organization's id (ids are UUIDv7): an anonymous caller's context belongs to nobody. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * The GraphQL context of a caller without a key that public-request.ts let through: it belongs to
 * no organization and enters none at the connection gate (public-warranty.service.ts bounds its
 * share of the pool itself), and `anonymous` makes every `@Authorized` field refuse it.
 */
export function publicContext(db: Database): RequestContext {
  const em = db.orm.em.fork();
  return {
    em,
    organizationId: NOBODY,
    actor: 'anonymous',
    role: 'viewer',
    anonymous: true,
    loaders: createLoaders(em, NOBODY),
  };
}
