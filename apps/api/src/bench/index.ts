// `pnpm bench [--quick] [part…]`: runs the bench parts (all by default) against one database and one
// API server process. Figures are ratios against floors measured in the same run: the machine is
// noisy, absolute milliseconds are context. Exits non-zero when a part reports a broken budget.
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDatabaseIfMissing } from '../db/database';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded-postgres';
import type { BenchContext, BenchServer } from './harness';
import { PARTS } from './parts';
import type { ServerCommand, ServerReply, ServerStats } from './server-protocol';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { quick: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const unknown = positionals.filter((p) => !PARTS.some((part) => part.name === p));
  if (unknown.length)
    throw new Error(`unknown bench part(s): ${unknown.join(', ')}; known: ${PARTS.map((p) => p.name)}`);
  const parts = positionals.length ? PARTS.filter((p) => positionals.includes(p.name)) : PARTS;

  const started = performance.now();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'serialgraph-bench-'));
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(dataDir);
    await createDatabaseIfMissing(embedded.adminUrl, 'serialgraph_bench');
    databaseUrl = embedded.urlFor('serialgraph_bench');
  }
  const server = await startServer(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const failures: string[] = [];
  try {
    const ctx: BenchContext = {
      quick: values.quick!,
      server: server.api,
      pool,
      fail: (message) => failures.push(message),
    };
    console.log(
      `serialgraph bench${values.quick ? ' --quick' : ''}: ${parts.map((p) => p.name).join(', ')} — ` +
        `${os.cpus().length} cores, Node ${process.version}`,
    );
    for (const part of parts) {
      console.log(`\n## ${part.name}\n`);
      await part.run(ctx);
    }
  } finally {
    await pool.end();
    await server.close();
    await embedded?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (failures.length) {
    console.error(`\nFAILED budgets:\n${failures.map((f) => `- ${f}`).join('\n')}`);
    return 1;
  }
  return 0;
}

/** Forks the API server (same loader flags as this process, e.g. tsx) and speaks to it over IPC. */
async function startServer(databaseUrl: string): Promise<{ api: BenchServer; close(): Promise<void> }> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const child = fork(path.join(here, `server${path.extname(fileURLToPath(import.meta.url))}`), [], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production' },
    // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it exits (node --cpu-prof).
    execArgv: [
      ...process.execArgv,
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(r: Record<string, unknown>): void; reject(e: Error): void }>();
  let nextId = 1;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`))),
  );
  exited.catch(() => undefined);
  const ready = new Promise<string>((resolve) =>
    pending.set(0, { resolve: (r) => resolve(String(r.url)), reject: () => undefined }),
  );
  child.on('message', (reply: ServerReply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error) waiter?.reject(new Error(reply.error));
    else waiter?.resolve(reply.result ?? {});
  });
  const call = (req: ServerCommand) =>
    Promise.race([
      exited,
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        child.send({ ...req, id });
      }),
    ]);
  const url = await Promise.race([exited, ready]);
  return {
    api: {
      url,
      organization: async (name) =>
        (await call({ cmd: 'organization', name })) as { organizationId: string; key: string },
      mark: async () => void (await call({ cmd: 'mark' })),
      stats: async () => (await call({ cmd: 'stats' })) as unknown as ServerStats,
      pkBaseline: async (organizationId) => String((await call({ cmd: 'pkBaseline', organizationId })).url),
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      await call({ cmd: 'close' }).catch(() => undefined);
      await gone;
    },
  };
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
