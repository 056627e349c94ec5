import 'reflect-metadata';
import {
  getNullableType,
  getVariableValues,
  isInputObjectType,
  isListType,
  isScalarType,
  parse,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGlobalId } from '../../src/common/global-id';
import { createSchema } from '../../src/graphql/schema';
import { HIDDEN_LIST_MIN_LENGTH, HiddenLists } from '../../src/graphql/long-lists/hidden-lists';
import { startTestServer, type TestServer } from '../support/test-server';
import { ok, range, refused, seedWorld, writeCounts, type World } from '../support/fixtures';

// A mutation's long string lists are hidden from graphql-js's coercion behind a per-request token
// and restored before any resolver runs (src/graphql/long-lists). A client must not be able to tell:
// refusals read as graphql-js writes them, a token-shaped serial is an ordinary serial, and every
// mutation that takes a list of strings gets the real list.
let s: TestServer;
let w: World;
let schema: GraphQLSchema;
beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  schema = await createSchema();
});
afterAll(() => s?.close());

const LONG = HIDDEN_LIST_MIN_LENGTH + 1;
const RECEIVE = `mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { id } }`;

/** The HTTP status and the body of a GraphQL request, as the client sees them. */
async function post(query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.keys.admin}` },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: { code?: string } }[];
    },
  };
}

/** The messages graphql-js itself gives for these variables (what clients got before the lists were hidden). */
function graphqlJsMessages(query: string, variables: Record<string, unknown>): string[] {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  return (result.errors ?? []).map((e) => e.message);
}

describe('long string lists hidden from graphql-js', () => {
  it('graphql-js coerces a hidden list as one token, which the arguments get back as the real list', async () => {
    const serials = range('HD-', 1, LONG);
    const short = range('SH-', 1, 3);
    const variables = {
      i: {
        warehouseId: w.main.id,
        lines: [
          { productId: w.terminal.id, quantity: LONG, serials },
          { productId: w.terminal.id, quantity: 3, serials: short },
        ],
      },
    };
    const operation = parse(RECEIVE).definitions[0] as OperationDefinitionNode;
    const lists = new HiddenLists();
    await lists.hideIn(schema, operation, variables);
    expect(lists.size).toBe(1);
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    const input = coerced.coerced!.i as { lines: { serials: string[] }[] };
    expect(input.lines[0]!.serials).toHaveLength(1);
    expect(input.lines[0]!.serials[0]).toMatch(/^hidden-list:[\w-]{32}$/);
    expect(input.lines[1]!.serials).toEqual(short);
    const args = { input };
    lists.restoreIn(args);
    expect(args.input.lines[0]!.serials).toBe(serials);
    expect([...serials]).toHaveLength(LONG); // its own iterator again
  });

  it('a long list with one element that is not a string: the same refusal as graphql-js gives, nothing written', async () => {
    const serials: unknown[] = range('NS-', 1, LONG);
    serials[700] = 12345;
    const variables = {
      i: { warehouseId: w.main.id, lines: [{ productId: w.terminal.id, quantity: LONG, serials }] },
    };
    const expected = graphqlJsMessages(RECEIVE, variables);
    expect(expected).toHaveLength(1);
    expect(expected[0]).toContain('i.lines[0].serials[700]');
    const before = await writeCounts(s);
    const { status, body } = await post(RECEIVE, variables);
    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.message)).toEqual(expected);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await writeCounts(s)).toEqual(before);
  });

  it('another field refused beside a hidden list: the message shows the real list, never a token', async () => {
    const serials = range('OF-', 1, LONG);
    // The line lacks productId: graphql-js prints the line, serials included.
    const variables = { i: { warehouseId: w.main.id, lines: [{ quantity: LONG, serials }] } };
    const expected = graphqlJsMessages(RECEIVE, variables);
    expect(expected[0]).toContain('OF-00001');
    const before = await writeCounts(s);
    const { status, body } = await post(RECEIVE, variables);
    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.message)).toEqual(expected);
    expect(JSON.stringify(body)).not.toContain('hidden-list:');
    expect(await writeCounts(s)).toEqual(before);
  });

  it('a token-shaped serial sent by a client is an ordinary serial, in a long list and alone', async () => {
    const forged = `hidden-list:${'A'.repeat(32)}`;
    const alone = `hidden-list:${'B'.repeat(32)}`;
    const serials = [forged, ...range('TK-', 2, LONG)];
    ok(
      await s.gql(RECEIVE, {
        i: { warehouseId: w.main.id, lines: [{ productId: w.terminal.id, quantity: LONG, serials }] },
      }),
    );
    ok(
      await s.gql(RECEIVE, {
        i: { warehouseId: w.main.id, lines: [{ productId: w.terminal.id, quantity: 1, serials: [alone] }] },
      }),
    );
    const rows = await s.sql<{ number: string }>(
      `select number from serial where number like 'hidden-list:%' order by number`,
    );
    expect(rows.map((r) => r.number)).toEqual([forged, alone]);
    const [{ n }] = (await s.sql<{ n: number }>(
      `select count(*)::int as n from serial where number like 'TK-%'`,
    )) as [{ n: number }];
    expect(n).toBe(LONG - 1);
  });

  it('duplicates inside a long list are refused naming each of them: the domain sees the real list', async () => {
    const serials = range('DP-', 1, LONG);
    serials[900] = 'DP-00003';
    serials[950] = 'DP-00010';
    const before = await writeCounts(s);
    const err = refused(
      await s.gql(RECEIVE, {
        i: { warehouseId: w.main.id, lines: [{ productId: w.terminal.id, quantity: LONG, serials }] },
      }),
    );
    expect(err.extensions?.code).toBe('DUPLICATE_SERIAL');
    expect(err.extensions?.serials).toEqual(['DP-00003', 'DP-00010']);
    expect(await writeCounts(s)).toEqual(before);
  });

  it('every mutation that takes a list of strings gets the real list', async () => {
    // The positions hidden lists can sit at; a new one must be exercised below.
    expect(stringListPositions(schema)).toEqual([
      'createProduct.input.barcodes',
      'holdStock.input.lines.serials',
      'receiveStock.input.lines.serials',
      'recordCountScans.numbers',
      'releaseStock.input.lines.serials',
      'returnStock.input.serials',
      'shipStock.input.lines.serials',
      'transferStock.input.lines.serials',
      'updateProduct.input.barcodes',
      'writeOffStock.input.lines.serials',
    ]);
    const serials = range('EV-', 1, LONG);
    const lines = [{ productId: w.terminal.id, quantity: LONG, serials }];
    const moved = async (mutation: string, type: string, input: Record<string, unknown>) => {
      const data = ok(
        await s.gql(`mutation($i: ${type}!) { ${mutation}(input: $i) { id lines { quantity } } }`, {
          i: input,
        }),
      )[mutation] as { id: string; lines: { quantity: number }[] };
      const [{ n }] = (await s.sql<{ n: number }>(
        `select count(*)::int as n from movement where document_id = ?`,
        [parseGlobalId(data.id)!.id],
      )) as [{ n: number }];
      expect({ mutation, quantity: data.lines[0]!.quantity, movements: n }).toEqual({
        mutation,
        quantity: LONG,
        movements: LONG,
      });
      return data;
    };
    await moved('receiveStock', 'ReceiveStockInput', { warehouseId: w.main.id, lines });
    await moved('holdStock', 'HoldStockInput', { warehouseId: w.main.id, reason: 'check', lines });
    await moved('releaseStock', 'HoldStockInput', { warehouseId: w.main.id, reason: 'checked', lines });
    await moved('transferStock', 'TransferStockInput', {
      fromWarehouseId: w.main.id,
      toWarehouseId: w.east.id,
      lines,
    });
    const shipment = await moved('shipStock', 'ShipStockInput', {
      warehouseId: w.east.id,
      customerId: w.customer.id,
      lines,
    });
    await moved('returnStock', 'ReturnStockInput', {
      shipmentId: shipment.id,
      condition: 'RESALABLE',
      serials,
    });
    // A count in the warehouse the units are in: every scan counted, one result per code sent.
    const count = ok(
      await s.gql(`mutation($w: ID!) { startStockCount(input: { warehouseId: $w }) { id } }`, {
        w: w.east.id,
      }),
    ).startStockCount as { id: string };
    const scanned = ok(
      await s.gql(
        `mutation($c: ID!, $n: [String!]!) { recordCountScans(countId: $c, numbers: $n) { scans { code verdict } } }`,
        { c: count.id, n: serials },
      ),
    ).recordCountScans as { scans: { code: string; verdict: string }[] };
    expect(scanned.scans.map((r) => r.code)).toEqual(serials);
    expect(new Set(scanned.scans.map((r) => r.verdict))).toEqual(new Set(['COUNTED']));
    ok(await s.gql(`mutation($c: ID!) { cancelStockCount(countId: $c) { id } }`, { c: count.id }));
    await moved('writeOffStock', 'WriteOffStockInput', { warehouseId: w.east.id, reason: 'flood', lines });
    // Barcodes: the limit sees the real length (a hidden list would look like one code).
    const barcodes = Array.from({ length: LONG }, (_, i) => `9638507${i}`);
    for (const [mutation, input] of [
      ['createProduct', `{ sku: "LL-1", name: "Long list", trackingMode: SERIAL, barcodes: $b }`],
      ['updateProduct', `{ id: "${w.terminal.id}", barcodes: $b }`],
    ] as const) {
      const err = refused(
        await s.gql(`mutation($b: [String!]) { ${mutation}(input: ${input}) { id } }`, { b: barcodes }),
      );
      expect(err.extensions?.code, mutation).toBe('BAD_USER_INPUT');
      expect(err.message, mutation).toContain('barcodes');
    }
  });
});

/** Every `mutation.argument.field…` position typed as a list of String, in the schema's mutations. */
function stringListPositions(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  const walk = (type: GraphQLInputType, path: string, seen: Set<string>) => {
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      const item = getNullableType(nullable.ofType as GraphQLInputType);
      if (isScalarType(item) && item.name === 'String') out.push(path);
      else walk(nullable.ofType as GraphQLInputType, path, seen);
    } else if (isInputObjectType(nullable) && !seen.has(nullable.name)) {
      for (const field of Object.values(nullable.getFields()))
        walk(field.type, `${path}.${field.name}`, new Set([...seen, nullable.name]));
    }
  };
  for (const field of Object.values(schema.getMutationType()!.getFields()))
    for (const arg of field.args) walk(arg.type, `${field.name}.${arg.name}`, new Set());
  return out.sort();
}
