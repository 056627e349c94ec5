import 'reflect-metadata';
import { startApp } from './app';
import { readConfig } from './config';

/** `pnpm serve`: the API alone. Stops the embedded PostgreSQL cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = readConfig();
  const app = await startApp({ ...config, databaseUrl: config.databaseUrl, bootstrapKey: config.bootstrapKey });
  console.log(`serialgraph API ready at ${app.url}/graphql (health: ${app.url}/healthz)`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping…`);
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
