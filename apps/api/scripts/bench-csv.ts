// `pnpm --filter @serialgraph/api bench:csv`: CSV at scale on a throw-away embedded PostgreSQL.
// 1. Export of BENCH_CSV_ROWS units (default 1,000,000) through GET /export/serials.csv, read by a
//    `curl` child process (so the client's memory is not the server's): time, throughput, and the
//    server's RSS before, at its peak (sampled every 20 ms) and after.
// 2. The same export read by a client limited to 1 MB/s for 5 s, then cut off: RSS stays flat while
//    the socket is full, and the connection is returned.
// 3. Import of BENCH_CSV_IMPORT_ROWS rows (default 100,000) over two warehouses: dry run, then post.
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { withTempApp } from '../src/bench/temp-app';
import { createApiKey, findOrCreateOrganization } from '../src/modules/auth/auth.service';

const ROWS = Number(process.env.BENCH_CSV_ROWS ?? 1_000_000);
const IMPORT_ROWS = Number(process.env.BENCH_CSV_IMPORT_ROWS ?? 100_000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function sampleRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

function curl(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

await withTempApp('csv-bench', async (app) => {
  const em = app.db.orm.em.fork();
  const org = await findOrCreateOrganization(em, 'bench');
  const { key } = await createApiKey(em, org.id, { name: 'bench', role: 'admin' });
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data: Record<string, { id: string }>; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const world: Record<string, { id: string }> = await gql(`mutation {
    main: createWarehouse(input: { code: "MAIN", name: "Main" }) { id }
    east: createWarehouse(input: { code: "EAST", name: "East" }) { id }
    supplier: createParty(input: { name: "Bench Supply", roles: [SUPPLIER] }) { id }
    product: createProduct(input: { sku: "BENCH-1", name: "Bench unit", trackingMode: SERIAL }) { id }
  }`);
  await gql(`mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id } }`, {
    input: {
      warehouseId: world.main!.id,
      supplierId: world.supplier!.id,
      lines: [{ productId: world.product!.id, quantity: 1, serials: ['seed-1'], unitCost: '10.00' }],
    },
  });
  const owner = new pg.Client({ connectionString: app.db.ownerUrl });
  await owner.connect();
  let started = performance.now();
  await owner.query(
    `insert into serial (id, organization_id, product_id, number, status, warehouse_id, supplier_id, received_in_id, received_at, unit_cost, internal_code)
     select gen_random_uuid(), t.organization_id, t.product_id, 'BULK-' || lpad(g::text, 8, '0'), 'IN_STOCK',
            t.warehouse_id, t.supplier_id, t.received_in_id, t.received_at, t.unit_cost, 'TAG-' || g
       from serial t, generate_series(1, $1::int) g where t.number = 'seed-1'`,
    [ROWS],
  );
  await owner.query('vacuum analyze serial');
  await owner.end();
  console.log(`loaded ${ROWS} units in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const url = `${app.url}/export/serials.csv`;
  const auth = `authorization: Bearer ${key}`;
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = sampleRss();
  started = performance.now();
  const full = await curl(['-sS', '-o', '/dev/null', '-H', auth, '-w', '%{http_code} %{size_download}', url]);
  const seconds = (performance.now() - started) / 1000;
  const [status, bytes] = full.out.split(' ');
  console.log(
    `export of ${ROWS + 1} units: HTTP ${status}, ${mb(Number(bytes))} in ${seconds.toFixed(1)} s ` +
      `(${Math.round((ROWS + 1) / seconds).toLocaleString()} rows/s); server RSS before ${mb(before)}, ` +
      `peak ${mb(peak())}, after ${mb(process.memoryUsage().rss)}`,
  );

  peak = sampleRss();
  const slowBefore = process.memoryUsage().rss;
  const slow = await curl([
    '-sS',
    '-o',
    '/dev/null',
    '-H',
    auth,
    '--limit-rate',
    '1M',
    '--max-time',
    '5',
    url,
  ]);
  await new Promise((r) => setTimeout(r, 500));
  const inUse = (app.db.orm.em.getKnex().client as { pool: { numUsed(): number } }).pool.numUsed();
  console.log(
    `slow client (1 MB/s, cut off after 5 s, curl exit ${slow.code}): server RSS before ${mb(slowBefore)}, ` +
      `peak ${mb(peak())}; pooled connections in use afterwards: ${inUse}`,
  );

  // Import: IMPORT_ROWS new units over two warehouses.
  const lines = ['sku,serial,warehouse,unitCost,internalCode'];
  for (let i = 0; i < IMPORT_ROWS; i++)
    lines.push(`BENCH-1,IMP-${String(i).padStart(8, '0')},${i % 2 ? 'EAST' : 'MAIN'},12.50,ITAG-${i}`);
  const file = `${lines.join('\r\n')}\r\n`;
  for (const dryRun of [true, false]) {
    const statements = app.db.statementCount();
    peak = sampleRss();
    const rssBefore = process.memoryUsage().rss;
    started = performance.now();
    const res = await fetch(`${app.url}/import/receipt${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` },
      body: file,
    });
    const body = (await res.json()) as {
      okRows?: number;
      documents?: { number: string; units: number }[];
      errors?: { message: string }[];
    };
    console.log(
      `import of ${IMPORT_ROWS} rows (${mb(file.length)})${dryRun ? ' dry run' : ''}: HTTP ${res.status} in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s, ${app.db.statementCount() - statements} statements ` +
        `through the ORM, RSS ${mb(rssBefore)} → peak ${mb(peak())}; ` +
        (dryRun
          ? `${body.okRows} OK`
          : (body.documents?.map((d) => `${d.number}: ${d.units}`).join(', ') ??
            JSON.stringify(body.errors))),
    );
  }
});
