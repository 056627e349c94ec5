import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { EmbeddedDatabaseError } from './errors';

const run = promisify(execFile);

/** The account PostgreSQL runs as when we are root (PostgreSQL refuses to run as root). */
export interface PostgresUser {
  uid: number;
  gid: number;
}

/** `undefined` when we are not root: PostgreSQL then simply runs as us. */
export async function postgresUserIfRoot(): Promise<PostgresUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const found = await lookup();
  if (found) return found;
  try {
    await run('groupadd', ['--system', 'postgres']);
    await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
  } catch {
    throw new EmbeddedDatabaseError(
      'Running as root, the embedded PostgreSQL needs a user "postgres" and creating it failed: create one (useradd postgres) or run as a regular user.',
    );
  }
  const created = await lookup();
  if (!created)
    throw new EmbeddedDatabaseError('The user "postgres" was created but cannot be found (id postgres).');
  return created;
}

async function lookup(): Promise<PostgresUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  } catch {
    return undefined;
  }
}

/** Whether `user` can run this program: the real test, since every parent directory must be traversable. */
export function canRun(user: PostgresUser, program: string, args: string[]): boolean {
  return spawnSync(program, args, { ...user, stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/** Whether `user` can enter `dir` (every parent directory traversable, `dir` itself included). */
export function canEnter(user: PostgresUser, dir: string): boolean {
  return canRun(user, 'test', ['-x', dir]);
}
