import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTracingConfig } from '../src/observability';
import { ok } from './support/fixtures';
import { startTestServer, type TestServer } from './support/test-server';

/** A real OTLP/HTTP receiver: collects the JSON bodies the exporter POSTs to /v1/traces. */
async function startReceiver() {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/v1/traces') bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: { stringValue?: string; intValue?: number | string } }[];
}

function spansOf(bodies: string[]): OtlpSpan[] {
  return bodies.flatMap((b) =>
    (JSON.parse(b) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans.flatMap(
      (r) => r.scopeSpans.flatMap((s) => s.spans),
    ),
  );
}

const attr = (span: OtlpSpan, key: string) => {
  const v = span.attributes.find((a) => a.key === key)?.value;
  return v?.stringValue ?? v?.intValue;
};

describe('OpenTelemetry traces (a real OTLP/HTTP receiver)', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let s: TestServer;
  beforeAll(async () => {
    receiver = await startReceiver();
    s = await startTestServer({
      tracing: { url: receiver.url, serviceName: 'serialgraph-test', exportDelayMs: 20 },
    });
  });
  afterAll(async () => {
    await s?.close();
    await receiver?.close();
  });

  it('one query is one trace: HTTP → GraphQL operation → root field → SQL, with the request id and no values', async () => {
    const secretSku = 'SKU-SECRET-7f3a';
    const created = ok(
      await s.gql(`mutation($sku: String!) { createProduct(input: { sku: $sku, name: "Traced" }) { id } }`, {
        sku: secretSku,
      }),
    ).createProduct as { id: string };

    const requestId = 'trace-test-0001';
    const res = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${s.keys.viewer}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({
        query: `query ProductStock($id: ID!) { node(id: $id) { ... on Product { sku stock } } }`,
        variables: { id: created.id },
      }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { node: { stock: number } } }).data.node.stock).toBe(0);

    // The batch processor exports every 20 ms: wait until the request's spans (down to SQL) arrived.
    let trace: OtlpSpan[] = [];
    for (let i = 0; i < 250; i++) {
      const http = spansOf(receiver.bodies).find((sp) => attr(sp, 'serialgraph.request_id') === requestId);
      trace = http ? spansOf(receiver.bodies).filter((sp) => sp.traceId === http.traceId) : [];
      if (
        trace.some((sp) => sp.name === 'Query.node') &&
        trace.filter((sp) => sp.name === 'SELECT').length >= 2
      )
        break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const byId = new Map(trace.map((sp) => [sp.spanId, sp]));
    const parentOf = (sp: OtlpSpan) => (sp.parentSpanId ? byId.get(sp.parentSpanId) : undefined);

    const httpSpan = trace.find((sp) => sp.name === 'POST /graphql')!;
    expect(httpSpan, 'HTTP span').toBeDefined();
    expect(parentOf(httpSpan)).toBeUndefined();
    expect(attr(httpSpan, 'serialgraph.request_id')).toBe(requestId);
    expect(attr(httpSpan, 'http.response.status_code')).toBe(200);

    const operation = trace.find((sp) => sp.name === 'query ProductStock')!;
    expect(operation, 'GraphQL operation span').toBeDefined();
    expect(parentOf(operation)).toBe(httpSpan);
    expect(attr(operation, 'serialgraph.request_id')).toBe(requestId);
    expect(attr(operation, 'serialgraph.outcome')).toBe('OK');

    const root = trace.find((sp) => sp.name === 'Query.node')!;
    expect(parentOf(root)).toBe(operation);

    // The node lookup and the nested `stock` field's statement both hang under the root field.
    const sql = trace.filter((sp) => attr(sp, 'db.system.name') === 'postgresql');
    const underRoot = sql.filter((sp) => parentOf(sp) === root);
    expect(underRoot.length).toBeGreaterThanOrEqual(2);
    for (const sp of underRoot) expect(attr(sp, 'db.operation.name')).toBe(sp.name);
    // Every SQL span of the request is under the HTTP span (the key lookup runs before GraphQL).
    for (const sp of sql) {
      let up: OtlpSpan | undefined = sp;
      while (up && up !== httpSpan) up = parentOf(up);
      expect(up, `${sp.name} span is parented`).toBe(httpSpan);
    }
    // No span of another trace carries this request id: one request, one trace.
    const elsewhere = spansOf(receiver.bodies).filter(
      (sp) => attr(sp, 'serialgraph.request_id') === requestId && sp.traceId !== httpSpan.traceId,
    );
    expect(elsewhere).toEqual([]);

    // Nothing exported holds a variable's value, a key, SQL text or parameters.
    const exported = receiver.bodies.join('\n');
    for (const secret of [
      secretSku,
      created.id,
      s.keys.viewer,
      s.keys.admin,
      'organization_id =',
      '$1',
      'from ',
    ])
      expect(exported, `exported spans contain ${secret}`).not.toContain(secret);
  });

  it('exports an error code, never the database error message', async () => {
    // A duplicate SKU is refused by the unique index: its message would quote the value.
    const sku = 'SKU-DUP-91c2';
    ok(
      await s.gql(`mutation($sku: String!) { createProduct(input: { sku: $sku, name: "A" }) { id } }`, {
        sku,
      }),
    );
    const dup = await s.gql(
      `mutation($sku: String!) { createProduct(input: { sku: $sku, name: "B" }) { id } }`,
      {
        sku,
      },
    );
    const code = dup.errors?.[0]?.extensions?.code;
    expect(code).toBeDefined();
    let refusedSpan: OtlpSpan | undefined;
    for (let i = 0; i < 250 && !refusedSpan; i++) {
      refusedSpan = spansOf(receiver.bodies).find((sp) => attr(sp, 'serialgraph.outcome') === code);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(refusedSpan, 'the refused operation is exported with its code').toBeDefined();
    expect(receiver.bodies.join('\n')).not.toContain(sku);
  });
});

describe('tracing configuration', () => {
  it('is off unless an OTLP exporter is configured', () => {
    expect(readTracingConfig({})).toBeUndefined();
    expect(
      readTracingConfig({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x:4318' }),
    ).toBe(undefined);
    expect(readTracingConfig({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toBeUndefined();
    expect(readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({
      serviceName: 'serialgraph-api',
    });
    expect(readTracingConfig({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SERVICE_NAME: 'api-eu' })).toEqual({
      serviceName: 'api-eu',
    });
  });

  it('refuses an exporter or protocol it does not ship, naming the variable', () => {
    expect(() => readTracingConfig({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(
      /OTEL_TRACES_EXPORTER.*zipkin/,
    );
    expect(() =>
      readTracingConfig({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
    ).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL.*grpc/);
  });

  it('loads OpenTelemetry only through the dynamic import of otel-tracing.ts', async () => {
    const src = path.join(__dirname, '../src');
    const files = (await readdir(src, { recursive: true })).filter((f) => f.endsWith('.ts'));
    const importers: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(src, file), 'utf8');
      if (/from '@opentelemetry\//.test(text)) importers.push(file);
      // A static import of the SDK module would load it in every server.
      expect(text, file).not.toMatch(/from '\.\/otel-tracing'/);
    }
    expect(importers).toEqual([path.join('observability', 'otel-tracing.ts')]);
  });
});
