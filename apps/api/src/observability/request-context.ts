import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from './logger';
import { processLog } from './logger';

/** What is known about one HTTP request by the time it is logged and counted. */
export interface RequestRecord {
  requestId: string;
  /** GraphQL: the operation's type and (client-chosen, shortened) name. */
  operationType?: string;
  operationName?: string;
  /** GraphQL: top-level fields that exist in the schema (a bounded set: safe as metric labels). */
  fields?: string[];
  organizationId?: string;
  /** `extensions.code` of the first error, once known. */
  outcome?: string;
  /** A posting: how many serials its input names. */
  serials?: number;
}

interface RequestScope {
  log: Logger;
  record: RequestRecord;
}

const scopes = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/** The current request's logger (its lines carry the request id), or the process's outside a request. */
export function currentLog(): Logger {
  return scopes.getStore()?.log ?? processLog();
}

/** The record of the request whose code is running, if any. */
export function currentRequestRecord(): RequestRecord | undefined {
  return scopes.getStore()?.record;
}

/** Notes the outcome code of a refusal answered outside GraphQL (401, 413, 429…). */
export function noteOutcome(code: string): void {
  const record = currentRequestRecord();
  if (record) record.outcome = code;
}
