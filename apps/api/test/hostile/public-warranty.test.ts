import http from 'node:http';
import { graphql } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchema } from '../../src/graphql/schema';
import { publicContext } from '../../src/modules/warranty/public-context';
import { PUBLIC_WARRANTY_MIN_RESPONSE_MS } from '../../src/modules/warranty/public-warranty.service';
import { ok, receive, seedWorld, ship, type World } from '../support/fixtures';
import { expectGraphQLError, expectNothingLeaked } from '../support/leaks';
import { answerBeforeUploadEnds, rawRequest, type RawResponse } from '../support/raw-http';
import { startTestServer, type TestServer } from '../support/test-server';

// The one door without a key: `publicWarranty` on a published page. Whatever a caller without a
// key tries, it learns nothing it could not learn from the page (no enumeration of organizations or
// numbers, by answer or by time), reads no large body, gets nothing else, and writes nothing.

let s: TestServer; // acme publishes "acme"; globex has slug "globex", unpublished; no lookup limit
let limited: TestServer; // 3 lookups per minute per address
let w: World;
const SHIPPED = 'PUB-00001';

const LOOKUP = `query($o: String!, $n: String!) { publicWarranty(organization: $o, serial: $n) { productName endsAt active } }`;
const PUBLISH = `mutation($slug: String!, $on: Boolean!) { publishWarrantyLookup(slug: $slug, published: $on) { slug } }`;

function postAnonymous(server: TestServer, body: unknown, headers: Record<string, string> = {}) {
  return rawRequest(`${server.url}/graphql`, {
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const lookUp = (server: TestServer, organization: string, serial: string) =>
  postAnonymous(server, { query: LOOKUP, variables: { o: organization, n: serial } });

/** Every row a caller could have written or changed, to prove a refusal wrote nothing. */
async function state(server: TestServer) {
  const [row] = await server.sql(
    `select (select count(*)::int from warehouse) as warehouses, (select count(*)::int from product) as products,
            (select count(*)::int from party) as parties, (select count(*)::int from document) as documents,
            (select count(*)::int from api_key) as keys,
            (select string_agg(name || ':' || coalesce(warranty_slug, '-') || ':' || warranty_published, ',' order by name)
               from organization) as organizations`,
  );
  return row;
}

beforeAll(async () => {
  [s, limited] = await Promise.all([
    startTestServer({ publicWarrantyRateLimitPerMinute: 0 }),
    startTestServer({ publicWarrantyRateLimitPerMinute: 3 }),
  ]);
  w = await seedWorld(s, { warrantyMonths: 24 });
  ok(await receive(s, w, [SHIPPED, 'PUB-00002']));
  ok(await ship(s, w, [SHIPPED]));
  ok(await s.gql(PUBLISH, { slug: 'acme', on: true }));
  const globexKey = await s.newOrganization('globex');
  ok(await s.gql(PUBLISH, { slug: 'globex', on: false }, globexKey));
  const lw = await seedWorld(limited);
  ok(await receive(limited, lw, [SHIPPED]));
  ok(await ship(limited, lw, [SHIPPED]));
  ok(await limited.gql(PUBLISH, { slug: 'acme', on: true }));
});
afterAll(async () => {
  await Promise.all([s?.close(), limited?.close()]);
});

describe('no enumeration', () => {
  it('answers an unknown serial, an unpublished and an unknown organization with the same status and body', async () => {
    const found = await lookUp(s, 'acme', SHIPPED);
    expect(found.status).toBe(200);
    expect(JSON.parse(found.text).data.publicWarranty).toHaveLength(1);
    const answers = await Promise.all([
      lookUp(s, 'acme', 'PUB-99999'), // unknown serial
      lookUp(s, 'acme', 'PUB-00002'), // in stock: never sold
      lookUp(s, 'globex', SHIPPED), // slug set, not published
      lookUp(s, 'initech', SHIPPED), // no such organization
      lookUp(s, 'x', SHIPPED), // not even a valid slug
    ]);
    for (const res of answers) {
      expect({ status: res.status, text: res.text }).toEqual({
        status: 200,
        text: '{"data":{"publicWarranty":[]}}\n',
      });
      expect(res.headers['content-length']).toBe(answers[0]!.headers['content-length']);
    }
  });

  it('takes at least the fixed minimum time in every case (the spread is reported, not asserted)', async () => {
    const cases = {
      found: () => lookUp(s, 'acme', SHIPPED),
      'unknown serial': () => lookUp(s, 'acme', 'PUB-99999'),
      unpublished: () => lookUp(s, 'globex', SHIPPED),
      'unknown organization': () => lookUp(s, 'initech', SHIPPED),
    };
    const ROUNDS = 8;
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
    // Interleaved, so a busy moment of the machine falls on every case alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, run] of Object.entries(cases)) {
        const started = performance.now();
        const res = await run();
        times[name]!.push(performance.now() - started);
        expect(res.status).toBe(200);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const medians = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)]));
    const spread = Math.max(...Object.values(medians)) - Math.min(...Object.values(medians));
    console.log(
      `publicWarranty response times over ${ROUNDS} rounds (ms): ` +
        Object.entries(times)
          .map(
            ([k, xs]) =>
              `${k}: median ${medians[k]!.toFixed(1)}, min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}`,
          )
          .join('; ') +
        `; spread of medians ${spread.toFixed(1)} ms`,
    );
    for (const xs of Object.values(times))
      for (const ms of xs) expect(ms).toBeGreaterThanOrEqual(PUBLIC_WARRANTY_MIN_RESPONSE_MS - 1);
  });
});

describe('anonymous requests for anything else are still 401, and write nothing', () => {
  const OTHERS: [string, unknown][] = [
    ['a query of another field', { query: '{ warehouses { id } }' }],
    ['a mutation', { query: 'mutation { createWarehouse(input: { code: "ANON", name: "Anon" }) { id } }' }],
    [
      'publishing a page',
      { query: 'mutation { publishWarrantyLookup(slug: "mine", published: true) { slug } }' },
    ],
    [
      'the lookup beside another field',
      {
        query: `{ publicWarranty(organization: "acme", serial: "${SHIPPED}") { active } warehouses { id } }`,
      },
    ],
    [
      'two lookups through aliases',
      {
        query: `{ a: publicWarranty(organization: "acme", serial: "A") { active } b: publicWarranty(organization: "acme", serial: "B") { active } }`,
      },
    ],
    [
      'the lookup inside a fragment',
      {
        query: `query { ...F } fragment F on Query { publicWarranty(organization: "acme", serial: "A") { active } }`,
      },
    ],
    [
      'another field inside an inline fragment',
      {
        query: `{ publicWarranty(organization: "acme", serial: "A") { active } ... on Query { warehouses { id } } }`,
      },
    ],
    [
      'a second operation picked by name',
      {
        query: `query A { publicWarranty(organization: "acme", serial: "A") { active } } query B { warehouses { id } }`,
        operationName: 'B',
      },
    ],
    ['introspection', { query: '{ __schema { types { name } } }' }],
    ['__type', { query: '{ __type(name: "Serial") { fields { name } } }' }],
    [
      'a directive on the lookup',
      { query: `{ publicWarranty(organization: "acme", serial: "A") @include(if: true) { active } }` },
    ],
    [
      'a persisted-query hash',
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } },
    ],
    [
      'a persisted-query hash beside the text',
      {
        query: LOOKUP,
        variables: { o: 'acme', n: SHIPPED },
        extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
      },
    ],
    ['a batch', [{ query: LOOKUP, variables: { o: 'acme', n: SHIPPED } }]],
    ['unknown body fields', { query: LOOKUP, variables: { o: 'acme', n: SHIPPED }, extra: 1 }],
    [
      'a subscription',
      { query: `subscription { publicWarranty(organization: "acme", serial: "A") { active } }` },
    ],
    ['a query that does not parse', { query: '{ publicWarranty(' }],
    ['a body that is not JSON', '{nope'],
    ['a body that is JSON but no request', '"publicWarranty"'],
  ];

  for (const [what, body] of OTHERS) {
    it(`refuses ${what}`, async () => {
      const before = await state(s);
      const res = await postAnonymous(s, body);
      expectGraphQLError(res, 401, 'UNAUTHENTICATED');
      expectNothingLeaked(res.text);
      expect(await state(s)).toEqual(before);
    });
  }

  it('refuses the lookup sent as anything but a JSON POST without an Authorization header', async () => {
    const url = `${s.url}/graphql?query=${encodeURIComponent(`{ publicWarranty(organization: "acme", serial: "${SHIPPED}") { active } }`)}`;
    const get = await rawRequest(url, { method: 'GET', headers: { 'apollo-require-preflight': 'true' } });
    expectGraphQLError(get, 401, 'UNAUTHENTICATED');
    const text = await postAnonymous(
      s,
      JSON.stringify({ query: LOOKUP, variables: { o: 'acme', n: SHIPPED } }),
      {
        'content-type': 'text/plain',
      },
    );
    expectGraphQLError(text, 401, 'UNAUTHENTICATED');
    // A wrong key is not "no key": still 401.
    const wrongKey = await postAnonymous(
      s,
      { query: LOOKUP, variables: { o: 'acme', n: SHIPPED } },
      {
        authorization: 'Bearer sg_not_a_key',
      },
    );
    expectGraphQLError(wrongKey, 401, 'UNAUTHENTICATED');
  });

  it('never lets a context without a key through an @Authorized field, even past the HTTP gate', async () => {
    const schema = await createSchema();
    for (const source of [
      '{ warehouses { id } }',
      '{ warrantyLookup { slug } }',
      'mutation { publishWarrantyLookup(slug: "mine", published: true) { slug } }',
    ]) {
      const before = await state(s);
      const result = await graphql({ schema, source, contextValue: publicContext(s.app.db) });
      expect(result.data ?? null, source).toBeNull();
      expect(result.errors?.[0]?.message, source).toMatch(/denied|authori[sz]/i);
      expect(await state(s)).toEqual(before);
    }
  });
});

describe('bodies without a key are small', () => {
  it('answers 413 naming the limit to an announced body over 4 KB, before it is uploaded', async () => {
    const res = await answerBeforeUploadEnds(`${s.url}/graphql`, {}, 49 * 1024 * 1024);
    const error = expectGraphQLError(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('4096 bytes');
    expectNothingLeaked(res.text);
  });

  it('answers 413 to a body over 4 KB sent without a length, a valid lookup padded with blanks', async () => {
    const body = JSON.stringify({
      query: `${' '.repeat(5000)}${LOOKUP}`,
      variables: { o: 'acme', n: SHIPPED },
    });
    const res = await new Promise<RawResponse>((resolve, reject) => {
      const req = http.request(`${s.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () =>
          resolve({
            status: r.statusCode ?? 0,
            contentType: r.headers['content-type'] ?? null,
            headers: r.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      req.on('error', reject);
      for (let i = 0; i < body.length; i += 1000) req.write(body.slice(i, i + 1000));
      req.end();
    });
    expectGraphQLError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('still reads large bodies with a key', async () => {
    const res = await rawRequest(`${s.url}/graphql`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.keys.viewer}` },
      body: JSON.stringify({ query: `${' '.repeat(10_000)}{ __typename }` }),
    });
    expect(res.status).toBe(200);
  });
});

describe('rate limit per address', () => {
  it('answers 429 RATE_LIMITED with Retry-After once an address used up its lookups, naming the limit', async () => {
    for (let i = 0; i < 3; i++) expect((await lookUp(limited, 'acme', SHIPPED)).status).toBe(200);
    const res = await lookUp(limited, 'acme', SHIPPED);
    const error = expectGraphQLError(res, 429, 'RATE_LIMITED');
    expect(error.message).toContain('3 per minute');
    expect(error.message).toContain('warranty lookups');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expectNothingLeaked(res.text);
  });

  it('keeps serving callers with a key from that address', async () => {
    expect((await limited.gql('{ warehouses { id } }', {}, limited.keys.viewer)).status).toBe(200);
  });
});
