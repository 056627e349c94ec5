import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, receive, seedWorld, type World } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

let s: TestServer;
let w: World;

// Serials and internal codes a spreadsheet would run as formulas if written as they are.
const FORMULAS = ['=1+2', '+44', '-5', '@SUM(A1)'];

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  ok(
    await s.gql(`mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id } }`, {
      input: {
        warehouseId: w.main.id,
        lines: [
          {
            productId: w.terminal.id,
            quantity: 4,
            units: FORMULAS.map((serial, i) => ({ serial, internalCode: `=HYPERLINK("http://x/${i}")` })),
          },
        ],
      },
    }),
  );
  ok(await receive(s, w, ['plain-1']));
  // Text that reached the database another way (an older import, a migration): tab and CR leading.
  await s.sql(`update product set name = ? where sku = 'HT-100'`, ['\t=cmd|calc']);
  await s.sql(`update party set name = ? where name = 'Handheld Supply Co'`, ['\r=x']);
});
afterAll(() => s?.close());

describe('CSV injection in exports', () => {
  it("writes every cell that starts with = + - @ tab or CR with a leading ' (OWASP), and others as they are", async () => {
    const res = await fetch(`${s.url}/export/serials.csv`, {
      headers: { authorization: `Bearer ${s.keys.admin}` },
    });
    expect(res.status).toBe(200);
    const rows = parse(await res.text(), { bom: true, columns: true }) as Record<string, string>[];
    const bySerial = new Map(rows.map((r) => [r.serial, r]));
    for (const formula of FORMULAS) expect(bySerial.has(`'${formula}`), formula).toBe(true);
    for (const row of rows) {
      for (const [column, cell] of Object.entries(row))
        expect(/^[=+\-@\t\r]/.test(cell), `${column}: ${JSON.stringify(cell)}`).toBe(false);
      expect(row.product).toBe("'\t=cmd|calc");
    }
    expect(bySerial.get("'=1+2")!.internalCode).toBe(`'=HYPERLINK("http://x/0")`);
    expect(bySerial.get('plain-1')).toMatchObject({ serial: 'plain-1', internalCode: '', supplier: "'\r=x" });
  });
});
