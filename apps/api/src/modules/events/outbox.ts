import type { Statement } from '../../common/sql';

/** The PostgreSQL channel every API process LISTENs on; a payload is `<organization id>:<event id>`. */
export const OUTBOX_CHANNEL = 'serialgraph_outbox';

/** What an outbox row announces (one row per posted document; units are derived when delivered). */
export const DOCUMENT_POSTED = 'DOCUMENT_POSTED';

/**
 * The posting's outbox row and its notification, as two parts of the posting's one write statement
 * (plan-writer.ts): no extra round trip. The row refers to the `doc` part, so it exists only with
 * the document; PostgreSQL delivers the notification at commit and drops it on rollback.
 * `notified` is a plain SELECT: the final select must read it, or PostgreSQL would skip it.
 */
export function outboxStatements(
  organizationId: string,
  documentId: string,
): { outboxed: Statement; notified: Statement; read: string } {
  return {
    outboxed: {
      text: `insert into outbox_event (organization_id, type, document_id)
             select ?::uuid, ?, ?::uuid from doc returning organization_id, id`,
      params: [organizationId, DOCUMENT_POSTED, documentId],
    },
    notified: {
      text: `select pg_notify(?, o.organization_id::text || ':' || o.id::text) from outboxed o`,
      params: [OUTBOX_CHANNEL],
    },
    read: `(select count(*) from notified)`,
  };
}
