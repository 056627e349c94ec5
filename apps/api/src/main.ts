import 'reflect-metadata';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startApp } from './app';
import { describeForLog } from './common/log';
import { readConfig } from './config';
import { EmbeddedDatabaseError, removeEmbeddedCluster } from './db/embedded-postgres';
import { mountDemo } from './demo/demo-mode';
import { createLogger } from './observability';

/**
 * `pnpm serve`: the API alone. `--demo` (used by `pnpm start`): also seeds the demo organization and
 * serves the built demo app (`--static DIR`) from the same port; `--reset` starts from fresh demo
 * data. Stops the embedded PostgreSQL cleanly on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { demo: { type: 'boolean' }, reset: { type: 'boolean' }, static: { type: 'string' } },
    allowPositionals: true,
  });
  const config = readConfig();
  // JSON lines on stdout (LOG_LEVEL); the demo's start-up lines stay plain text for people.
  const log = createLogger(config.logLevel);
  if (values.reset) {
    if (config.databaseUrl) throw new Error('--reset only resets the embedded database; unset DATABASE_URL.');
    await removeEmbeddedCluster(config.dataDir);
    await rm(path.join(config.dataDir, 'demo-api-key'), { force: true });
    console.log(`reset: removed the demo data in ${config.dataDir}`);
  }
  const started = performance.now();
  const app = await startApp({
    ...config,
    // The demo is a trial on this machine: its webhooks may reach receivers on 127.0.0.1 unless the
    // environment says otherwise (SERIALGRAPH_WEBHOOKS_ALLOW_PRIVATE=0).
    webhooks:
      values.demo && !process.env.SERIALGRAPH_WEBHOOKS_ALLOW_PRIVATE
        ? { ...config.webhooks, allowPrivate: true }
        : config.webhooks,
    logger: log,
    extend: values.demo
      ? (express, db) =>
          mountDemo(express, db, {
            dataDir: config.dataDir,
            staticDir: values.static ? path.resolve(values.static) : undefined,
          })
      : undefined,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (values.demo)
    console.log(`serialgraph demo ready at ${app.url}/ (GraphQL at ${app.url}/graphql) in ${seconds}s`);
  else
    log.info(
      { url: app.url, metricsPort: app.metricsPort, startupSeconds: Number(seconds) },
      `serialgraph API ready at ${app.url}/graphql (health: ${app.url}/healthz) in ${seconds}s`,
    );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${signal}: stopping…`);
    await app.close();
    process.exit(0);
  };
  // Signals are ours alone (no library exit hook): we stop the database ourselves (app.close) and
  // end with 0, so a clean stop is not reported as a failure.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
}

main().catch((e: unknown) => {
  // A refusal of the embedded database is one sentence for the operator; anything else is logged
  // without its message (database errors carry SQL with values), by class, code and stack.
  console.error(e instanceof EmbeddedDatabaseError ? e.message : describeForLog(e, { stack: true }));
  process.exit(1);
});
