// One round trip for an organization's statement outside a transaction: the extended-protocol
// messages of `select set_config('serialgraph.organization_id', $1, true)` (`settingSql`) are written in front of
// the statement's own (Parse, Bind, Describe, Execute), all before ONE Sync. PostgreSQL runs every
// Execute up to a Sync as one implicit transaction (it commits at the Sync), so the setting, local to
// that transaction, is seen by the statement and by nothing after it: the same guarantee as
// `begin; set_config(…, true); statement; commit`, behind a transaction-mode pooler too (it hands the
// server connection back only at ReadyForQuery outside a transaction). An error in either part
// rolls both back and reaches the caller as the statement's error.

/** node-postgres's Query, as far as this module extends it. */
interface PgQuery {
  prepare(connection: PgWire): void;
  handleDataRow(msg: unknown): void;
  handleCommandComplete(msg: unknown, connection: PgWire): void;
  handleError(err: unknown, connection: PgWire): void;
  handleReadyForQuery(connection: PgWire): void;
}
type PgQueryClass = new (config: unknown) => PgQuery;
/** The protocol writer of a pg client (its `connection`). */
interface PgWire {
  parse(msg: { text: string; types: unknown[] }): void;
  bind(msg: { values: unknown[] }): void;
  execute(msg: { portal: string; rows: number }): void;
  sync(): void;
}

type ScopedQueryClass = new (config: unknown, settingSql: string, organizationId: string) => PgQuery;
const scopedClasses = new WeakMap<PgQueryClass, ScopedQueryClass>();

/**
 * The statement `config` as a query that sets the organization first, in its round trip. Built on the
 * Query class of the client's own `pg` (knex's copy may differ from the app's), so the rest of the
 * statement's handling (parameters, types, results, errors) is exactly pg's.
 */
export function organizationScopedQuery(
  client: object,
  config: unknown,
  settingSql: string,
  organizationId: string,
): PgQuery {
  const Base = (client.constructor as unknown as { Query: PgQueryClass }).Query;
  let Scoped = scopedClasses.get(Base);
  if (!Scoped) {
    Scoped = class OrganizationScopedQuery extends Base {
      /** The setting's own DataRow and CommandComplete come first; they are not the statement's. */
      private settingPending = true;
      private preparing = false;
      /** pg reports a parameter it cannot serialize while preparing, before any Sync was written. */
      private failedToPrepare = false;
      constructor(
        config: unknown,
        private readonly settingSql: string,
        private readonly organizationId: string,
      ) {
        super(config);
      }
      override prepare(connection: PgWire): void {
        connection.parse({ text: this.settingSql, types: [] });
        connection.bind({ values: [this.organizationId] });
        connection.execute({ portal: '', rows: 0 });
        this.preparing = true;
        try {
          super.prepare(connection);
        } finally {
          this.preparing = false;
        }
        // The setting's messages are on the wire: end them (the setting dies with its transaction),
        // or the connection would wait forever. The caller already has the error.
        if (this.failedToPrepare) connection.sync();
      }
      override handleError(err: unknown, connection: PgWire): void {
        if (this.preparing) this.failedToPrepare = true;
        super.handleError(err, connection);
      }
      override handleReadyForQuery(connection: PgWire): void {
        if (!this.failedToPrepare) super.handleReadyForQuery(connection);
      }
      override handleDataRow(msg: unknown): void {
        if (!this.settingPending) super.handleDataRow(msg);
      }
      override handleCommandComplete(msg: unknown, connection: PgWire): void {
        if (this.settingPending) this.settingPending = false;
        else super.handleCommandComplete(msg, connection);
      }
    };
    scopedClasses.set(Base, Scoped);
  }
  return new Scoped(config, settingSql, organizationId);
}
