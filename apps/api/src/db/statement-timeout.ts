import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { DomainError, ErrorCode } from '@serialgraph/domain';
import { sqlStateOf } from '../common/transient';
import { currentRequestShare } from './connection-gate';
import type { DatabaseLimits } from './database-limits';
import { currentOrganizationId, ORGANIZATION_SETTING } from './tenancy';

/** PostgreSQL's query_canceled: a statement ran past statement_timeout. */
const QUERY_CANCELED = '57014';

/**
 * Every pooled connection starts with the query timeout (a startup parameter, no extra round
 * trip); write transactions raise it for themselves with SET LOCAL (see {@link PostingStatementTimeout}).
 */
export function connectionTimeouts(limits: DatabaseLimits) {
  return { statement_timeout: limits.statementTimeoutMs };
}

/** Gives every write transaction the posting timeout; it ends with the transaction. */
export class PostingStatementTimeout implements EventSubscriber {
  constructor(private readonly timeoutMs: number) {}

  async afterTransactionStart({ em, transaction }: TransactionEventArgs): Promise<void> {
    const share = currentRequestShare();
    share?.enterPosting();
    const ms = share?.statementTimeoutMs ?? this.timeoutMs;
    // The organization's row-level security setting rides along: no extra round trip (tenancy.ts).
    const organizationId = currentOrganizationId();
    await em
      .getConnection()
      .execute(
        `select set_config('statement_timeout', ?, true)${organizationId ? `, set_config('${ORGANIZATION_SETTING}', ?, true)` : ''}`,
        organizationId ? [String(ms), organizationId] : [String(ms)],
        'run',
        transaction,
      );
  }
}

/** A timed-out statement as the typed, retryable refusal clients see; null for any other error. */
export function queryTimeoutError(error: unknown): DomainError | null {
  // query_canceled also covers an operator's pg_cancel_backend, which is no timeout: that one is a
  // transient failure (SERVICE_UNAVAILABLE). The server's messages are not localised (no locale).
  if (sqlStateOf(error) !== QUERY_CANCELED || !String((error as Error).message).includes('statement timeout'))
    return null;
  const ms = currentRequestShare()?.statementTimeoutMs;
  const limit = ms === undefined ? '' : ` (${ms / 1000} s per statement)`;
  return new DomainError(
    ErrorCode.QUERY_TIMEOUT,
    `The database took longer than allowed${limit} and this request was stopped; nothing was written. Retry in a moment, or ask for less (smaller pages, fewer fields).`,
    undefined,
    { retryable: true, ...(ms === undefined ? {} : { timeoutMs: ms }) },
  );
}
