import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { ok, receive, seedWorld, type World } from '../support/fixtures';
import { expectTypedRefusal, onlyError } from './row-state';

// Finding 2: a serialFormat that backtracks catastrophically under a backtracking engine. The number
// is the longest a serial may be (64 characters): all 'a' but the last, so every split is tried.
const EVIL_FORMAT = '^(a+)+$';
const ADVERSARIAL = `${'a'.repeat(63)}b`;
// Coarse bound: a backtracking engine needs hours for this input; a linear one, milliseconds.
const PROMPT_MS = 1_000;

let s: TestServer;
let w: World;
beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s, { serialFormat: EVIL_FORMAT });
});
afterAll(() => s?.close());

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

describe('a serialFormat that would backtrack catastrophically', () => {
  it('is judged in linear time by checkSerials (a viewer can ask)', async () => {
    const { result, ms } = await timed(() =>
      s.gql(
        `query($p: ID!, $n: [String!]!) { checkSerials(productId: $p, numbers: $n, purpose: RECEIVE) { number ok issue } }`,
        { p: w.terminal.id, n: [ADVERSARIAL, 'aaaa'] },
        s.keys.viewer,
      ),
    );
    expect(ms).toBeLessThan(PROMPT_MS);
    expect(ok(result).checkSerials).toEqual([
      { number: ADVERSARIAL, ok: false, issue: 'INVALID_FORMAT' },
      { number: 'aaaa', ok: true, issue: null },
    ]);
  });

  it('is judged in linear time by receiveStock, which refuses the number and writes nothing', async () => {
    const started = performance.now();
    const err = await expectTypedRefusal(s, () => receive(s, w, [ADVERSARIAL]), 'INVALID_SERIAL_FORMAT');
    expect(performance.now() - started).toBeLessThan(PROMPT_MS + 500 /* two row snapshots */);
    expect(err.extensions?.serials).toEqual([ADVERSARIAL]);
  });
});

describe('serialFormat syntax (RE2)', () => {
  const create = (serialFormat: string) =>
    s.gql(`mutation($i: CreateProductInput!) { createProduct(input: $i) { id serialFormat } }`, {
      i: { sku: `RE2-${Math.random()}`, name: 'RE2 probe', trackingMode: 'SERIAL', serialFormat },
    });

  it.each([
    ['a lookahead', '(?=DEV)DEV-\\d+'],
    ['a lookbehind', '(?<=x)\\d+'],
    ['a backreference', '(\\d)\\1'],
    ['a JavaScript-only escape', '\\u0041\\d+'],
    ['a repeat count over 1000', 'a{1001}'],
  ])('refuses %s when saved, with BAD_USER_INPUT naming serialFormat', async (_what, pattern) => {
    const err = await expectTypedRefusal(s, () => create(pattern), 'BAD_USER_INPUT', 'serialFormat');
    expect(err.extensions?.field).toBe('serialFormat');
  });

  it('refuses it on update too, leaving the product as it was', async () => {
    await expectTypedRefusal(
      s,
      () =>
        s.gql(`mutation($i: UpdateProductInput!) { updateProduct(input: $i) { id } }`, {
          i: { id: w.terminal.id, serialFormat: '(?!x)\\d+' },
        }),
      'BAD_USER_INPUT',
      'serialFormat',
    );
  });

  it('keeps full-match and unicode semantics', async () => {
    const made = ok(await create('\\p{Lu}\\d|.')).createProduct;
    const res = await s.gql(
      `query($p: ID!, $n: [String!]!) { checkSerials(productId: $p, numbers: $n, purpose: RECEIVE) { number ok } }`,
      { p: made.id, n: ['Ä1', '😀', 'Ä1x', 'xx'] },
    );
    expect(ok(res).checkSerials.map((c: { ok: boolean }) => c.ok)).toEqual([true, true, false, false]);
  });

  it('answers BAD_USER_INPUT, not an internal error, for a format stored before RE2 that it cannot compile', async () => {
    const made = ok(await create('LEGACY-\\d+')).createProduct;
    const id = Buffer.from(made.id, 'base64url').toString().split(':')[1];
    await s.sql(`update product set serial_format = ? where id = ?`, ['(?=LEGACY)LEGACY-\\d+', id]);
    const res = await s.gql(
      `query($p: ID!, $n: [String!]!) { checkSerials(productId: $p, numbers: $n, purpose: RECEIVE) { ok } }`,
      { p: made.id, n: ['LEGACY-1'] },
    );
    const err = onlyError(res);
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.message).toContain('serialFormat');
  });
});
