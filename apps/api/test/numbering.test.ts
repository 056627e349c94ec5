import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '@serialgraph/domain';
import { startTestServer, type TestServer } from './support/test-server';
import { DOCUMENT_FIELDS, ok, refused, seedWorld, writeCounts, type World } from './support/fixtures';

// Numbers made by the API for units that arrive without a serial: a product's number template,
// receipts that generate them, and reservations handed out ahead of the receipt.
let s: TestServer;
let w: World;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
});
afterAll(() => s?.close());

const RESERVATION = `id count firstNumber lastNumber numbers received state createdAt expiresAt product { sku }`;

async function toolProduct(sku: string, numberTemplate: string, serialFormat: string | null = null) {
  return ok(
    await s.gql(
      `mutation($i: CreateProductInput!) { createProduct(input: $i) { id sku numberTemplate serialFormat } }`,
      { i: { sku, name: `Tool ${sku}`, trackingMode: 'SERIAL', numberTemplate, serialFormat } },
    ),
  ).createProduct as { id: string; numberTemplate: string };
}

const reserve = (productId: string, count: number, idempotencyKey?: string, key?: string) =>
  s.gql(
    `mutation($p: ID!, $n: Int!, $k: String) { reserveSerials(productId: $p, count: $n, idempotencyKey: $k) { ${RESERVATION} } }`,
    { p: productId, n: count, k: idempotencyKey ?? null },
    key,
  );

const receiveLines = (lines: unknown[], extra: Record<string, unknown> = {}) =>
  s.gql(`mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { ${DOCUMENT_FIELDS} } }`, {
    i: { warehouseId: w.main.id, supplierId: w.supplier.id, lines, ...extra },
  });

/** Every table a posting or a reservation writes. */
async function numberingState() {
  const [row] = await s.sql<Record<string, unknown>>(
    `select (select coalesce(json_agg(json_build_array(product_id, key, last) order by product_id, key), '[]')
               from serial_number_counter) as counters,
            (select coalesce(json_agg(json_build_array(id, received) order by id), '[]') from serial_reservation) as reservations`,
  );
  return { ...row, ...(await writeCounts(s)) };
}

const numbersOf = (doc: { lines: { serials: { number: string }[] }[] }) =>
  doc.lines.flatMap((l) => l.serials.map((x) => x.number));

describe('number templates on products', () => {
  it('stores, returns and removes a product’s numberTemplate', async () => {
    const p = await toolProduct('NT-1', 'NT-{YYYY}-{SEQ:4}');
    expect(p.numberTemplate).toBe('NT-{YYYY}-{SEQ:4}');
    const updated = ok(
      await s.gql(`mutation($i: UpdateProductInput!) { updateProduct(input: $i) { numberTemplate } }`, {
        i: { id: p.id, numberTemplate: '' },
      }),
    ).updateProduct;
    expect(updated.numberTemplate).toBeNull();
  });
});

describe('receiving with generate: k', () => {
  it('makes k consecutive numbers from the template, with the posting year and the check digit', async () => {
    const p = await toolProduct('TOOL', 'TOOL-{YYYY}-{SEQ:6}-{CHECK}');
    const first = ok(await receiveLines([{ productId: p.id, quantity: 3, generate: 3 }])).receiveStock;
    const second = ok(
      await receiveLines([
        { productId: p.id, quantity: 2, generate: 2 },
        { productId: w.cable.id, quantity: 4 },
      ]),
    ).receiveStock;
    const made = (seq: number) => {
      const body = `${year}${String(seq).padStart(6, '0')}`;
      return `TOOL-${year}-${String(seq).padStart(6, '0')}-${luhnCheckDigit(body)}`;
    };
    expect(numbersOf(first)).toEqual([1, 2, 3].map(made));
    expect(numbersOf(second)).toEqual([4, 5].map(made));
    expect(first.lines[0].serials.every((u: { status: string }) => u.status === 'IN_STOCK')).toBe(true);
    const [counter] = await s.sql<{ last: string; key: string }>(
      `select key, last from serial_number_counter where product_id = (select id from product where sku = 'TOOL')`,
    );
    expect(counter).toEqual({ key: `TOOL-${year}-{SEQ}-`, last: '5' });
  });

  it('refuses generate that differs from quantity, or beside serials, and writes nothing', async () => {
    const p = await toolProduct('GEN-2', 'G-{SEQ:5}');
    const before = await numberingState();
    const mismatch = refused(await receiveLines([{ productId: p.id, quantity: 3, generate: 2 }]));
    expect(mismatch.extensions?.code).toBe('SERIAL_COUNT_MISMATCH');
    expect(mismatch.message).toContain('generate 2');
    const both = refused(
      await receiveLines([{ productId: p.id, quantity: 1, generate: 1, serials: ['G-99999'] }]),
    );
    expect(both.extensions?.code).toBe('BAD_USER_INPUT');
    expect(both.message).toContain('only one of them');
    expect(await numberingState()).toEqual(before);
  });

  it('refuses generate for a product without a template, naming numberTemplate', async () => {
    const before = await numberingState();
    const err = refused(await receiveLines([{ productId: w.terminal.id, quantity: 1, generate: 1 }]));
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.extensions?.field).toBe('numberTemplate');
    expect(err.message).toContain('HT-100 has no numberTemplate');
    expect(await numberingState()).toEqual(before);
  });

  it('rolls generated numbers back with a refused receipt: the next receipt gets them, no gap', async () => {
    const p = await toolProduct('RB-1', 'RB-{SEQ:4}');
    ok(await receiveLines([{ productId: p.id, quantity: 1, generate: 1 }])); // RB-0001
    const before = await numberingState();
    // The second line repeats a number already recorded: the whole receipt is refused.
    const err = refused(
      await receiveLines([
        { productId: p.id, quantity: 2, generate: 2 },
        { productId: p.id, quantity: 1, serials: ['RB-0001'] },
      ]),
    );
    expect(err.extensions?.code).toBe('SERIAL_EXISTS');
    expect(err.extensions?.serials).toEqual(['RB-0001']);
    expect(await numberingState()).toEqual(before);
    const next = ok(await receiveLines([{ productId: p.id, quantity: 2, generate: 2 }])).receiveStock;
    expect(numbersOf(next)).toEqual(['RB-0002', 'RB-0003']);
  });

  it('passes over numbers typed by hand in the template’s shape instead of colliding with them forever', async () => {
    const p = await toolProduct('HAND', 'HD-{SEQ:3}');
    ok(await receiveLines([{ productId: p.id, quantity: 1, serials: ['hd-002'] }]));
    const gen = ok(await receiveLines([{ productId: p.id, quantity: 3, generate: 3 }])).receiveStock;
    // HD-001…HD-003 hold the typed hd-002 (letter case ignored): that run is passed over, never reissued.
    expect(numbersOf(gen)).toEqual(['HD-004', 'HD-005', 'HD-006']);
    const r = ok(await reserve(p.id, 2)).reserveSerials;
    expect(r.numbers).toEqual(['HD-007', 'HD-008']);
  });

  it('refuses a counter that would outgrow its width, naming the counter, and writes nothing', async () => {
    const p = await toolProduct('SMALL', 'S{SEQ:1}');
    ok(await receiveLines([{ productId: p.id, quantity: 8, generate: 8 }]));
    const before = await numberingState();
    const err = refused(await receiveLines([{ productId: p.id, quantity: 2, generate: 2 }]));
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.message).toContain('has 1 number(s) left, fewer than 2');
    expect(await numberingState()).toEqual(before);
  });

  it('a retried receipt with the same idempotency key makes no new numbers', async () => {
    const p = await toolProduct('IDEM', 'ID-{SEQ:3}');
    const input = [{ productId: p.id, quantity: 2, generate: 2 }];
    const a = ok(await receiveLines(input, { idempotencyKey: 'gen-once' })).receiveStock;
    const b = ok(await receiveLines(input, { idempotencyKey: 'gen-once' })).receiveStock;
    expect(b.id).toBe(a.id);
    expect(numbersOf(b)).toEqual(['ID-001', 'ID-002']);
    const [counter] = await s.sql<{ last: string }>(
      `select last from serial_number_counter where product_id = (select id from product where sku = 'IDEM')`,
    );
    expect(counter!.last).toBe('2');
  });

  it('refuses generate and reservationId on documents other than receipts', async () => {
    const p = await toolProduct('SHIPGEN', 'SG-{SEQ:3}');
    ok(await receiveLines([{ productId: p.id, quantity: 1, generate: 1 }]));
    const before = await numberingState();
    const err = refused(
      await s.gql(`mutation($i: ShipStockInput!) { shipStock(input: $i) { id } }`, {
        i: {
          warehouseId: w.main.id,
          customerId: w.customer.id,
          lines: [{ productId: p.id, quantity: 1, generate: 1 }],
        },
      }),
    );
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.message).toContain('receiveStock lines only');
    expect(await numberingState()).toEqual(before);
  });
});

describe('reserveSerials', () => {
  it('hands out consecutive numbers, then a receipt consumes them in order', async () => {
    const p = await toolProduct('RSV', 'RSV-{YY}-{SEQ:5}');
    const r = ok(await reserve(p.id, 3, undefined, s.keys.clerk)).reserveSerials;
    const yy = String(year).slice(-2);
    expect(r).toMatchObject({
      count: 3,
      firstNumber: `RSV-${yy}-00001`,
      lastNumber: `RSV-${yy}-00003`,
      numbers: [`RSV-${yy}-00001`, `RSV-${yy}-00002`, `RSV-${yy}-00003`],
      received: 0,
      state: 'ACTIVE',
      product: { sku: 'RSV' },
    });
    const ttl = Date.parse(r.expiresAt) - Date.parse(r.createdAt);
    expect(ttl).toBe(24 * 60 * 60 * 1000);
    // A receipt that generates takes the numbers after the reservation's.
    const gen = ok(await receiveLines([{ productId: p.id, quantity: 1, generate: 1 }])).receiveStock;
    expect(numbersOf(gen)).toEqual([`RSV-${yy}-00004`]);
    const part = ok(await receiveLines([{ productId: p.id, quantity: 2, reservationId: r.id }])).receiveStock;
    expect(numbersOf(part)).toEqual([`RSV-${yy}-00001`, `RSV-${yy}-00002`]);
    const rest = ok(await receiveLines([{ productId: p.id, quantity: 1, reservationId: r.id }])).receiveStock;
    expect(numbersOf(rest)).toEqual([`RSV-${yy}-00003`]);
    const after = ok(
      await s.gql(`query($id: ID!) { serialReservation(id: $id) { received state } }`, { id: r.id }),
    );
    expect(after.serialReservation).toEqual({ received: 3, state: 'CONSUMED' });
    // Each reserved number is received once.
    const before = await numberingState();
    const again = refused(await receiveLines([{ productId: p.id, quantity: 1, reservationId: r.id }]));
    expect(again.extensions?.code).toBe('BAD_USER_INPUT');
    expect(again.message).toContain('has 0 number(s) left');
    expect(await numberingState()).toEqual(before);
  });

  it('refuses an expired reservation with RESERVATION_EXPIRED, and never reissues its numbers', async () => {
    const p = await toolProduct('EXP', 'EXP-{SEQ:4}');
    const r = ok(await reserve(p.id, 2)).reserveSerials;
    expect(r.numbers).toEqual(['EXP-0001', 'EXP-0002']);
    await s.sql(
      `update serial_reservation set expires_at = now() - interval '1 second' where count = 2 and product_id = (select id from product where sku = 'EXP')`,
    );
    const state = ok(await s.gql(`query($id: ID!) { serialReservation(id: $id) { state } }`, { id: r.id }));
    expect(state.serialReservation.state).toBe('EXPIRED');
    const before = await numberingState();
    const err = refused(await receiveLines([{ productId: p.id, quantity: 1, reservationId: r.id }]));
    expect(err.extensions?.code).toBe('RESERVATION_EXPIRED');
    expect(err.extensions?.reservationId).toBe(r.id);
    expect(err.message).toContain('never reissued');
    expect(await numberingState()).toEqual(before);
    // New numbers, by generation or reservation, continue after the void ones.
    const next = ok(await reserve(p.id, 1)).reserveSerials;
    expect(next.numbers).toEqual(['EXP-0003']);
    const gen = ok(await receiveLines([{ productId: p.id, quantity: 1, generate: 1 }])).receiveStock;
    expect(numbersOf(gen)).toEqual(['EXP-0004']);
  });

  it('answers a retry with the same idempotency key with the same reservation, and refuses the key reused', async () => {
    const p = await toolProduct('RIDEM', 'RI-{SEQ:3}');
    const a = ok(await reserve(p.id, 2, 'rsv-1')).reserveSerials;
    const b = ok(await reserve(p.id, 2, 'rsv-1')).reserveSerials;
    expect(b).toEqual(a);
    const before = await numberingState();
    const conflict = refused(await reserve(p.id, 3, 'rsv-1'));
    expect(conflict.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await numberingState()).toEqual(before);
    expect(ok(await reserve(p.id, 1)).reserveSerials.numbers).toEqual(['RI-003']);
  });

  it('refuses a reservation used for another product, naming both', async () => {
    const p = await toolProduct('OWN', 'OWN-{SEQ:3}');
    const other = await toolProduct('OTHER', 'OTH-{SEQ:3}');
    const r = ok(await reserve(p.id, 1)).reserveSerials;
    const before = await numberingState();
    const err = refused(await receiveLines([{ productId: other.id, quantity: 1, reservationId: r.id }]));
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.message).toContain('another product than OTHER');
    expect(await numberingState()).toEqual(before);
  });

  it('follows SERIALGRAPH_RESERVATION_TTL_MINUTES', async () => {
    const short = await startTestServer({ reservationTtlMinutes: 5 });
    try {
      const p = ok(
        await short.gql(
          `mutation { createProduct(input: { sku: "T", name: "T", trackingMode: SERIAL, numberTemplate: "T{SEQ:2}" }) { id } }`,
        ),
      ).createProduct;
      const r = ok(
        await short.gql(
          `mutation($p: ID!) { reserveSerials(productId: $p, count: 1) { createdAt expiresAt } }`,
          {
            p: p.id,
          },
        ),
      ).reserveSerials;
      expect(Date.parse(r.expiresAt) - Date.parse(r.createdAt)).toBe(5 * 60 * 1000);
    } finally {
      await short.close();
    }
  });
});
