import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  getOperationAST,
  GraphQLError,
  parse,
  subscribe,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { ErrorCode } from '@serialgraph/domain';
import { formatError } from '../../common/errors';
import { logFailure } from '../../common/log';
import { createLoaders } from '../../common/loaders';
import type { ConnectionGate } from '../../db/connection-gate';
import type { Database } from '../../db/database';
import { inOrganization } from '../../db/tenancy';
import { checkQuery, n } from '../../graphql/limits/query-check';
import type { QueryLimits } from '../../graphql/limits/query-limits';
import type { RateLimiter } from '../../http/rate-limit';
import type { ApiKey } from '../auth/api-key.entity';
import { authenticate } from '../auth/auth.service';
import type { SubscriptionContext } from './event-stream';
import type { EventsConfig } from './events-config';
import { OutboxRelay } from './outbox-relay';

/** Close codes beside graphql-ws's own (4403 Forbidden for a missing or bad key, 4400 bad messages). */
const TOO_MANY_CONNECTIONS = 4429;
const PATH = '/graphql';

export interface LiveEvents {
  relay: OutboxRelay;
  close(): Promise<void>;
}

/**
 * GraphQL subscriptions (graphql-ws over `ws`) on the API's own port and path. The key comes in
 * `connectionParams.authorization` ("Bearer <key>"); without a valid one the connection is closed
 * (4403). Only subscriptions are served here (queries and mutations go over HTTP, with its limits);
 * each is checked against the same query limits, counts against the key's rate limit, and a
 * connection holds at most `maxSubscriptionsPerConnection`, a key at most `maxConnectionsPerKey`.
 */
export async function mountSubscriptions(
  httpServer: Server,
  deps: {
    schema: GraphQLSchema;
    db: Database;
    rateLimiter: RateLimiter;
    queryLimits: QueryLimits;
    config: EventsConfig;
    reservationTtlMinutes?: number;
  },
): Promise<LiveEvents> {
  const { schema, db, rateLimiter, queryLimits, config } = deps;
  const relay = new OutboxRelay(db, config);
  await relay.start();
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (pathOf(req) !== PATH) {
      // Another upgrade handler may want it; with none, do not leave the socket hanging.
      if (httpServer.listenerCount('upgrade') === 1) socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  httpServer.on('upgrade', onUpgrade);

  const keys = new WeakMap<WebSocket, ApiKey>();
  const connectionsPerKey = new Map<string, number>();

  const disposable = useServer(
    {
      schema,
      onConnect: connectSafely(async (ctx) => {
        const { socket, request } = ctx.extra;
        const header = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const key = typeof header === 'string' ? await authenticate(db.orm.em.fork(), header) : null;
        if (!key) {
          await rateLimiter.consumeUnauthenticated(request.socket.remoteAddress ?? 'unknown');
          return false; // 4403 Forbidden
        }
        const wait = await rateLimiter.consumeKey(key.id);
        if (wait) {
          socket.close(
            TOO_MANY_CONNECTIONS,
            `Rate limited: ${rateLimiter.limits.perKeyPerMinute} per minute; retry in ${wait} s.`,
          );
          return false;
        }
        const held = connectionsPerKey.get(key.id) ?? 0;
        if (held >= config.maxConnectionsPerKey) {
          socket.close(
            TOO_MANY_CONNECTIONS,
            `Too many connections for this API key: the limit is ${config.maxConnectionsPerKey}.`,
          );
          return false;
        }
        connectionsPerKey.set(key.id, held + 1);
        keys.set(socket, key);
        socket.once('close', () => {
          const left = (connectionsPerKey.get(key.id) ?? 1) - 1;
          if (left > 0) connectionsPerKey.set(key.id, left);
          else connectionsPerKey.delete(key.id);
        });
        return true;
      }),
      onSubscribe: subscribeSafely(async (ctx, id, payload) => {
        const key = keys.get(ctx.extra.socket);
        if (!key)
          return [
            refusal(ErrorCode.UNAUTHENTICATED, 'Send a valid API key in connectionParams.authorization.'),
          ];
        const wait = await rateLimiter.consumeKey(key.id);
        if (wait)
          return [
            refusal(
              ErrorCode.RATE_LIMITED,
              `Too many requests for this API key: the limit is ${rateLimiter.limits.perKeyPerMinute} per minute. Try again in ${wait} s.`,
              { limitPerMinute: rateLimiter.limits.perKeyPerMinute, retryAfterSeconds: wait },
            ),
          ];
        const open = Object.keys(ctx.subscriptions).filter((other) => other !== id).length;
        if (open >= config.maxSubscriptionsPerConnection)
          return [
            refusal(
              ErrorCode.TOO_MANY_SUBSCRIPTIONS,
              `This connection already holds ${n(open)} subscriptions, the limit is ${n(config.maxSubscriptionsPerConnection)}; complete one first or open another connection.`,
              { maximum: config.maxSubscriptionsPerConnection },
            ),
          ];
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: queryLimits.maxTokens });
        } catch (error) {
          return [
            error instanceof GraphQLError
              ? tokenRefusal(error, queryLimits)
              : refusal(ErrorCode.BAD_REQUEST, 'The query could not be read.'),
          ];
        }
        const validation = validate(schema, document);
        if (validation.length) return validation;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation)
          return [
            refusal(
              ErrorCode.BAD_REQUEST,
              'Name the operation to run (operationName): the document has several, or none.',
            ),
          ];
        if (operation.operation !== 'subscription')
          return [
            refusal(
              ErrorCode.BAD_REQUEST,
              `Only subscriptions are served over WebSocket; send this ${operation.operation} over HTTP: POST ${PATH}.`,
            ),
          ];
        const variables = (payload.variables ?? undefined) as Record<string, unknown> | undefined;
        const tooMuch = checkQuery({ schema, document, operation, variables }, queryLimits);
        if (tooMuch) return [tooMuch];
        const em = db.orm.em.fork();
        const contextValue: SubscriptionContext = {
          em,
          organizationId: key.organizationId,
          actor: key.name,
          role: key.role,
          loaders: createLoaders(em, key.organizationId),
          reservationTtlMinutes: deps.reservationTtlMinutes,
          events: relay,
        };
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: variables,
          contextValue,
        } satisfies ExecutionArgs;
      }),
      // Every statement of a delivery (the outbox reads, field resolvers) runs as the organization.
      async subscribe(args: ExecutionArgs) {
        const result = await subscribe(args);
        const ctx = args.contextValue as SubscriptionContext;
        return Symbol.asyncIterator in result ? scoped(result, ctx.organizationId, db.gate) : result;
      },
      onNext: (_ctx, _id, _payload, _args, result) => formatted(result as ExecutionResult),
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => format(e)),
    },
    wss,
  );

  // ws reports a frame it refused (over maxPayload: 1009) or a broken socket as an 'error' event and
  // closes the socket itself; graphql-ws would print it with its stack. One log line instead.
  wss.on('connection', (socket: WebSocket) => {
    socket.removeAllListeners('error');
    socket.on('error', (error) => void logFailure('warn', 'subscription socket error', error));
  });

  return {
    relay,
    async close() {
      httpServer.off('upgrade', onUpgrade);
      await disposable.dispose();
      await relay.close();
    },
  };
}

function pathOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return '';
  }
}

/**
 * Runs each step of a subscription's stream (reading a document's units, resolving its fields) as
 * a request of its organization: the tenant scope and row-level security apply, and it takes one of
 * the organization's turns at the database like any HTTP request (connection-gate.ts), so many
 * subscribers of one organization cannot crowd out the others.
 */
function scoped<T>(
  source: AsyncGenerator<T> | AsyncIterableIterator<T>,
  organizationId: string,
  gate: ConnectionGate,
): AsyncGenerator<T> {
  const it = source as AsyncGenerator<T>;
  let failed = false;
  return {
    next: () => {
      // A failure while delivering (the database gone, a bug) ends the subscription with one masked
      // error result: thrown, graphql-ws would close the socket with the error's message as reason.
      if (failed) return Promise.resolve({ done: true, value: undefined as never });
      return new Promise<IteratorResult<T>>((resolve) =>
        gate.middleware(undefined, undefined, () => {
          gate.enterOrganization(organizationId);
          inOrganization(organizationId, () => it.next()).then(resolve, (error: unknown) => {
            failed = true;
            resolve({ done: false, value: { errors: [asGraphQLError(error)] } as T });
          });
        }),
      );
    },
    return: (value?: unknown) =>
      it.return?.(value as never) ?? Promise.resolve({ done: true, value: undefined as never }),
    throw: (error?: unknown) => it.throw?.(error) ?? Promise.reject(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  } as AsyncGenerator<T>;
}

function refusal(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

function tokenRefusal(error: GraphQLError, limits: QueryLimits): GraphQLError {
  if (!/Document contains more th(?:an|at) \d+ tokens/.test(error.message)) return error;
  return refusal(
    ErrorCode.QUERY_TOO_COMPLEX,
    `This document has more than ${n(limits.maxTokens)} tokens, the token limit; it was not read further.`,
    { limit: 'tokens', maximum: limits.maxTokens },
  );
}

/** The same error shape as over HTTP: stable codes, masked internals, no stack traces. */
function format(error: GraphQLError) {
  const { http: _http, ...extensions } = (error.extensions ?? {}) as Record<string, unknown>;
  const shaped = formatError({ ...error.toJSON(), extensions }, error);
  const { http: _h, ...rest } = (shaped.extensions ?? {}) as Record<string, unknown>;
  return { ...shaped, extensions: rest };
}

function formatted(result: ExecutionResult) {
  return result.errors ? { ...result, errors: result.errors.map(format) } : result;
}

type WsContext = Context<Record<string, unknown> | undefined, Extra>;

/**
 * graphql-ws closes the socket with the error's message as its reason (outside production) when a
 * hook throws: a database error's message is its SQL. A failure to check the key closes with 1013
 * (try again later) and a plain reason instead.
 */
function connectSafely(hook: (ctx: WsContext) => Promise<boolean>) {
  return async (ctx: WsContext): Promise<boolean> => {
    try {
      return await hook(ctx);
    } catch (error) {
      logFailure('warn', 'subscription connection not checked', error);
      ctx.extra.socket.close(1013, 'The service is briefly unavailable; reconnect in a moment.');
      return false;
    }
  };
}

/** A failing subscribe hook answers the operation with a masked error, as over HTTP. */
function subscribeSafely(
  hook: (
    ctx: WsContext,
    id: string,
    payload: SubscribePayload,
  ) => Promise<ExecutionArgs | readonly GraphQLError[]>,
) {
  return async (ctx: WsContext, id: string, payload: SubscribePayload) => {
    try {
      return await hook(ctx, id, payload);
    } catch (error) {
      return [asGraphQLError(error)];
    }
  };
}

/** An unexpected error, kept as the original so formatError masks it (and logs it under an errorId). */
function asGraphQLError(error: unknown): GraphQLError {
  return new GraphQLError('Internal server error', {
    originalError: error instanceof Error ? error : new Error(String(error)),
  });
}
