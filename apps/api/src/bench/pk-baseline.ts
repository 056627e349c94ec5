// The floor for the fixed cost of a request: the same HTTP stack (express, express.json, JSON out)
// and the same row read by primary key with plain `pg`, but no GraphQL, no ORM, no key lookup and no
// row-level security. It runs in the API server's process when the bench measures the fixed cost, so
// both answer from one process, one event loop and one machine load.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pg from 'pg';

export interface PkBaseline {
  /** POST `{ id }` here: answers `{ data: { node: { number, status } } }`. */
  url: string;
  close(): Promise<void>;
}

/** Serves `serial` rows of one organization by id, connected as `ownerUrl` (the tables' owner). */
export async function startPkBaseline(ownerUrl: string, organizationId: string): Promise<PkBaseline> {
  // As the owner: one statement, as every read was before row-level security (its cost shows here).
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  const server = express();
  server.post('/pk', express.json(), async (req, res) => {
    // The key is (organization_id, id): the organization a key would name, then the id.
    const { rows } = await pool.query(
      'select number, status from serial where organization_id = $1 and id = $2',
      [organizationId, (req.body as { id: string }).id],
    );
    res.json({ data: { node: rows[0] ?? null } });
  });
  const httpServer = http.createServer(server);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/pk`,
    async close() {
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await pool.end();
    },
  };
}

/** One baseline request: client wall time in ms. */
export async function readPkBaseline(url: string, id: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
    body: JSON.stringify({ id }),
  });
  const body = (await res.json()) as { data: { node: unknown } };
  if (!body.data.node) throw new Error('baseline read found nothing');
  return performance.now() - started;
}
