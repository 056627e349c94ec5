import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from './support/fixtures';
import { startTestServer, type TestServer } from './support/test-server';

const run = promisify(execFile);
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ bootstrapKey: 'bootstrap-secret-for-tests' });
});
afterAll(() => s?.close());

describe('running the API', () => {
  it('answers /healthz with 200 once the database is reachable and migrated', async () => {
    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('gives organization "default" an admin key with exactly the bootstrap value', async () => {
    const d = ok(
      await s.gql(
        `mutation { createWarehouse(input: { code: "BOOT", name: "Boot" }) { code } }`,
        {},
        'bootstrap-secret-for-tests',
      ),
    );
    expect(d.createWarehouse.code).toBe('BOOT');
    const [org] = await s.sql<{ name: string }>(
      `select o.name from api_key k join organization o on o.id = k.organization_id where k.name = 'bootstrap'`,
    );
    expect(org?.name).toBe('default');
    const stored = await s.sql<{ key_hash: string }>(`select key_hash from api_key where name = 'bootstrap'`);
    expect(stored[0]!.key_hash).not.toContain('bootstrap-secret');
  });

  it('creates organizations and keys from the CLI; the printed key works with its role', async () => {
    const env = { ...process.env, DATABASE_URL: s.databaseUrl };
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli.ts',
        'create-key',
        '--org',
        'cli-org',
        '--name',
        'front desk',
        '--role',
        'viewer',
      ],
      { env },
    );
    const key = stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^sg_[\w-]{40,}$/);
    expect(ok(await s.gql(`{ warehouses { code } }`, {}, key)).warehouses).toEqual([]);
    const refusedMutation = await s.gql(
      `mutation { createWarehouse(input: { code: "X", name: "X" }) { code } }`,
      {},
      key,
    );
    expect(refusedMutation.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }, 30_000);

  it('refuses a CLI call with a missing role, writing nothing', async () => {
    const env = { ...process.env, DATABASE_URL: s.databaseUrl };
    const before = await s.sql<{ n: number }>(`select count(*)::int as n from api_key`);
    await expect(
      run(
        process.execPath,
        ['--import', 'tsx', 'src/cli.ts', 'create-key', '--org', 'cli-org', '--name', 'x'],
        { env },
      ),
    ).rejects.toThrow(/--role/);
    expect(await s.sql(`select count(*)::int as n from api_key`)).toEqual(before);
  }, 30_000);
});
