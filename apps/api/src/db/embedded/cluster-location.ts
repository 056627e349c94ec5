import { randomBytes } from 'node:crypto';
import { chmod, chown, lstat, mkdir, readlink, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedDatabaseError } from './errors';
import { canEnter, type PostgresUser } from './postgres-user';

/** Root-owned and world-traversable; clusters here are owned by `postgres` (mode 0700). */
const ROOT_CLUSTERS = '/var/lib/serialgraph/clusters';

/**
 * Where the cluster of `dataDir` lives: `<dataDir>/postgres`. As root, when `postgres` cannot enter
 * `dataDir` (a parent with mode 0700: /root, `mktemp -d`), a new cluster is made in
 * /var/lib/serialgraph/clusters and `<dataDir>/postgres` is a symbolic link to it: the data persists,
 * and the data directory still names it (removeEmbeddedCluster deletes both).
 */
export async function clusterDirectory(dataDir: string, user: PostgresUser | undefined): Promise<string> {
  const pointer = path.join(dataDir, 'postgres');
  const existing = await lstat(pointer).catch(() => undefined);
  if (existing?.isSymbolicLink()) return path.resolve(dataDir, await readlink(pointer));
  if (!user || canEnter(user, dataDir)) return pointer;
  if (existing)
    throw new EmbeddedDatabaseError(
      `The user "postgres" cannot reach ${pointer}: make its parent directories traversable (chmod o+x) or run as a regular user.`,
    );
  await mkdir(ROOT_CLUSTERS, { recursive: true, mode: 0o755 });
  await chmod(path.dirname(ROOT_CLUSTERS), 0o755);
  await chmod(ROOT_CLUSTERS, 0o755);
  const cluster = path.join(
    ROOT_CLUSTERS,
    `${path.basename(path.dirname(dataDir))}-${randomBytes(6).toString('hex')}`,
  );
  await mkdir(cluster, { mode: 0o700 });
  await chown(cluster, user.uid, user.gid);
  await symlink(cluster, pointer);
  console.error(
    `serialgraph: "postgres" cannot reach ${dataDir}; its database lives in ${cluster} (${pointer} points there).`,
  );
  return cluster;
}

/** Deletes the cluster of `dataDir` (following the root-case link). The caller checks nobody uses it. */
export async function deleteClusterFiles(dataDir: string): Promise<void> {
  const pointer = path.join(dataDir, 'postgres');
  const existing = await lstat(pointer).catch(() => undefined);
  if (existing?.isSymbolicLink())
    await rm(path.resolve(dataDir, await readlink(pointer)), { recursive: true, force: true });
  await rm(pointer, { recursive: true, force: true });
}
