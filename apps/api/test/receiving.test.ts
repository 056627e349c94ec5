import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { ok, range, receive, refused, seedWorld, serialByNumber, writeCounts, type World } from './support/fixtures';

let s: TestServer;
let w: World;
beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
});
afterAll(() => s?.close());

describe('receiving stock', () => {
  it('records every unit of a receipt, in stock where it arrived, with its supplier and cost', async () => {
    const doc = ok(await receive(s, w, range('device-', 101, 105), { reference: 'INV-77' })).receiveStock;
    expect(doc.number).toMatch(/^RCV-\d{6}$/);
    expect(doc.type).toBe('RECEIPT');
    expect(doc.reference).toBe('INV-77');
    expect(doc.actor).toBe('admin-key');
    expect(doc.lines[0].quantity).toBe(5);
    expect(doc.lines[0].unitCost).toBe('100.00');
    expect(doc.lines[0].totalCost).toBe('500.00');
    expect(doc.lines[0].serials.map((x: { number: string }) => x.number)).toEqual(range('device-', 101, 105));
    const unit = await serialByNumber(s, 'DEVICE-00103');
    expect(unit).toMatchObject({
      number: 'device-00103',
      status: 'IN_STOCK',
      inStorage: true,
      warehouse: { code: 'MAIN' },
      supplier: { name: 'Handheld Supply Co' },
      receivedIn: { number: doc.number },
      unitCost: '100.00',
      warranty: null,
    });
    expect(unit.history).toEqual([
      expect.objectContaining({ type: 'RECEIVED', fromStatus: null, toStatus: 'IN_STOCK', toWarehouse: { code: 'MAIN' }, actor: 'admin-key' }),
    ]);
  });

  it('refuses numbers already recorded, naming every one, case-insensitively, and writes nothing', async () => {
    const before = await writeCounts(s);
    const err = refused(await receive(s, w, ['DEVICE-00101', 'new-1', 'Device-00104']));
    expect(err.extensions?.code).toBe('SERIAL_EXISTS');
    expect(err.extensions?.serials).toEqual(['DEVICE-00101', 'Device-00104']);
    expect(await writeCounts(s)).toEqual(before);
  });
});
