import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import {
  DOCUMENT_FIELDS,
  ok,
  receive,
  refused,
  seedWorld,
  serialByNumber,
  ship,
  writeCounts,
  type World,
} from './support/fixtures';

// The repair and unit-correction mutations take the stock postings' idempotencyKey, with the same
// semantics (see idempotency.test.ts): a device that lost the answer may send the same request again.

let s: TestServer;
let w: World;

const MUTATIONS = {
  intakeRepair: 'IntakeRepairInput',
  releaseRepair: 'ReleaseRepairInput',
  correctSerialNumber: 'CorrectSerialNumberInput',
  setInternalCode: 'SetInternalCodeInput',
} as const;
type Mutation = keyof typeof MUTATIONS;

async function post(mutation: Mutation, input: Record<string, unknown>) {
  return s.gql(
    `mutation($input: ${MUTATIONS[mutation]}!) { ${mutation}(input: $input) { ${DOCUMENT_FIELDS} } }`,
    { input },
  );
}

const idOf = async (number: string) => (await serialByNumber(s, number)).id as string;

async function documentsWithKey(key: string) {
  const [row] = await s.sql<{ n: number }>(
    `select count(*)::int as n from document where idempotency_key = ?`,
    [key],
  );
  return row!.n;
}

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  ok(await receive(s, w, ['RI-1', 'RI-2', 'RI-3', 'RI-4', 'RI-5', 'RI-6', 'RI-7', 'RI-8']));
  ok(await ship(s, w, ['RI-1', 'RI-2', 'RI-3', 'RI-4']));
});
afterAll(() => s?.close());

describe('idempotent repairs and corrections', () => {
  // Each case: a first input that posts, and another input under the same key that must conflict.
  const cases: {
    name: Mutation;
    prefix: string;
    movements: number;
    first: () => Promise<Record<string, unknown>>;
    other: () => Promise<Record<string, unknown>>;
  }[] = [
    {
      name: 'intakeRepair',
      prefix: 'RPI',
      movements: 1,
      first: async () => ({ serialId: await idOf('RI-1'), warehouseId: w.main.id, note: 'no boot' }),
      other: async () => ({ serialId: await idOf('RI-1'), warehouseId: w.east.id, note: 'no boot' }),
    },
    {
      name: 'releaseRepair',
      prefix: 'RPO',
      movements: 1,
      first: async () => ({ serialId: await idOf('RI-1'), note: 'board swapped' }),
      other: async () => ({ serialId: await idOf('RI-1'), note: 'screen swapped' }),
    },
    {
      name: 'correctSerialNumber',
      prefix: 'COR',
      movements: 1,
      first: async () => ({ serialId: await idOf('RI-5'), newNumber: 'RI-50', reason: 'label misread' }),
      other: async () => ({ serialId: await idOf('RI-50'), newNumber: 'RI-51', reason: 'label misread' }),
    },
    {
      name: 'setInternalCode',
      prefix: 'COR',
      movements: 1,
      first: async () => ({ serialId: await idOf('RI-6'), internalCode: 'TAG-6', reason: 'tagged' }),
      other: async () => ({ serialId: await idOf('RI-6'), internalCode: 'TAG-7', reason: 'tagged' }),
    },
  ];

  for (const c of cases) {
    it(`${c.name}: a retry with the same key and input returns the first document and writes nothing more`, async () => {
      const key = `${c.name}-1`;
      const input = await c.first();
      const before = await writeCounts(s);
      const first = ok(await post(c.name, { ...input, idempotencyKey: key }))[c.name];
      expect(first.number).toMatch(new RegExp(`^${c.prefix}-\\d{6}$`));
      const afterFirst = await writeCounts(s);
      expect(afterFirst.documents).toBe(before.documents! + 1);
      expect(afterFirst.movements).toBe(before.movements! + c.movements);
      // Key order differs: the canonical hash still sees the same request.
      const retry = ok(await post(c.name, { idempotencyKey: key, ...input }))[c.name];
      expect(retry).toEqual(first);
      expect(await writeCounts(s)).toEqual(afterFirst);
      expect(await documentsWithKey(key)).toBe(1);
    });

    it(`${c.name}: the same key with another input is IDEMPOTENCY_CONFLICT naming the first document, nothing written`, async () => {
      const key = `${c.name}-1`;
      const [firstDoc] = await s.sql<{ number: string }>(
        `select number from document where idempotency_key = ?`,
        [key],
      );
      expect(firstDoc?.number).toMatch(new RegExp(`^${c.prefix}-\\d{6}$`));
      const before = await writeCounts(s);
      const err = refused(await post(c.name, { ...(await c.other()), idempotencyKey: key }));
      expect(err.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
      expect(err.message).toContain(firstDoc!.number);
      expect(err.message).toContain(key);
      expect(err.extensions?.documentNumber).toBe(firstDoc!.number);
      expect(await writeCounts(s)).toEqual(before);
    });
  }

  it('a key used by a stock posting conflicts with a repair intake, nothing written', async () => {
    ok(await ship(s, w, ['RI-7'], { idempotencyKey: 'shared-key' }));
    const before = await writeCounts(s);
    const err = refused(
      await post('intakeRepair', {
        serialId: await idOf('RI-7'),
        warehouseId: w.main.id,
        idempotencyKey: 'shared-key',
      }),
    );
    expect(err.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await writeCounts(s)).toEqual(before);
  });

  it('a refused intake does not use up its key: the corrected retry posts', async () => {
    const before = await writeCounts(s);
    // RI-8 is in stock, not shipped: intake of a unit in stock is refused.
    const err = refused(
      await post('intakeRepair', {
        serialId: await idOf('RI-8'),
        warehouseId: w.main.id,
        idempotencyKey: 'rpi-fix',
      }),
    );
    expect(err.extensions?.code).not.toBe('IDEMPOTENCY_CONFLICT');
    expect(await writeCounts(s)).toEqual(before);
    const doc = ok(
      await post('intakeRepair', {
        serialId: await idOf('RI-2'),
        warehouseId: w.main.id,
        idempotencyKey: 'rpi-fix',
      }),
    ).intakeRepair;
    expect(doc.lines[0].serials).toEqual([expect.objectContaining({ number: 'RI-2', status: 'IN_REPAIR' })]);
  });

  const raced: { name: Mutation; key: string; input: () => Promise<Record<string, unknown>> }[] = [
    {
      name: 'intakeRepair',
      key: 'rpi-race',
      input: async () => ({ serialId: await idOf('RI-3'), warehouseId: w.east.id, note: 'race' }),
    },
    { name: 'releaseRepair', key: 'rpo-race', input: async () => ({ serialId: await idOf('RI-3') }) },
    {
      name: 'correctSerialNumber',
      key: 'cor-race',
      input: async () => ({ serialId: await idOf('RI-4'), newNumber: 'RI-40', reason: 'race' }),
    },
    {
      name: 'setInternalCode',
      key: 'tag-race',
      input: async () => ({ serialId: await idOf('RI-40'), internalCode: 'TAG-RACE', reason: 'race' }),
    },
  ];
  for (const r of raced) {
    it(`${r.name}: ten retries with one key at once post one document and all ten get it`, async () => {
      const input = { ...(await r.input()), idempotencyKey: r.key };
      const before = await writeCounts(s);
      const results = await Promise.all(Array.from({ length: 10 }, () => post(r.name, input)));
      const docs = results.map((res) => ok(res)[r.name] as { id: string; number: string });
      expect(new Set(docs.map((d) => d.id)).size).toBe(1);
      expect(new Set(docs.map((d) => d.number)).size).toBe(1);
      const after = await writeCounts(s);
      expect(after.documents).toBe(before.documents! + 1);
      expect(after.movements).toBe(before.movements! + 1);
      expect(after.numbers).toBe(before.numbers! + 1);
      expect(await documentsWithKey(r.key)).toBe(1);
    });
  }
});
