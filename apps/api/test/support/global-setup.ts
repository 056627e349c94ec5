import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres';
import { ensureAppRole } from '../../src/db/roles';

/** Password of the application role on the test cluster (throw-away, local). */
export const TEST_APP_PASSWORD = 'serialgraph-app-test';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of a maintenance database on the test cluster. */
    pgAdminUrl: string;
    /** A migrated database every test file copies (CREATE DATABASE … TEMPLATE). */
    pgTemplate: string;
  }
}

/**
 * One real PostgreSQL for the whole run: the embedded one in a throw-away directory, or the
 * server at DATABASE_URL (CI runs the suite once against Debian's PostgreSQL 15 that way).
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'serialgraph-test-'));
    embedded = await startEmbeddedPostgres(dataDir);
    adminUrl = embedded.adminUrl;
  }
  // The servers under test connect as the least-privileged application role (README).
  await ensureAppRole(adminUrl, TEST_APP_PASSWORD);
  const template = `sg_template_${process.pid}`;
  await adminQuery(adminUrl, `drop database if exists ${template}`);
  await adminQuery(adminUrl, `create database ${template}`);
  const db = await openDatabase({ databaseUrl: withDatabase(adminUrl, template), dataDir: '' });
  await db.close();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  return async () => {
    await adminQuery(adminUrl, `drop database if exists ${template} with (force)`).catch(() => undefined);
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
