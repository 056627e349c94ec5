import { AsyncLocalStorage } from 'node:async_hooks';
import { currentRequestShare } from './connection-gate';
import { isUuid } from '../common/ids';
import { organizationScopedQuery } from './organization-scoped-query';

/**
 * The per-transaction setting the row-level security policies compare `organization_id` with (see
 * Migration20261130010000_roles_rls). It is always set with `is_local = true`: it dies with its
 * transaction, so a pooled server connection (PgBouncer in transaction mode) never carries one
 * organization's setting into another client's transaction.
 */
export const ORGANIZATION_SETTING = 'serialgraph.organization_id';

const scopes = new AsyncLocalStorage<string>();

/** Runs `work` as one organization outside an HTTP request (demo seed, scripts). */
export function inOrganization<T>(organizationId: string, work: () => Promise<T>): Promise<T> {
  return scopes.run(organizationId, work);
}

/** The organization whose statements are running: the request's, or an {@link inOrganization} scope's. */
export function currentOrganizationId(): string | undefined {
  return currentRequestShare()?.organizationId ?? scopes.getStore();
}

/** `select set_config(…)` for a transaction of the current organization; undefined outside one. */
export function organizationSettingSql(organizationId: string): string {
  if (!isUuid(organizationId)) throw new Error('organization id is not a uuid');
  // Inlined (never caller input: it comes from our own api_key row) so it can share one round trip.
  return `select set_config('${ORGANIZATION_SETTING}', '${organizationId}', true)`;
}

/** The setting as a statement with the organization as its one parameter. */
const SETTING_BY_PARAMETER = `select set_config('${ORGANIZATION_SETTING}', $1, true)`;

/** The part of knex's PostgreSQL client that sends one statement on one connection. */
interface QueryClient {
  _query(connection: PgConnection, obj: KnexQuery): Promise<unknown>;
}
/** What knex hands to `_query`: the SQL, its bindings, and pg options (`{}` in this app). */
interface KnexQuery {
  sql?: string;
  bindings?: unknown[];
  options?: unknown;
}
interface PgConnection {
  /** Set by knex while the connection belongs to a transaction. */
  __knexTxId?: string;
  query(text: string, callback: (err: Error | null) => void): void;
}

function simpleQuery(connection: PgConnection, text: string): Promise<void> {
  return new Promise((resolve, reject) => connection.query(text, (err) => (err ? reject(err) : resolve())));
}

/**
 * A statement of an organization that runs outside any transaction (the reads: MikroORM's finds,
 * the loaders, raw SQL) gets one of its own that carries the setting. A statement with bind
 * parameters (every read) travels in ONE round trip with it (organization-scoped-query.ts: the setting
 * and the statement pipelined before one Sync, which PostgreSQL runs as one implicit transaction).
 * Any other (no parameters: pg would send it as a simple query, possibly several statements) keeps
 * `begin; set_config(…)` in one round trip before it and `commit` after it. Statements inside a
 * transaction get the setting when it starts (statement-timeout.ts, in the statement that sets its
 * timeout). Work outside any organization (the API-key lookup, /healthz, start-up) runs as before
 * and sees no tenant rows.
 */
export function installTenantScope(client: QueryClient): void {
  const send = client._query.bind(client);
  client._query = (connection, obj) => {
    const organizationId = currentOrganizationId();
    if (!organizationId || connection.__knexTxId) return send(connection, obj);
    if (obj.bindings?.length && isEmpty(obj.options))
      return send(scopedConnection(connection, organizationId), obj);
    return (async () => {
      await simpleQuery(connection, `begin; ${organizationSettingSql(organizationId)}`);
      let value: unknown;
      try {
        value = await send(connection, obj);
      } catch (error) {
        await simpleQuery(connection, 'rollback').catch(() => undefined);
        throw error;
      }
      await simpleQuery(connection, 'commit');
      return value;
    })();
  };
}

/** No pg options (a named statement, a cursor's row count…): knex passes `{}` for MikroORM's statements. */
function isEmpty(options: unknown): boolean {
  return (
    options === undefined || (typeof options === 'object' && options !== null && !Object.keys(options).length)
  );
}

/** The connection as knex's `_query` uses it (only `query(config, callback)`), scoped to one organization. */
function scopedConnection(connection: PgConnection, organizationId: string): PgConnection {
  if (!isUuid(organizationId)) throw new Error('organization id is not a uuid');
  return {
    query: (config: unknown, callback: (err: Error | null) => void) =>
      connection.query(
        organizationScopedQuery(connection, config, SETTING_BY_PARAMETER, organizationId) as never,
        callback,
      ),
  };
}
