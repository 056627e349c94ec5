import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { ok, range, receive, refused, seedWorld, ship, unknownId, type World } from './support/fixtures';

// "Recall only affected items": the units of given receipts, a supplier, a window of receipt dates
// or a range of numbers, wherever they are now, with the customers who have them.

let s: TestServer;
let w: World;
let otherSupplier: { id: string };
const receipts: { id: string; number: string }[] = [];
let between: { afterFirst: string; afterSecond: string };

const RECALL = `query($filter: SerialFilter!, $first: Int, $after: String) {
  recall(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { number status warehouse { code } supplier { name } customer { name email phone address } } } } }`;

async function recall(filter: Record<string, unknown>, first = 100) {
  return ok(await s.gql(RECALL, { filter, first })).recall as {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: { node: Record<string, any> }[];
  };
}
const numbers = (conn: { edges: { node: Record<string, any> }[] }): string[] =>
  conn.edges.map((e) => e.node.number as string);
const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  otherSupplier = ok(
    await s.gql(`mutation { createParty(input: { name: "Other Parts Ltd", roles: [SUPPLIER] }) { id } }`),
  ).createParty;
  ok(
    await s.gql(`mutation($input: UpdatePartyInput!) { updateParty(input: $input) { id } }`, {
      input: {
        id: w.customer.id,
        email: 'buyer@acme.example',
        phone: '+1 555 0100',
        address: '1 Main St\nSpringfield',
      },
    }),
  );
  receipts.push(ok(await receive(s, w, range('RC-', 1, 5, 3))).receiveStock);
  await pause();
  const afterFirst = new Date().toISOString();
  await pause();
  receipts.push(
    ok(await receive(s, w, range('RC-', 6, 10, 3), { supplierId: otherSupplier.id })).receiveStock,
  );
  await pause();
  const afterSecond = new Date().toISOString();
  await pause();
  receipts.push(ok(await receive(s, w, range('RC-', 11, 12, 3))).receiveStock);
  between = { afterFirst, afterSecond };
  ok(await ship(s, w, ['RC-002', 'RC-007']));
});
afterAll(() => s?.close());

describe('recall', () => {
  it('finds the units of given receipts wherever they are, with the customer who has each', async () => {
    const conn = await recall({ receivedInDocumentIds: [receipts[0]!.id] });
    expect(numbers(conn)).toEqual(range('RC-', 1, 5, 3));
    expect(conn.totalCount).toBe(5);
    const shipped = conn.edges.find((e) => e.node.number === 'RC-002')!.node;
    expect(shipped).toMatchObject({
      status: 'SHIPPED',
      warehouse: null,
      customer: {
        name: 'Acme Retail',
        email: 'buyer@acme.example',
        phone: '+1 555 0100',
        address: '1 Main St\nSpringfield',
      },
    });
    expect(conn.edges.find((e) => e.node.number === 'RC-001')!.node).toMatchObject({
      status: 'IN_STOCK',
      warehouse: { code: 'MAIN' },
      customer: null,
    });
  });

  it('by supplier, by a window of receipt dates and by a range of numbers, and all of them together', async () => {
    expect(numbers(await recall({ supplierId: otherSupplier.id }))).toEqual(range('RC-', 6, 10, 3));
    expect(
      numbers(await recall({ receivedFrom: between.afterFirst, receivedBefore: between.afterSecond })),
    ).toEqual(range('RC-', 6, 10, 3));
    expect(numbers(await recall({ receivedFrom: between.afterSecond }))).toEqual(['RC-011', 'RC-012']);
    expect(numbers(await recall({ numberFrom: 'rc-004', numberTo: 'RC-008' }))).toEqual(
      range('RC-', 4, 8, 3),
    );
    expect(
      numbers(await recall({ supplierId: w.supplier.id, numberFrom: 'RC-004', numberTo: 'RC-011' })),
    ).toEqual(['RC-004', 'RC-005', 'RC-011']);
    expect(
      numbers(await recall({ receivedInDocumentIds: [receipts[1]!.id], statuses: ['SHIPPED'] })),
    ).toEqual(['RC-007']);
  });

  it('pages through every affected unit', async () => {
    const first = await recall({ supplierId: w.supplier.id }, 4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = ok(
      await s.gql(RECALL, {
        filter: { supplierId: w.supplier.id },
        first: 100,
        after: first.pageInfo.endCursor,
      }),
    ).recall;
    expect([...numbers(first), ...numbers(rest)]).toEqual([...range('RC-', 1, 5, 3), 'RC-011', 'RC-012']);
  });

  it('refuses a recall without a criterion, an inverted range or window, and too many receipts', async () => {
    const codeOf = async (filter: Record<string, unknown>) => {
      const err = refused(await s.gql(RECALL, { filter }));
      return [err.extensions?.code, err.message];
    };
    expect(await codeOf({ productId: w.terminal.id })).toEqual([
      'BAD_USER_INPUT',
      expect.stringContaining('at least one of receivedInDocumentIds'),
    ]);
    expect(await codeOf({ numberFrom: 'RC-009', numberTo: 'RC-002' })).toEqual([
      'BAD_USER_INPUT',
      'numberFrom must not come after numberTo.',
    ]);
    expect(await codeOf({ receivedFrom: between.afterSecond, receivedBefore: between.afterFirst })).toEqual([
      'BAD_USER_INPUT',
      'receivedFrom must be before receivedBefore.',
    ]);
    expect((await codeOf({ receivedInDocumentIds: Array(101).fill(receipts[0]!.id) }))[0]).toBe(
      'BAD_USER_INPUT',
    );
    expect((await codeOf({ receivedInDocumentIds: [] }))[0]).toBe('BAD_USER_INPUT');
    expect((await codeOf({ receivedFrom: 'yesterday' }))[0]).toBe('BAD_USER_INPUT');
    // Another type's id is no supplier; an id of no party finds nothing, like every filter.
    expect((await codeOf({ supplierId: w.terminal.id }))[0]).toBe('NOT_FOUND');
    expect(await recall({ supplierId: unknownId('Party') })).toMatchObject({ totalCount: 0, edges: [] });
  });

  it("finds nothing of another organization's receipts, suppliers or numbers", async () => {
    const other = await s.newOrganization('Other Org');
    const asOther = (filter: Record<string, unknown>) => s.gql(RECALL, { filter }, other);
    for (const filter of [
      { receivedInDocumentIds: [receipts[0]!.id] },
      { supplierId: w.supplier.id },
      { numberFrom: 'RC-001', numberTo: 'RC-012' },
    ]) {
      expect(ok(await asOther(filter)).recall).toMatchObject({ totalCount: 0, edges: [] });
    }
  });
});

describe('party contact data', () => {
  it('is refused when the email is not an address or a field is too long, and nothing changes', async () => {
    const update = (input: Record<string, unknown>) =>
      s.gql(`mutation($input: UpdatePartyInput!) { updateParty(input: $input) { id email } }`, { input });
    expect(refused(await update({ id: w.customer.id, email: 'not an address' })).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(refused(await update({ id: w.customer.id, phone: '5'.repeat(51) })).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(refused(await update({ id: unknownId('Party'), phone: '1' })).extensions?.code).toBe('NOT_FOUND');
    const [row] = await s.sql<{ email: string; phone: string }>(
      `select email, phone from party where name = 'Acme Retail'`,
    );
    expect(row).toEqual({ email: 'buyer@acme.example', phone: '+1 555 0100' });
  });

  it('is cleared by null and kept when not given; a viewer cannot change it', async () => {
    const update = (input: Record<string, unknown>, key?: string) =>
      s.gql(
        `mutation($input: UpdatePartyInput!) { updateParty(input: $input) { name email phone address } }`,
        { input },
        key,
      );
    expect(refused(await update({ id: w.customer2.id, phone: '1' }, s.keys.viewer)).extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      ok(await update({ id: w.customer2.id, phone: ' +44 20 7946 0000 ', name: 'Beta Shops Ltd' }))
        .updateParty,
    ).toEqual({
      name: 'Beta Shops Ltd',
      email: null,
      phone: '+44 20 7946 0000',
      address: null,
    });
    expect(ok(await update({ id: w.customer2.id, phone: null })).updateParty.phone).toBeNull();
    expect(ok(await update({ id: w.customer2.id })).updateParty.name).toBe('Beta Shops Ltd');
  });
});
