import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeForLog } from '../../src/common/log';
import { ApiKeyEntity } from '../../src/modules/auth/api-key.entity';
import { hashKey } from '../../src/modules/auth/auth.service';
import { forgetKey } from '../../src/modules/auth/key-cache';
import { startTestServer, type TestServer } from '../support/test-server';
import { ok, receive, refused, seedWorld, ship, writeCounts, type World } from '../support/fixtures';
import { expectGraphQLError, expectNothingLeaked } from '../support/leaks';
import { rawRequest } from '../support/raw-http';
import { captureLogs } from '../support/log-capture';

// Real database failures, not mocks: connections terminated with pg_terminate_backend while a
// query waits on a lock the test holds, a real deadlock, and a database that cannot be reached
// (the API talks to it through a TCP relay that the test stops). A transient failure is
// SERVICE_UNAVAILABLE (retry later), never NOT_FOUND or INTERNAL_SERVER_ERROR; nothing leaks.

let s: TestServer;
let w: World;
const logged: string[] = [];

beforeAll(async () => {
  // Every line the server logs (JSON, at every level) while these tests run is checked for keys,
  // hashes and SQL; console output too, should anything still write there.
  s = await startTestServer({ databaseProxy: true, logger: captureLogs('trace', logged).logger });
  w = await seedWorld(s);
  ok(await receive(s, w, ['DBF-1', 'DBF-2', 'DBF-3', 'DBF-4']));
  ok(await ship(s, w, ['DBF-4']));
  for (const level of ['error', 'warn', 'info', 'log', 'debug'] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.stack}` : String(a))).join(' '));
      original(...args);
    });
  }
});
afterEach(async () => {
  await s.proxy!.start();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await s?.close();
});

/** A direct connection (not the API's pool) that holds locks and terminates the API's backends. */
async function direct(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: s.databaseUrl });
  await client.connect();
  return client;
}

/** Waits until one of the API's backends (other than `except`, a terminated one) waits on a lock; its pid. */
async function waitingBackend(client: pg.Client, except = 0): Promise<number> {
  for (let i = 0; i < 200; i++) {
    // Inside a transaction pg_stat_activity is read once and kept: look afresh each time.
    await client.query('select pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ pid: number }>(
      `select pid from pg_stat_activity
        where datname = current_database() and pid not in (pg_backend_pid(), $1) and wait_event_type = 'Lock'`,
      [except],
    );
    if (rows[0]) return rows[0].pid;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no backend of the API started waiting on the lock');
}

function post(body: unknown, key = s.keys.admin) {
  return rawRequest(`${s.url}/graphql`, {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
}

describe('the key lookup', () => {
  // Verified keys are cached: make these requests look the key up in the database again.
  beforeEach(() => forgetKey(hashKey(s.keys.admin)));

  it('retries once when its connection is terminated, and answers', async () => {
    const locker = await direct();
    try {
      await locker.query('begin');
      await locker.query('lock table api_key in access exclusive mode');
      const pending = post({ query: '{ warehouses { code } }' });
      await locker.query('select pg_terminate_backend($1)', [await waitingBackend(locker)]);
      await locker.query('rollback');
      const res = await pending;
      expect(res.status, res.text).toBe(200);
      expect(JSON.parse(res.text).data.warehouses).toHaveLength(2);
    } finally {
      await locker.end();
    }
  });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After, no SQL and no key hash, when the retry is terminated too', async () => {
    const locker = await direct();
    try {
      await locker.query('begin');
      await locker.query('lock table api_key in access exclusive mode');
      const pending = post({ query: '{ warehouses { code } }' });
      const first = await waitingBackend(locker);
      await locker.query('select pg_terminate_backend($1)', [first]);
      await locker.query('select pg_terminate_backend($1)', [await waitingBackend(locker, first)]);
      await locker.query('rollback');
      const res = await pending;
      expectGraphQLError(res, 503, 'SERVICE_UNAVAILABLE');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expectNothingLeaked(res.text, [s.keys.admin]);
      expect(res.text).not.toContain('Context creation failed');
    } finally {
      await locker.end();
    }
  });

  it('answers 503 SERVICE_UNAVAILABLE while the database cannot be reached, and recovers', async () => {
    await s.proxy!.stop();
    const res = await post({ query: '{ warehouses { code } }' });
    expectGraphQLError(res, 503, 'SERVICE_UNAVAILABLE');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expectNothingLeaked(res.text, [s.keys.admin]);
    await s.proxy!.start();
    expect((await post({ query: '{ warehouses { code } }' })).status).toBe(200);
  });
});

describe('a posting', () => {
  it.each([
    ['terminated', 'pg_terminate_backend'],
    ['canceled (as by statement_timeout)', 'pg_cancel_backend'],
  ])(
    'whose product lookup is %s answers SERVICE_UNAVAILABLE, not NOT_FOUND, and writes nothing',
    async (_, kill) => {
      const before = await writeCounts(s);
      const locker = await direct();
      try {
        await locker.query('begin');
        await locker.query('lock table product in access exclusive mode');
        const pending = receive(s, w, [`DBF-NEW-${kill}`]);
        await locker.query(`select ${kill}($1)`, [await waitingBackend(locker)]);
        await locker.query('rollback');
        const res = await pending;
        const error = refused(res);
        expect(error.extensions?.code).toBe('SERVICE_UNAVAILABLE');
        expect(error.message).not.toMatch(/not found/i);
        expect(res.status).toBe(503);
        expectNothingLeaked(JSON.stringify(res), [s.keys.admin]);
      } finally {
        await locker.end();
      }
      expect(await writeCounts(s)).toEqual(before);
    },
  );

  it('that loses a deadlock is run again whole, once, and posts exactly one document', async () => {
    const before = await writeCounts(s);
    const locker = await direct();
    const [org] = await s.sql<{ id: string }>(`select id from organization where name = 'acme'`);
    try {
      await locker.query('begin');
      // The locker must never be the one the deadlock detector picks: it waits ten times longer.
      await locker.query(`set local deadlock_timeout = '10s'`);
      // A shipment locks its units first and the numbering row last; the locker takes them the other way round.
      await locker.query(
        `select * from document_counter where organization_id = $1 and type = 'SHIPMENT' for update`,
        [org!.id],
      );
      const pending = ship(s, w, ['DBF-1']);
      await waitingBackend(locker);
      await locker.query(`select * from serial where number = 'DBF-1' for update`);
      await locker.query('rollback');
      const d = ok(await pending);
      expect(d.shipStock.number).toBe('SHP-000002');
      expect(d.shipStock.lines[0].serials[0].status).toBe('SHIPPED');
    } finally {
      await locker.end();
    }
    const after = await writeCounts(s);
    expect(after.documents).toBe(before.documents! + 1);
    expect(after.movements).toBe(before.movements! + 1);
  });

  it('answers SERVICE_UNAVAILABLE when the database goes away, and writes nothing', async () => {
    const before = await writeCounts(s);
    await s.proxy!.stop();
    const res = await receive(s, w, ['DBF-NEW-2']);
    expect(res.status, JSON.stringify(res)).toBe(503);
    expect(refused(res).extensions?.code).toBe('SERVICE_UNAVAILABLE');
    await s.proxy!.start();
    expect(await writeCounts(s)).toEqual(before);
  });
});

describe('an unexpected failure', () => {
  it('is INTERNAL_SERVER_ERROR with an error id that the log line carries, without SQL or keys', async () => {
    const locker = await direct();
    await locker.query('alter table warehouse rename to warehouse_gone');
    try {
      const from = logged.length;
      const res = await post({ query: '{ warehouses { code } }' });
      const body = JSON.parse(res.text) as {
        errors: { message: string; extensions: Record<string, string> }[];
      };
      expect(body.errors[0]!.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(body.errors[0]!.message).toBe('Internal server error');
      const errorId = body.errors[0]!.extensions.errorId!;
      expect(errorId).toMatch(/^[0-9a-f-]{8,}$/);
      expectNothingLeaked(res.text, [s.keys.admin]);
      const lines = logged.slice(from);
      expect(lines.some((l) => l.includes(errorId))).toBe(true);
      // The PostgreSQL error code (42P01: undefined table) helps the operator; the statement does not.
      expect(lines.join('\n')).toContain('42P01');
      expect(lines.join('\n')).not.toMatch(/select|warehouse_gone|"code"/i);
    } finally {
      await locker.query('alter table warehouse_gone rename to warehouse');
      await locker.end();
    }
  });
});

describe('a start-up or command-line failure', () => {
  it('is described without the SQL or the key hash it was about', async () => {
    const locker = await direct();
    await locker.query('alter table api_key rename to api_key_gone');
    try {
      const error = await s.app.db.orm.em
        .fork()
        .findOne(ApiKeyEntity, { keyHash: hashKey(s.keys.admin) })
        .catch((e: unknown) => e);
      expect(String((error as Error).message)).toContain(hashKey(s.keys.admin)); // what would have leaked
      const line = describeForLog(error, { stack: true });
      expect(line).toContain('SQLSTATE 42P01');
      expect(line).not.toContain(hashKey(s.keys.admin));
      expect(line).not.toMatch(/select|api_key/i);
    } finally {
      await locker.query('alter table api_key_gone rename to api_key');
      await locker.end();
    }
  });
});

describe('the log', () => {
  it('never carried a key, a key hash or SQL text through all of the above', () => {
    const text = logged.join('\n');
    for (const key of Object.values(s.keys)) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(hashKey(key));
    }
    expect(text).not.toMatch(/\bselect\b[\s\S]*\bfrom\b/i);
  });
});
