import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Database } from '../db/database';
import { createLoaders } from '../common/loaders';
import { createSchema } from '../graphql/schema';
import { createApiKey, findOrCreateOrganization } from '../modules/auth/auth.service';
import { sqlOne } from '../common/sql';
import { seedDemo } from './demo-seed';
import { inOrganization } from '../db/tenancy';

const DEMO_ORG = 'demo';

/**
 * Demo mode (`pnpm start`): an organization "demo" seeded with the guide's story on first run, its
 * clerk-facing key kept in the data directory and handed to the demo app at /demo-config.json, and
 * the built app served from the same port.
 */
export async function mountDemo(
  app: Express,
  db: Database,
  opts: { dataDir: string; staticDir?: string },
): Promise<void> {
  const em = db.orm.em.fork();
  const org = await findOrCreateOrganization(em, DEMO_ORG);
  const keyFile = path.join(opts.dataDir, 'demo-api-key');
  let key = existsSync(keyFile) ? (await readFile(keyFile, 'utf8')).trim() : '';
  if (!key) {
    key = (await createApiKey(em, org.id, { name: 'demo clerk', role: 'admin' })).key;
    await writeFile(keyFile, `${key}\n`, { mode: 0o600 });
  }
  // Row-level security: the demo organization's rows exist only within its scope.
  await inOrganization(org.id, async () => {
    const seeded = await sqlOne(em, `select 1 from document where organization_id = ? limit 1`, [org.id]);
    if (!seeded) {
      const schema = await createSchema();
      console.log('seeding the demo organization…');
      // The story is replayed over the past month (each step about a day later), so histories read
      // like the guide: received, shipped, and "two weeks later" back.
      const HOUR = 3_600_000;
      let clock = Date.now() - 30 * 24 * HOUR;
      await seedDemo(schema, () => {
        const fork = db.orm.em.fork();
        const at = new Date((clock += 20 * HOUR));
        return {
          em: fork,
          organizationId: org.id,
          actor: 'demo seed',
          role: 'admin',
          loaders: createLoaders(fork, org.id),
          now: () => at,
        };
      });
    }
  });
  app.get('/demo-config.json', (_req, res) => void res.json({ apiKey: key, graphqlPath: '/graphql' }));
  if (opts.staticDir && existsSync(opts.staticDir)) {
    app.use(express.static(opts.staticDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes fall back to the app shell.
    app.get(/^(?!\/graphql|\/healthz|\/demo-config\.json).*/, (_req, res) =>
      res.sendFile(path.join(opts.staticDir!, 'index.html')),
    );
  }
}
