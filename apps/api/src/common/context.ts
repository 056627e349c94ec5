import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../modules/auth/api-key.entity';
import type { Loaders } from './loaders';
import type { WebhooksConfig } from '../modules/webhooks/webhooks-config';

/**
 * Everything a request carries: its own EntityManager fork, the caller's organization and role, and
 * the actor name stamped on every movement. Passed first to every service method.
 */
export interface RequestContext {
  em: EntityManager;
  organizationId: string;
  actor: string;
  role: Role;
  loaders: Loaders;
  /** When documents are posted; the real clock unless a seed replays a story over past weeks. */
  now?: () => Date;
  /** How long reserved serial numbers stay receivable (SERIALGRAPH_RESERVATION_TTL_MINUTES); default 24 h. */
  reservationTtlMinutes?: number;
  /** A caller without a key (the public warranty lookup): no `@Authorized` field answers it. */
  anonymous?: boolean;
  /** Webhook settings (the URL policy); defaults when absent. */
  webhooks?: WebhooksConfig;
}
