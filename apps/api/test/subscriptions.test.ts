import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE } from '../src/db/roles';
import {
  asOrganization,
  ok,
  range,
  receive,
  refused,
  seedWorld,
  ship,
  writeCounts,
  type World,
} from './support/fixtures';
import { startServerProcess, type ServerProcess } from './support/processes';
import { subscribe, wsClient, type Received, type Subscription } from './support/subscriptions';
import { gqlAt, startTestServer, type TestServer } from './support/test-server';

// Subscriptions over a real WebSocket (graphql-ws) against real API servers on a real PostgreSQL:
// events come from the outbox row each posting writes in its own transaction.

const DOCUMENTS = `subscription { documentPosted { id number type actor lines { quantity serials { number status } } } }`;
const SERIAL = `subscription($number: String, $productId: ID) {
  serialChanged(number: $number, productId: $productId) { id number status warehouse { code } customer { name } }
}`;

let s: TestServer;
let w: World;
const clients: Client[] = [];
let next = 1;
/** Fresh serial numbers for each posting. */
const fresh = (prefix: string, count = 1) => {
  const start = next;
  next += count;
  return range(prefix, start, start + count - 1);
};

function client(server: TestServer, key: string): Client {
  const c = wsClient(server.url, key);
  clients.push(c);
  return c;
}

/**
 * Posts (with `post`, which returns what the event will carry) until the subscription delivers that
 * very posting: from then on it is live, and everything before has been read. A subscription starts
 * a moment after the client sends it, so a posting made at once could precede it.
 */
async function untilLive<T>(
  sub: Subscription<T>,
  post: () => Promise<string>,
  seen: (r: Received<T>) => string,
) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const expected = await post();
    try {
      for (;;) if (seen(await sub.next(1000)) === expected) return;
    } catch {
      // nothing yet: post again
    }
  }
  throw new Error('the subscription never delivered');
}

const postedNumber = (r: Received) => r.data?.documentPosted?.number as string;

async function receiptNumber(
  server: TestServer,
  world: World,
  prefix: string,
  key?: string,
): Promise<string> {
  return ok(await receive(server, world, fresh(prefix), {}, key)).receiveStock.number;
}

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await s?.close();
});

describe('documentPosted', () => {
  it("delivers each of the organization's documents after it commits, and nothing of another organization's", async () => {
    const globexKey = await s.newOrganization('globex');
    const globex = asOrganization(s, globexKey);
    const gw = await seedWorld(globex);
    const acmeSub = subscribe(client(s, s.keys.viewer), DOCUMENTS);
    const globexSub = subscribe(client(s, globexKey), DOCUMENTS);
    await untilLive(acmeSub, () => receiptNumber(s, w, 'LIVE-A-'), postedNumber);
    await untilLive(globexSub, () => receiptNumber(globex, gw, 'LIVE-G-'), postedNumber);

    const theirs = ok(await receive(globex, gw, ['G-ONLY-1'])).receiveStock;
    const ours = ok(await receive(s, w, ['A-ONLY-1', 'A-ONLY-2'], {}, s.keys.clerk)).receiveStock;

    const event = (await acmeSub.next()).data!.documentPosted;
    expect(event).toMatchObject({
      id: ours.id,
      number: ours.number,
      type: 'RECEIPT',
      actor: 'clerk-key',
      lines: [
        {
          quantity: 2,
          serials: [
            { number: 'A-ONLY-1', status: 'IN_STOCK' },
            { number: 'A-ONLY-2', status: 'IN_STOCK' },
          ],
        },
      ],
    });
    expect((await globexSub.next()).data!.documentPosted).toMatchObject({
      id: theirs.id,
      number: theirs.number,
    });
    // Neither saw the other's: both queues are empty now.
    await new Promise((r) => setTimeout(r, 300));
    expect([acmeSub.pending(), globexSub.pending()]).toEqual([0, 0]);
  });

  it('emits nothing for a refused posting, nor for one rolled back after its write statement ran', async () => {
    const sub = subscribe(client(s, s.keys.viewer), DOCUMENTS);
    await untilLive(sub, () => receiptNumber(s, w, 'LIVE-R-'), postedNumber);
    const before = await writeCounts(s);

    // Refused while planning: the serial exists already.
    expect(refused(await receive(s, w, ['A-ONLY-1'])).extensions?.code).toBe('SERIAL_EXISTS');
    // Refused after the one write statement (outbox row and NOTIFY included) ran: untracked stock is short,
    // so the transaction rolls back.
    const short = await s.gql(`mutation($input: ShipStockInput!) { shipStock(input: $input) { number } }`, {
      input: {
        warehouseId: w.main.id,
        customerId: w.customer.id,
        lines: [{ productId: w.cable.id, quantity: 5 }],
      },
    });
    expect(refused(short).extensions?.code).toBe('INSUFFICIENT_STOCK');
    expect(await writeCounts(s)).toEqual(before);

    const after = await receiptNumber(s, w, 'AFTER-');
    expect(postedNumber(await sub.next())).toBe(after);
  });
});

describe('serialChanged', () => {
  it('delivers only the unit named (any letter case), as it is after each document that changed it', async () => {
    const [watched] = fresh('WATCH-');
    ok(await receive(s, w, [watched!]));
    const sub = subscribe(client(s, s.keys.viewer), SERIAL, { number: watched!.toLowerCase() });
    // Hold and release the unit until the subscription reports it.
    let held = false;
    await untilLive(
      sub,
      async () => {
        held = !held;
        ok(
          await s.gql(
            `mutation($input: HoldStockInput!) { ${held ? 'holdStock' : 'releaseStock'}(input: $input) { number } }`,
            {
              input: {
                warehouseId: w.main.id,
                reason: 'check',
                lines: [{ productId: w.terminal.id, quantity: 1, serials: [watched] }],
              },
            },
          ),
        );
        return held ? 'ON_HOLD' : 'IN_STOCK';
      },
      (r) => r.data?.serialChanged?.status as string,
    );
    if (held)
      ok(
        await s.gql(`mutation($input: HoldStockInput!) { releaseStock(input: $input) { number } }`, {
          input: {
            warehouseId: w.main.id,
            reason: 'ok',
            lines: [{ productId: w.terminal.id, quantity: 1, serials: [watched] }],
          },
        }),
      );
    if (held) expect((await sub.next()).data!.serialChanged.status).toBe('IN_STOCK');

    // Other units, in documents of their own and beside the watched one.
    const others = fresh('OTHER-', 2);
    ok(await receive(s, w, others));
    ok(await ship(s, w, [others[0]!]));
    ok(await ship(s, w, [others[1]!, watched!]));

    const event = await sub.next();
    expect(event.data!.serialChanged).toMatchObject({
      number: watched,
      status: 'SHIPPED',
      warehouse: null,
      customer: { name: 'Acme Retail' },
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.pending()).toBe(0);
  });

  it('by product: each unit of a document, one event each', async () => {
    const sub = subscribe(client(s, s.keys.viewer), SERIAL, { productId: w.terminal.id });
    await untilLive(
      sub,
      async () => {
        const [number] = fresh('PLIVE-');
        ok(await receive(s, w, [number!]));
        return number!;
      },
      (r) => r.data?.serialChanged?.number as string,
    );
    const three = fresh('TRIO-', 3);
    ok(await receive(s, w, three));
    const got = [await sub.next(), await sub.next(), await sub.next()].map((r) => r.data!.serialChanged);
    expect(got.map((u) => u.number).sort()).toEqual(three);
    expect(got.every((u) => u.status === 'IN_STOCK' && u.warehouse.code === 'MAIN')).toBe(true);
  });
});

describe('across API processes', () => {
  let other: ServerProcess | undefined;
  afterAll(async () => void (await other?.stop()));

  it('delivers to a subscriber here a document posted through another process', async () => {
    other = await startServerProcess('', {
      DATABASE_URL: s.appDatabaseUrl,
      DATABASE_MIGRATION_URL: s.databaseUrl,
    });
    const sub = subscribe(client(s, s.keys.viewer), DOCUMENTS);
    await untilLive(sub, () => receiptNumber(s, w, 'LIVE-P-'), postedNumber);
    const there = await gqlAt(
      other.url,
      `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { number } }`,
      {
        input: {
          warehouseId: w.main.id,
          supplierId: w.supplier.id,
          lines: [{ productId: w.terminal.id, quantity: 1, serials: fresh('ELSEWHERE-'), unitCost: '1.00' }],
        },
      },
      s.keys.clerk,
    );
    const number = ok(there).receiveStock.number as string;
    expect(postedNumber(await sub.next())).toBe(number);
  }, 60_000);
});

describe('the LISTEN connection', () => {
  it('is taken back after it is killed, and no event is lost meanwhile', async () => {
    const listeners = () =>
      s.sql<{ pid: number }>(
        `select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %'`,
      );
    const sub = subscribe(client(s, s.keys.viewer), DOCUMENTS);
    await untilLive(sub, () => receiptNumber(s, w, 'LIVE-K-'), postedNumber);
    expect((await listeners()).length).toBeGreaterThan(0);
    await s.sql(`select pg_terminate_backend(pid) from pg_stat_activity
                  where datname = current_database() and query ilike 'listen %'`);
    const during = await receiptNumber(s, w, 'KILLED-');
    expect(postedNumber(await sub.next())).toBe(during);
    await expect.poll(async () => (await listeners()).length, { timeout: 10_000 }).toBeGreaterThan(0);
  });
});

describe('polling alone (no LISTEN)', () => {
  it('still delivers every document', async () => {
    const quiet = await startTestServer({ events: { listen: false, pollIntervalMs: 100 } });
    try {
      const qw = await seedWorld(quiet);
      const sub = subscribe(client(quiet, quiet.keys.viewer), DOCUMENTS);
      await untilLive(sub, () => receiptNumber(quiet, qw, 'POLL-'), postedNumber);
      const numbers = [await receiptNumber(quiet, qw, 'POLL-'), await receiptNumber(quiet, qw, 'POLL-')];
      expect([postedNumber(await sub.next()), postedNumber(await sub.next())]).toEqual(numbers);
    } finally {
      await quiet.close();
    }
  });
});

describe('the outbox table', () => {
  it('holds one row per posted document, which the application role may insert and read but never change', async () => {
    const [counts] = await s.sql<{ documents: number; events: number }>(
      `select (select count(*)::int from document) as documents, (select count(*)::int from outbox_event) as events`,
    );
    expect(counts!.events).toBe(counts!.documents);
    const [grants] = await s.sql<Record<string, boolean>>(
      `select has_table_privilege(?, 'outbox_event', 'SELECT') as "select",
              has_table_privilege(?, 'outbox_event', 'INSERT') as "insert",
              has_table_privilege(?, 'outbox_event', 'UPDATE') as "update",
              has_table_privilege(?, 'outbox_event', 'DELETE') as "delete",
              has_table_privilege(?, 'serial', 'UPDATE') as "serialUpdate"`,
      [APP_ROLE, APP_ROLE, APP_ROLE, APP_ROLE, APP_ROLE],
    );
    expect(grants).toEqual({ select: true, insert: true, update: false, delete: false, serialUpdate: true });
    // Not even the owner rewrites it.
    await expect(s.sql(`update outbox_event set type = type`)).rejects.toThrow(/append-only/);
    await expect(s.sql(`delete from outbox_event`)).rejects.toThrow(/append-only/);
  });
});
