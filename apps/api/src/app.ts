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
import { createSchema } from './graphql/schema';
import { authenticate, ensureBootstrapKey } from './modules/auth/auth.service';

export interface AppOptions {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  bootstrapKey?: string;
  landingPage?: boolean;
  /** Query and database limits; defaults for whatever is not given. */
  limits?: { query?: Partial<QueryLimits>; database?: Partial<DatabaseLimits> };
  /** Lets a host (the demo) mount more routes, e.g. its static app, before the server listens. */
  extend?: (app: Express, db: Database) => void | Promise<void>;
}

/** A started server: database → ORM → schema → Apollo → HTTP. */
export interface RunningApp {
  url: string;
  port: number;
  db: Database;
  close(): Promise<void>;
}

export async function startApp(opts: AppOptions): Promise<RunningApp> {
  const queryLimits = { ...DEFAULT_QUERY_LIMITS, ...opts.limits?.query };
  const databaseLimits = { ...DEFAULT_DATABASE_LIMITS, ...opts.limits?.database };
  const db = await openDatabase({
    databaseUrl: opts.databaseUrl,
    dataDir: opts.dataDir,
    limits: databaseLimits,
  });
  try {
    if (opts.bootstrapKey) await ensureBootstrapKey(db.orm.em.fork(), opts.bootstrapKey);
    const schema = await createSchema();
    const app = express();
    const httpServer = http.createServer(app);
    const apollo = new ApolloServer<RequestContext>({
      schema,
      formatError,
      includeStacktraceInErrorResponses: false,
      parseOptions: parseOptionsFor(queryLimits),
      plugins: [
        queryLimitsPlugin(queryLimits),
        ApolloServerPluginDrainHttpServer({ httpServer }),
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
    app.use(
      '/graphql',
      cors(),
      express.json({ limit: '50mb' }),
      db.gate.middleware,
      expressMiddleware(apollo, {
        context: async ({ req }): Promise<RequestContext> => {
          const em = db.orm.em.fork();
          const key = await authenticate(em, req.headers.authorization);
          if (!key) {
            throw new GraphQLError('Send a valid API key: Authorization: Bearer <key>.', {
              extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
            });
          }
          db.gate.enterOrganization(key.organizationId);
          return {
            em,
            organizationId: key.organizationId,
            actor: key.name,
            role: key.role,
            loaders: createLoaders(em, key.organizationId),
          };
        },
      }),
    );
    await opts.extend?.(app, db);

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(opts.port, opts.host, resolve);
    });
    const { port } = httpServer.address() as AddressInfo;
    return {
      url: `http://${opts.host}:${port}`,
      port,
      db,
      close: async () => {
        await apollo.stop();
        await db.close();
      },
    };
  } catch (e) {
    await db.close();
    throw e;
  }
}
