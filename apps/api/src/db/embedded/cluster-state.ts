import { existsSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { readFile, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedDatabaseError } from './errors';

/**
 * Who started a running cluster, in `<cluster>/serialgraph-owner.json`. `server` keeps it for its
 * lifetime (commands share it); `command` (the CLI, when no server runs) stops it within seconds.
 */
export interface ClusterOwner {
  pid: number;
  use: 'server' | 'command';
}

export interface RunningCluster {
  /** The postmaster. */
  pid: number;
  port: number;
  /** Set when the process that started the cluster still runs it; else the cluster is an orphan. */
  owner: ClusterOwner | undefined;
}

const OWNER_FILE = 'serialgraph-owner.json';

/** The cluster running in `clusterDir` (from PostgreSQL's own postmaster.pid), if any. */
export async function runningCluster(clusterDir: string): Promise<RunningCluster | undefined> {
  const lines = await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').then(
    (text) => text.split('\n'),
    () => undefined,
  );
  if (!lines) return undefined;
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostmasterOf(pid, clusterDir)) return undefined; // stale file
  const owner = await readOwner(clusterDir);
  // Where /proc tells, the owner must also be the postmaster's parent: a recycled owner pid is not.
  const parent = parentOf(pid);
  const live = owner !== undefined && isAlive(owner.pid) && (parent === undefined || parent === owner.pid);
  return { pid, port, owner: live ? owner : undefined };
}

export async function writeOwner(clusterDir: string, owner: ClusterOwner): Promise<void> {
  await writeFile(path.join(clusterDir, OWNER_FILE), JSON.stringify(owner));
}

export async function removeOwner(clusterDir: string): Promise<void> {
  await rm(path.join(clusterDir, OWNER_FILE), { force: true });
}

async function readOwner(clusterDir: string): Promise<ClusterOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(path.join(clusterDir, OWNER_FILE), 'utf8')) as ClusterOwner;
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Stops a cluster whose owner died (fast shutdown: open transactions roll back, committed data stays). */
export async function stopOrphan(cluster: RunningCluster, clusterDir: string): Promise<void> {
  process.kill(cluster.pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(cluster.pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(cluster.pid))
    throw new EmbeddedDatabaseError(
      `An earlier PostgreSQL (pid ${cluster.pid}) still holds ${clusterDir}; stop it and retry.`,
    );
  await removeOwner(clusterDir);
}

/**
 * Runs `fn` while holding `<dataDir>/postgres.lock`, so that two processes never both decide to start
 * (or stop, or delete) the same cluster. A lock whose process died is taken over.
 */
export async function withStartupLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(dataDir, 'postgres.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(await readFile(lock, 'utf8').catch(() => ''));
      if (!holder || !isAlive(holder)) {
        await unlink(lock).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline)
        throw new EmbeddedDatabaseError(
          `Process ${holder} has been starting the embedded database in ${dataDir} for 2 minutes; stop it and retry.`,
        );
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Alive, and (where /proc tells) a process working in `clusterDir`: a recycled pid is not a postmaster. */
function isPostmasterOf(pid: number, clusterDir: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readlinkSync(`/proc/${pid}/cwd`) === realpathSync(clusterDir);
  } catch {
    return !existsSync('/proc/self/cwd'); // no /proc (macOS): the live pid is all we can check
  }
}

/** The parent pid (Linux /proc); a postmaster whose owner died has been re-parented (to 1 or a subreaper). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
