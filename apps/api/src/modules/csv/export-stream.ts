import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type pg from 'pg';
import { stringify } from 'csv-stringify';
import type { Database } from '../../db/database';
import { ORGANIZATION_SETTING } from '../../db/tenancy';
import { safeCell } from './csv-cell';

/** One export: its header and the SQL (placeholders `?`) whose rows, every column text, are its lines. */
export interface ExportQuery {
  filename: string;
  header: string[];
  text: string;
  params: unknown[];
}

/** Rows fetched per round trip: large enough to keep PostgreSQL busy, small enough to hold in memory. */
const BATCH_ROWS = 1000;
const CURSOR = 'csv_export';

/** The part of knex's client that hands out pooled connections (through the connection gate). */
interface PoolClient {
  acquireConnection(): Promise<pg.Client>;
  releaseConnection(connection: pg.Client): Promise<unknown>;
}

/**
 * Streams the rows of `query` to the client as CSV, never holding more than a batch or two: a
 * server-side cursor in a read-only transaction (the organization's row-level security setting and
 * the export's statement timeout set in it) is fetched BATCH_ROWS at a time, and only when the
 * response has room for more (backpressure: a slow client slows the fetches, it never fills memory).
 * Each FETCH is its own statement, so the timeout bounds one batch, not the whole download. When the
 * client goes away, or reads nothing for `stallTimeoutMs`, fetching stops, the transaction (and its
 * cursor) is rolled back and the connection returned to the pool. An error before the first row is
 * answered as usual (by the route); after it the download is cut off, so a client can tell it is
 * incomplete. The response's end waits until the transaction is over and the connection back in
 * the pool, and `finished` (the route's export slot) has run: a client that has the last byte and
 * asks for its next export finds everything of this one already given back.
 */
export async function streamCsv(
  db: Database,
  req: Request,
  res: Response,
  organizationId: string,
  query: ExportQuery,
  limits: { statementTimeoutMs: number; stallTimeoutMs: number },
  finished: () => void = () => {},
): Promise<void> {
  const pool = db.orm.em.getKnex().client as unknown as PoolClient;
  const connection = await pool.acquireConnection();
  let clean = false;
  let streamed = false;
  try {
    await connection.query('begin transaction read only');
    // Should this process stop feeding the transaction altogether, PostgreSQL ends it itself.
    await connection.query(
      `select set_config('statement_timeout', $1, true), set_config('${ORGANIZATION_SETTING}', $2, true),
              set_config('idle_in_transaction_session_timeout', $3, true)`,
      [String(limits.statementTimeoutMs), organizationId, String(limits.stallTimeoutMs + 30_000)],
    );
    await connection.query(`declare ${CURSOR} no scroll cursor for ${numbered(query.text)}`, query.params);
    const rows = new CursorRows(connection, CURSOR, BATCH_ROWS);
    await firstBatch(rows);
    if (!req.socket.destroyed) {
      res.status(200).set({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${query.filename}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      const stalled = () => res.destroy();
      const socket = req.socket;
      socket.setTimeout(limits.stallTimeoutMs, stalled);
      try {
        await pipeline(
          rows,
          stringify({
            bom: true,
            header: true,
            columns: query.header,
            record_delimiter: 'windows',
            cast: { string: safeCell },
          }),
          res,
          { end: false },
        );
        streamed = true;
      } finally {
        socket.setTimeout(0, stalled);
      }
    }
    await connection.query('commit');
    clean = true;
  } catch (error) {
    clean = await connection.query('rollback').then(
      () => true,
      () => false,
    );
    // Once the download has started there is no status to answer with: ending it short is the signal.
    if (res.headersSent) {
      res.destroy();
      return;
    }
    throw error;
  } finally {
    // A connection whose state is unknown is not handed to the next request.
    if (!clean) connection.end().catch(() => undefined);
    await pool.releaseConnection(connection);
  }
  if (streamed) {
    finished();
    res.end();
  }
}

/** The cursor's rows (each an array of text cells), fetched a batch at a time when the reader wants more. */
class CursorRows extends Readable {
  private fetching = false;

  constructor(
    private readonly connection: pg.Client,
    private readonly cursor: string,
    private readonly batch: number,
  ) {
    super({ objectMode: true, highWaterMark: batch });
  }

  override _read(): void {
    if (this.fetching) return;
    this.fetching = true;
    this.connection
      .query<unknown[]>({ text: `fetch ${this.batch} from ${this.cursor}`, rowMode: 'array' })
      .then(
        ({ rows }) => {
          this.fetching = false;
          for (const row of rows) this.push(row);
          if (rows.length < this.batch) this.push(null);
        },
        (error: Error) => this.destroy(error),
      );
  }
}

/** Resolves when the first rows (or the end) are ready, rejects when the first fetch failed. */
function firstBatch(rows: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const ready = () => {
      rows.off('error', failed);
      resolve();
    };
    const failed = (error: Error) => {
      rows.off('readable', ready);
      reject(error);
    };
    rows.once('readable', ready).once('error', failed);
  });
}

/** `?` placeholders as PostgreSQL's `$1`, `$2`… (the SQL of the exports has no other question mark). */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}
