import { randomBytes } from 'node:crypto';
import { inject, it, expect } from 'vitest';
import { openDatabase } from '../src/db/database';
import { migrationsList } from '../src/db/orm-config';
import { adminQuery, withDatabase } from './support/global-setup';

// `pnpm db:migrate` while a server starts, or two replicas starting on one DATABASE_URL.
it('migrates one fresh database from three migrators at once: all succeed, each migration applied once', async () => {
  const adminUrl = inject('pgAdminUrl');
  const database = `sg_migrate_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${database}`);
  const url = withDatabase(adminUrl, database);
  try {
    const results = await Promise.allSettled(
      [0, 1, 2].map(() => openDatabase({ databaseUrl: url, dataDir: '' })),
    );
    for (const r of results) if (r.status === 'fulfilled') await r.value.close();
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual([
      'ok',
      'ok',
      'ok',
    ]);
    const db = await openDatabase({ databaseUrl: url, dataDir: '' });
    const rows = await db.orm.em.getConnection().execute('select name from mikro_orm_migrations');
    await db.close();
    expect(rows).toHaveLength(migrationsList.length);
  } finally {
    await adminQuery(adminUrl, `drop database if exists ${database} with (force)`);
  }
});
