import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOrganization, ok, range, receive, seedWorld, ship, type World } from './support/fixtures';
import { startTestServer, type TestServer } from './support/test-server';
import { download, records } from './support/csv-download';

/** A JSON response body, untyped (tests read fields by name). */
const jsonOf = (res: Response): Promise<any> => res.json();

let s: TestServer;
let w: World;
let receiptId: string;
let otherKey: string;

const UNITS = range('rcl-', 1, 4);

beforeAll(async () => {
  // One export at a time per organization, so the cap can be seen with two requests.
  s = await startTestServer({ csv: { maxExportsPerOrganization: 1 } });
  w = await seedWorld(s);
  ok(
    await s.gql(`mutation($input: UpdatePartyInput!) { updateParty(input: $input) { id } }`, {
      input: { id: w.customer.id, email: 'buyer@acme.example', phone: '+1 555 0100', address: '1 Main St' },
    }),
  );
  receiptId = ok(await receive(s, w, UNITS)).receiveStock.id;
  ok(await receive(s, w, ['other-receipt-1']));
  ok(await ship(s, w, ['rcl-00002']));
  otherKey = await s.newOrganization('recall-other');
  const other = await seedWorld(asOrganization(s, otherKey));
  ok(await receive(asOrganization(s, otherKey), other, ['rcl-00001', 'theirs-1'], {}, otherKey));
});
afterAll(() => s?.close());

describe('GET /export/recall.csv', () => {
  it("streams a recall's units wherever they are, with the customer who has each and how to reach them", async () => {
    const res = await download(s, '/export/recall.csv', { receivedInDocumentIds: receiptId });
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="recall-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = await records(res);
    expect(rows.map((r) => r.serial)).toEqual(UNITS);
    expect(rows[1]).toMatchObject({
      serial: 'rcl-00002',
      sku: 'HT-100',
      status: 'SHIPPED',
      warehouse: '',
      customer: w.customer.name,
      email: 'buyer@acme.example',
      // A cell that starts with + is kept from spreadsheets' formulas (README, CSV injection).
      phone: "'+1 555 0100",
      address: '1 Main St',
      supplier: 'Handheld Supply Co',
      receipt: 'RCV-000001',
    });
    expect(rows[1]!.shippedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(rows[0]).toMatchObject({
      serial: 'rcl-00001',
      status: 'IN_STOCK',
      warehouse: 'MAIN',
      customer: '',
    });
  });

  it('takes the recall criteria (number range) and never shows another organization’s units', async () => {
    const ours = await records(
      await download(s, '/export/recall.csv', { numberFrom: 'rcl-00001', numberTo: 'rcl-00003' }),
    );
    expect(ours.map((r) => r.serial)).toEqual(['rcl-00001', 'rcl-00002', 'rcl-00003']);
    const theirs = await records(
      await download(s, '/export/recall.csv', { numberFrom: 'rcl-', numberTo: 'theirs-9' }, otherKey),
    );
    expect(theirs.map((r) => r.serial)).toEqual(['rcl-00001', 'theirs-1']);
    expect(theirs[0]!.customer).toBe('');
  });

  it('refuses a recall without a criterion, as the recall query does, naming the criteria', async () => {
    const res = await download(s, '/export/recall.csv', { statuses: 'SHIPPED' });
    expect(res.status).toBe(400);
    const error = (await jsonOf(res)).errors[0];
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('receivedInDocumentIds');
  });
});

describe('exports at once per organization', () => {
  it('refuses one over the cap with 429 and Retry-After while another runs, and frees the slot when it ends', async () => {
    // An exclusive lock taken as the owner holds the first export inside the database.
    const owner = new pg.Client({ connectionString: s.databaseUrl });
    await owner.connect();
    try {
      await owner.query('begin');
      await owner.query('lock table party in access exclusive mode');
      const first = download(s, '/export/recall.csv', { receivedInDocumentIds: receiptId });
      await waitForLockWait(owner);

      const second = await download(s, '/export/serials.csv');
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toMatch(/^\d+$/);
      const error = (await jsonOf(second)).errors[0];
      expect(error.extensions.code).toBe('RATE_LIMITED');
      expect(error.message).toContain('SERIALGRAPH_MAX_EXPORTS_PER_ORGANIZATION');
      // Another organization's export is not refused for ours: it reaches the database (and waits there too).
      const theirs = download(s, '/export/serials.csv', {}, otherKey);
      await waitForLockWait(owner, 2);

      await owner.query('rollback');
      expect((await records(await first)).map((r) => r.serial)).toEqual(UNITS);
      expect((await records(await theirs)).map((r) => r.serial)).toEqual(['rcl-00001', 'theirs-1']);
    } finally {
      await owner.end();
    }
    // The slot is free again, also after a refused export (an unknown parameter).
    expect((await download(s, '/export/serials.csv', { nope: '1' })).status).toBe(400);
    expect((await download(s, '/export/serials.csv')).status).toBe(200);
  });
});

describe('an export that has ended', () => {
  it('has given its slot back by the time the client has the last byte: exports one after another all run', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await download(s, '/export/serials.csv');
      statuses.push(res.status);
      await res.text();
    }
    expect(statuses).toEqual(Array(30).fill(200));
  });
});

/** Waits until `count` statements (besides the owner's) wait for a lock. */
async function waitForLockWait(owner: pg.Client, count = 1): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await owner.query(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
    );
    if (rows[0].n >= count) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the export never waited for the lock');
}
