// One 100,000-serial posting with the API in this process (a receipt, or with an argument a
// transfer, shipment or return of 100,000 units received first): prints every event-loop gap over
// 30 ms with the CPU time the process used during it. On a loaded machine the wall-clock loop delay
// (the postings bench's "loop max") is mostly time the process was not running at all (0 ms of CPU);
// the CPU column is the server's own synchronous work. `LOG_LEVEL=warn npx tsx src/bench/loop-gaps.ts
// [receive|transfer|ship|return]`
// (add `--trace-gc` after tsx to interleave garbage collections).
import 'reflect-metadata';
import http from 'node:http';
import { withTempApp } from './temp-app';
import { createApiKey, findOrCreateOrganization } from '../modules/auth/auth.service';

type Operation = 'receive' | 'transfer' | 'ship' | 'return';
const OPERATIONS: readonly Operation[] = ['receive', 'transfer', 'ship', 'return'];
const operation = (process.argv[2] ?? 'receive') as Operation;
if (!OPERATIONS.includes(operation)) throw new Error(`Say one of ${OPERATIONS.join(', ')}.`);

withTempApp('gaps', async (app) => {
  const em = app.db.orm.em.fork();
  const org = await findOrCreateOrganization(em, 'gaps');
  const { key } = await createApiKey(em, org.id, { name: 'a', role: 'admin' });
  const post = (body: Buffer) =>
    new Promise<string>((resolve, reject) => {
      const u = new URL(`${app.url}/graphql`);
      const req = http.request(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${key}`,
            'content-length': body.length,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const m = JSON.parse(
    await post(
      Buffer.from(
        JSON.stringify({
          query: `mutation { w: createWarehouse(input: { code: "W", name: "W" }) { id } w2: createWarehouse(input: { code: "W2", name: "W2" }) { id } c: createParty(input: { name: "C", roles: [CUSTOMER] }) { id } p: createProduct(input: { sku: "P", name: "P", trackingMode: SERIAL }) { id } }`,
        }),
      ),
    ),
  ).data;
  const numbers = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, k) => `${prefix}-${String(k).padStart(7, '0')}`);
  const request = (query: string, i: unknown) => Buffer.from(JSON.stringify({ query, variables: { i } }));
  const lines = (serials: string[]) => [{ productId: m.p.id, quantity: serials.length, serials }];
  const receive = (serials: string[]) =>
    request('mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { id number } }', {
      warehouseId: m.w.id,
      lines: [{ ...lines(serials)[0], unitCost: '1.00' }],
    });
  const ship = (serials: string[]) =>
    request('mutation($i: ShipStockInput!) { shipStock(input: $i) { id number } }', {
      warehouseId: m.w.id,
      customerId: m.c.id,
      lines: lines(serials),
    });
  const operations: Record<Operation, (serials: string[]) => Promise<Buffer>> = {
    receive: async (serials) => receive(serials),
    transfer: async (serials) => {
      await post(receive(serials));
      return request('mutation($i: TransferStockInput!) { transferStock(input: $i) { id number } }', {
        fromWarehouseId: m.w.id,
        toWarehouseId: m.w2.id,
        lines: lines(serials),
      });
    },
    ship: async (serials) => {
      await post(receive(serials));
      return ship(serials);
    },
    return: async (serials) => {
      await post(receive(serials));
      const shipment = JSON.parse(await post(ship(serials))).data.shipStock;
      return request('mutation($i: ReturnStockInput!) { returnStock(input: $i) { id number } }', {
        shipmentId: shipment.id,
        serials,
        condition: 'RESALABLE',
      });
    },
  };
  await post(await operations[operation](numbers('WARM', 2000)));
  const body = await operations[operation](numbers('BIG', 100_000));
  console.log(`${operation} of 100,000 units:`);
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const t0 = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    if (now - last > 30)
      console.log(
        `GAP ${(now - last).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms cpu, at ${(now - t0).toFixed(0)} ms`,
      );
    last = now;
    lastCpu = process.cpuUsage();
  }, 5);
  const answer = await post(body);
  clearInterval(timer);
  console.log('done', (performance.now() - t0).toFixed(0), 'ms', answer.slice(0, 100));
}).then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
