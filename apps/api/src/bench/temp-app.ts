// Starts the API on a throw-away data directory (an embedded PostgreSQL unless DATABASE_URL names one),
// runs `use`, then closes the app and removes the directory, whatever happened.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../app';
import type { Logger } from '../observability';

export async function withTempApp<T>(
  name: string,
  use: (app: RunningApp) => Promise<T>,
  logger?: Logger,
): Promise<T> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `serialgraph-${name}-`));
  try {
    const app = await startApp({
      port: 0,
      host: '127.0.0.1',
      databaseUrl: process.env.DATABASE_URL,
      dataDir,
      ...(logger && { logger }),
    });
    try {
      return await use(app);
    } finally {
      await app.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
