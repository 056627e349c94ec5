import { AsyncLocalStorage } from 'node:async_hooks';
import { Semaphore } from 'async-mutex';
import type { DatabaseLimits } from './database-limits';

/** The part of knex's client that hands out pooled connections. */
interface PoolClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

type Release = () => void;

/** One GraphQL request's share of the pool. */
export class RequestShare {
  organizationId: string | undefined;
  /** The statement timeout in force for this request's statements (the posting one once it posts). */
  statementTimeoutMs: number;
  readonly connections: Semaphore;
  /** Connections held or being acquired past the request's own gate. */
  users = 0;
  turn: Promise<Release> | undefined;

  constructor(readonly limits: DatabaseLimits) {
    this.statementTimeoutMs = limits.statementTimeoutMs;
    this.connections = new Semaphore(limits.connectionsPerRequest);
  }

  /** Called when the request opens a write transaction (statement-timeout.ts sets its longer timeout). */
  enterPosting(): void {
    this.statementTimeoutMs = this.limits.postingStatementTimeoutMs;
  }
}

const shares = new AsyncLocalStorage<RequestShare>();

/** The share of the request whose code is running, if any (none for start-up, seeding, /healthz). */
export function currentRequestShare(): RequestShare | undefined {
  return shares.getStore();
}

/**
 * Keeps one request, and one organization, from taking the whole pool: a request uses at most
 * `connectionsPerRequest` connections at once, and while it holds any it has one of its
 * organization's `requestsPerOrganization` turns. A request that already holds a connection never
 * waits for a turn, so a posting transaction that needs a second connection cannot deadlock.
 * Work outside a request, or before its organization is known (the API-key lookup), passes freely.
 */
export class ConnectionGate {
  private readonly organizations = new Map<string, { turns: Semaphore; waiting: number }>();
  private readonly held = new WeakMap<object, Release>();

  constructor(private readonly limits: DatabaseLimits) {}

  /** Express middleware: the rest of the request runs with a share of its own. */
  readonly middleware = (_req: unknown, _res: unknown, next: () => void): void => {
    shares.run(new RequestShare(this.limits), next);
  };

  /** From now on the current request's database work counts against this organization. */
  enterOrganization(organizationId: string): void {
    const share = shares.getStore();
    if (share) share.organizationId = organizationId;
  }

  /** Wraps knex's acquire/release (every query and transaction takes its connection through them). */
  install(client: PoolClient): void {
    const acquire = client.acquireConnection.bind(client);
    const release = client.releaseConnection.bind(client);
    client.acquireConnection = async () => {
      const share = shares.getStore();
      if (!share?.organizationId) return acquire();
      const done = await this.admit(share);
      try {
        const connection = await acquire();
        this.held.set(connection as object, done);
        return connection;
      } catch (error) {
        done();
        throw error;
      }
    };
    client.releaseConnection = async (connection) => {
      const done = this.held.get(connection as object);
      this.held.delete(connection as object);
      try {
        return await release(connection);
      } finally {
        done?.();
      }
    };
  }

  private async admit(share: RequestShare): Promise<Release> {
    const [, releaseConnection] = await share.connections.acquire();
    share.users++;
    share.turn ??= this.takeTurn(share.organizationId!);
    const leave = () => {
      releaseConnection();
      if (--share.users > 0) return;
      const turn = share.turn!;
      share.turn = undefined;
      void turn.then((endTurn) => endTurn());
    };
    await share.turn;
    return leave;
  }

  private async takeTurn(organizationId: string): Promise<Release> {
    let organization = this.organizations.get(organizationId);
    if (!organization) {
      organization = { turns: new Semaphore(this.limits.requestsPerOrganization), waiting: 0 };
      this.organizations.set(organizationId, organization);
    }
    const org = organization;
    org.waiting++;
    const [, endTurn] = await org.turns.acquire();
    return () => {
      endTurn();
      if (--org.waiting === 0) this.organizations.delete(organizationId);
    };
  }
}
