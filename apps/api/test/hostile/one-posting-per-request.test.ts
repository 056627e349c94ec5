import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { ok, range, receive, refused, seedWorld, writeCounts, type World } from '../support/fixtures';

// Finding 9: a request with two postings whose second was refused answered `data: null` (the
// mutation fields are non-null) while the first document was committed. A request may now carry
// one posting mutation; more are refused before anything runs.

let s: TestServer;
let w: World;

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  ok(await receive(s, w, range('ONE-', 1, 2)));
});
afterAll(() => s?.close());

const receiveInput = (serials: string[]) =>
  `{ warehouseId: "${w.main.id}", lines: [{ productId: "${w.terminal.id}", quantity: ${serials.length}, serials: [${serials
    .map((n) => `"${n}"`)
    .join(',')}] }] }`;

describe('one posting mutation per request', () => {
  it('refuses two postings, the second of which would fail, before either is posted', async () => {
    const before = await writeCounts(s);
    const res = await s.gql(
      `mutation {
        first: receiveStock(input: ${receiveInput(['ONE-00003'])}) { number }
        second: receiveStock(input: ${receiveInput(['ONE-00001'])}) { number }
      }`,
      undefined,
      s.keys.clerk,
    );
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    const err = refused(res);
    expect(err.extensions?.code).toBe('ONE_POSTING_PER_REQUEST');
    expect(err.message).toContain('receiveStock');
    expect(err.extensions?.postings).toEqual(['first', 'second']);
    expect(await writeCounts(s)).toEqual(before);
  });

  it('refuses postings of different kinds and postings hidden in fragments', async () => {
    const before = await writeCounts(s);
    const err = refused(
      await s.gql(
        `mutation { ...Both }
         fragment Both on Mutation {
           receiveStock(input: ${receiveInput(['ONE-00004'])}) { number }
           ... on Mutation { holdStock(input: { warehouseId: "${w.main.id}", reason: "check", lines: [{ productId: "${w.terminal.id}", quantity: 1, serials: ["ONE-00001"] }] }) { number } }
         }`,
        undefined,
        s.keys.clerk,
      ),
    );
    expect(err.extensions?.code).toBe('ONE_POSTING_PER_REQUEST');
    expect(err.extensions?.postings).toEqual(['receiveStock', 'holdStock']);
    expect(await writeCounts(s)).toEqual(before);
  });

  it('refuses a posting beside another mutation', async () => {
    const before = await writeCounts(s);
    const err = refused(
      await s.gql(
        `mutation {
          createWarehouse(input: { code: "WEST", name: "West" }) { id }
          receiveStock(input: ${receiveInput(['ONE-00005'])}) { number }
        }`,
      ),
    );
    expect(err.extensions?.code).toBe('ONE_POSTING_PER_REQUEST');
    expect(await writeCounts(s)).toEqual(before);
    const [row] = await s.sql<{ n: number }>(`select count(*)::int as n from warehouse where code = 'WEST'`);
    expect(row!.n).toBe(0);
  });

  it('still posts one document per request, and creates several parties at once', async () => {
    ok(await receive(s, w, ['ONE-00006']));
    const d = ok(
      await s.gql(`mutation {
        a: createParty(input: { name: "North Retail", roles: [CUSTOMER] }) { name }
        b: createParty(input: { name: "South Retail", roles: [CUSTOMER] }) { name }
      }`),
    );
    expect([d.a.name, d.b.name]).toEqual(['North Retail', 'South Retail']);
  });
});
