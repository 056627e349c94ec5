import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type Express } from 'express';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@serialgraph/domain';
import type { RequestContext } from './common/context';
import { formatError } from './common/errors';
import { createLoaders } from './common/loaders';
import { openDatabase, type Database } from './db/database';
import { DEFAULT_DATABASE_LIMITS, type DatabaseLimits } from './db/database-limits';
import { parseOptionsFor, queryLimitsPlugin } from './graphql/limits/query-limits-plugin';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql/limits/query-limits';
import { longListsPlugin } from './graphql/long-lists/long-lists-plugin';
import { createSchema } from './graphql/schema';
import { authenticateRequests, callerKey, UNAUTHENTICATED_MESSAGE } from './http/authenticate';
import {
  handleHttpErrors,
  notFound,
  retryLaterOnTransientFailure,
  serviceUnavailableStatus,
} from './http/http-errors';
import { DEFAULT_MAX_BODY_BYTES, jsonBody } from './http/json-body';
import {
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DEFAULT_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE,
  RateLimiter,
} from './http/rate-limit';
import { ensureBootstrapKey } from './modules/auth/auth.service';
import { mountLabels } from './modules/labels/labels.route';
import { publicContext } from './modules/warranty/public-context';
import { DEFAULT_PUBLIC_WARRANTY_RATE_LIMIT_PER_MINUTE } from './modules/warranty/public-limits';
import { isPublicWarrantyCall, publicWarrantyRequests } from './modules/warranty/public-request';
import { DEFAULT_EVENTS_CONFIG, type EventsConfig } from './modules/events/events-config';
import { mountSubscriptions, type LiveEvents } from './modules/events/ws-server';
import { subscriptionsOverHttpRefused } from './modules/events/http-subscriptions';
import type { CsvOptions } from './modules/csv/csv-config';
import { mountCsv } from './modules/csv/csv.route';
import { observability, type ObservabilityOptions } from './observability';
import { DEFAULT_WEBHOOKS_CONFIG, type WebhooksConfig } from './modules/webhooks/webhooks-config';
import { startWebhookWorker, type WebhookWorker } from './modules/webhooks/webhook-worker';

export interface AppOptions extends ObservabilityOptions {
  port: number;
  host: string;
  databaseUrl?: string;
  /** The owner's connection for migrations (DATABASE_MIGRATION_URL); databaseUrl when unset. */
  migrationUrl?: string;
  /** DATABASE_READ_URL: a streaming replica for the serials report, documents list and lookups. */
  readDatabaseUrl?: string;
  dataDir: string;
  bootstrapKey?: string;
  landingPage?: boolean;
  /** Largest request body read, in bytes (SERIALGRAPH_MAX_BODY_BYTES); default 8 MiB. */
  maxBodyBytes?: number;
  /** Requests per minute per API key (SERIALGRAPH_RATE_LIMIT_PER_MINUTE); 0 disables. */
  rateLimitPerMinute?: number;
  /** Requests per minute per address without a valid key (SERIALGRAPH_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE). */
  unauthenticatedRateLimitPerMinute?: number;
  /** Public warranty lookups per minute per address (SERIALGRAPH_PUBLIC_WARRANTY_RATE_LIMIT_PER_MINUTE); 0 disables. */
  publicWarrantyRateLimitPerMinute?: number;
  /** Query and database limits; defaults for whatever is not given. */
  limits?: { query?: Partial<QueryLimits>; database?: Partial<DatabaseLimits> };
  /** Minutes reserved serial numbers stay receivable (SERIALGRAPH_RESERVATION_TTL_MINUTES); default 1440. */
  reservationTtlMinutes?: number;
  /** CSV export and import limits (modules/csv/csv-config.ts); defaults for whatever is not given. */
  csv?: Partial<CsvOptions>;
  /** Lets a host (the demo) mount more routes, e.g. its static app, before the server listens. */
  extend?: (app: Express, db: Database) => void | Promise<void>;
  /** Subscriptions over WebSocket (modules/events); defaults for whatever is not given. */
  events?: Partial<EventsConfig>;
  /** Webhook relay, worker and URL policy (modules/webhooks); defaults for whatever is not given. */
  webhooks?: Partial<WebhooksConfig>;
}

/** A started server: database → ORM → schema → Apollo → HTTP. */
export interface RunningApp {
  url: string;
  port: number;
  db: Database;
  /** The metrics port, when SERIALGRAPH_METRICS_PORT is set. */
  metricsPort?: number;
  /** Subscriptions: the WebSocket server and this process's outbox relay. */
  events: LiveEvents;
  /** This process's webhook relay and delivery worker (none with SERIALGRAPH_WEBHOOKS=off). */
  webhooks?: WebhookWorker;
  close(): Promise<void>;
}

export async function startApp(opts: AppOptions): Promise<RunningApp> {
  const queryLimits = { ...DEFAULT_QUERY_LIMITS, ...opts.limits?.query };
  const databaseLimits = { ...DEFAULT_DATABASE_LIMITS, ...opts.limits?.database };
  const db = await openDatabase({
    databaseUrl: opts.databaseUrl,
    migrationUrl: opts.migrationUrl,
    readDatabaseUrl: opts.readDatabaseUrl,
    dataDir: opts.dataDir,
    limits: databaseLimits,
  });
  let events: LiveEvents | undefined;
  let webhooks: WebhookWorker | undefined;
  const webhooksConfig = { ...DEFAULT_WEBHOOKS_CONFIG, ...opts.webhooks };
  try {
    if (opts.bootstrapKey) await ensureBootstrapKey(db.orm.em.fork(), opts.bootstrapKey);
    const schema = await createSchema();
    const observe = await observability(opts, db, schema);
    const app = express();
    observe.mount(app);
    const httpServer = http.createServer(app);
    const apollo = new ApolloServer<RequestContext>({
      schema,
      formatError,
      includeStacktraceInErrorResponses: false,
      parseOptions: parseOptionsFor(queryLimits),
      plugins: [
        ...observe.plugins,
        queryLimitsPlugin(queryLimits),
        longListsPlugin(),
        subscriptionsOverHttpRefused,
        ApolloServerPluginDrainHttpServer({ httpServer }),
        serviceUnavailableStatus,
        opts.landingPage
          ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
          : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
      ],
    });
    await apollo.start();

    app.get('/healthz', async (_req, res) => {
      try {
        await db.orm.em.fork().getConnection().execute('select 1');
        res.json({ status: 'ok' });
      } catch {
        res.status(503).json({ status: 'unavailable' });
      }
    });
    const rateLimiter = new RateLimiter({
      perKeyPerMinute: opts.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
      unauthenticatedPerMinute:
        opts.unauthenticatedRateLimitPerMinute ?? DEFAULT_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE,
    });
    app.use(
      '/graphql',
      cors(),
      // The key is looked up before the body is read: no key, no parsing.
      authenticateRequests(
        db,
        rateLimiter,
        publicWarrantyRequests(
          opts.publicWarrantyRateLimitPerMinute ?? DEFAULT_PUBLIC_WARRANTY_RATE_LIMIT_PER_MINUTE,
        ),
      ),
      jsonBody(opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
      db.gate.middleware,
      expressMiddleware(apollo, {
        context: retryLaterOnTransientFailure(async ({ res }): Promise<RequestContext> => {
          const key = callerKey(res);
          if (!key && isPublicWarrantyCall(res)) return publicContext(db);
          if (!key) {
            throw new GraphQLError(UNAUTHENTICATED_MESSAGE, {
              extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
            });
          }
          const em = db.orm.em.fork();
          db.gate.enterOrganization(key.organizationId);
          return {
            em,
            organizationId: key.organizationId,
            actor: key.name,
            role: key.role,
            loaders: createLoaders(em, key.organizationId),
            reservationTtlMinutes: opts.reservationTtlMinutes,
            webhooks: webhooksConfig,
          };
        }),
      }),
    );
    mountLabels(app, db, rateLimiter, opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    events = await mountSubscriptions(httpServer, {
      schema,
      db,
      rateLimiter,
      queryLimits,
      config: { ...DEFAULT_EVENTS_CONFIG, ...opts.events },
      reservationTtlMinutes: opts.reservationTtlMinutes,
    });
    mountCsv(app, db, rateLimiter, opts.csv);
    await opts.extend?.(app, db);
    if (webhooksConfig.enabled)
      webhooks = await startWebhookWorker(
        db,
        webhooksConfig,
        opts.events?.listenUrl ?? (db.orm.config.get('clientUrl') as string),
      );
    // Last: JSON instead of Express's HTML 404 and error pages (which show stack traces and paths).
    app.use(notFound);
    app.use(handleHttpErrors);

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(opts.port, opts.host, resolve);
    });
    const { port } = httpServer.address() as AddressInfo;
    const metricsPort = await observe.listen(opts.host);
    return {
      url: `http://${opts.host}:${port}`,
      port,
      db,
      metricsPort,
      events,
      webhooks,
      close: async () => {
        await webhooks?.close();
        await events!.close();
        await observe.close();
        await apollo.stop();
        await db.close();
      },
    };
  } catch (e) {
    await webhooks?.close();
    await events?.close();
    await db.close();
    throw e;
  }
}
