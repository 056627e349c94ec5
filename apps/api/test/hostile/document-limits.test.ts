import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { ok, range, seedWorld, type World } from '../support/fixtures';
import { expectTypedRefusal } from './row-state';

// Finding 7: quantities and sizes that overflowed or crashed instead of being refused. Each is now
// BAD_USER_INPUT naming the field and the limit, before posting starts, and nothing is written.
let s: TestServer;
let w: World;
beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
});
afterAll(() => s?.close());

const receiveLines = (lines: unknown[]) =>
  s.gql(`mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { id } }`, {
    i: { warehouseId: w.main.id, supplierId: w.supplier.id, lines },
  });

describe('document limits', () => {
  it('refuses an untracked quantity of 2^31 - 1 (integer overflow) naming the field and the limit', async () => {
    ok(await receiveLines([{ productId: w.cable.id, quantity: 5 }]));
    const err = await expectTypedRefusal(
      s,
      () => receiveLines([{ productId: w.cable.id, quantity: 2 ** 31 - 1 }]),
      'BAD_USER_INPUT',
      'input.lines[0].quantity',
    );
    expect(err.message).toContain('1000000');
  });

  it('refuses a zero or negative quantity naming the line', async () => {
    await expectTypedRefusal(
      s,
      () => receiveLines([{ productId: w.cable.id, quantity: 0 }]),
      'BAD_USER_INPUT',
      'input.lines[0].quantity',
    );
    await expectTypedRefusal(
      s,
      () =>
        receiveLines([
          { productId: w.cable.id, quantity: 1 },
          { productId: w.cable.id, quantity: -3 },
        ]),
      'BAD_USER_INPUT',
      'input.lines[1].quantity',
    );
  });

  it('refuses 200,000 serials on one line (was a RangeError) naming the field and the limit', async () => {
    const serials = range('BIG-', 1, 200_000, 6);
    const err = await expectTypedRefusal(
      s,
      () => receiveLines([{ productId: w.terminal.id, quantity: serials.length, serials }]),
      'BAD_USER_INPUT',
      'input.lines[0].serials',
    );
    expect(err.message).toContain('100000');
    expect(JSON.stringify(err)).not.toContain('BIG-000001');
  });

  it('enforces the per-document serial cap across lines (2 × 60,000)', async () => {
    const a = range('SPLIT-A-', 1, 60_000, 6);
    const b = range('SPLIT-B-', 1, 60_000, 6);
    const err = await expectTypedRefusal(
      s,
      () =>
        receiveLines([
          { productId: w.terminal.id, quantity: a.length, serials: a },
          { productId: w.terminal.id, quantity: b.length, serials: b },
        ]),
      'BAD_USER_INPUT',
      'input.lines',
    );
    expect(err.message).toMatch(/more than 100000 serial numbers in total/);
  });

  it('refuses more than 1,000 lines on one document', async () => {
    const lines = Array.from({ length: 1_001 }, () => ({ productId: w.cable.id, quantity: 1 }));
    const err = await expectTypedRefusal(s, () => receiveLines(lines), 'BAD_USER_INPUT', 'input.lines');
    expect(err.message).toContain('1000');
  });

  it('names every nested problem, not only the first', async () => {
    const err = await expectTypedRefusal(
      s,
      () =>
        s.gql(`mutation($i: ShipStockInput!) { shipStock(input: $i) { id } }`, {
          i: {
            warehouseId: w.main.id,
            customerId: w.customer.id,
            reference: 'r'.repeat(201),
            lines: [{ productId: w.cable.id, quantity: 0 }],
          },
        }),
      'BAD_USER_INPUT',
    );
    expect(err.message).toContain('input.reference');
    expect(err.message).toContain('input.lines[0].quantity');
  });
});
