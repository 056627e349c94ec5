// One 100,000-serial receipt with the API in this process: prints every event-loop gap over 30 ms
// with the CPU time the process used during it. On a loaded machine the wall-clock loop delay
// (the postings bench's "loop max") is mostly time the process was not running at all (0 ms of CPU);
// the CPU column is the server's own synchronous work. `LOG_LEVEL=warn npx tsx src/bench/loop-gaps.ts`
// (add `--trace-gc` after tsx to interleave garbage collections).
import 'reflect-metadata';
import http from 'node:http';
import { withTempApp } from './temp-app';
import { createApiKey, findOrCreateOrganization } from '../modules/auth/auth.service';

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
          query: `mutation { w: createWarehouse(input: { code: "W", name: "W" }) { id } p: createProduct(input: { sku: "P", name: "P", trackingMode: SERIAL }) { id } }`,
        }),
      ),
    ),
  ).data;
  const make = (prefix: string, n: number) =>
    Buffer.from(
      JSON.stringify({
        query: 'mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { id number } }',
        variables: {
          i: {
            warehouseId: m.w.id,
            lines: [
              {
                productId: m.p.id,
                quantity: n,
                unitCost: '1.00',
                serials: Array.from({ length: n }, (_, k) => `${prefix}-${String(k).padStart(7, '0')}`),
              },
            ],
          },
        },
      }),
    );
  await post(make('WARM', 2000));
  const body = make('BIG', 100_000);
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
