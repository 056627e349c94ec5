import { execFile as execFileCb, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFile = promisify(execFileCb);

/**
 * Debian's PostgreSQL server binaries (package `postgresql`; CI installs it), 15 preferred, the way
 * .ci/run starts it for the compatibility run. Undefined when absent.
 */
export const debianPostgresBin: string | undefined = (() => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(a) - Number(b));
  const chosen = versions.includes('15') ? '15' : versions.at(-1);
  return chosen ? path.join(root, chosen, 'bin') : undefined;
})();

const asRoot = process.getuid?.() === 0;
/** PostgreSQL refuses to run as root: as root it runs as `postgres` (which must exist). */
export const canRunDebianPostgres =
  debianPostgresBin !== undefined && (!asRoot || spawnSync('id', ['-u', 'postgres']).status === 0);

export interface DebianCluster {
  port: number;
  dir: string;
  /** postgres://postgres@127.0.0.1:port/<database> */
  url(database?: string): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function run(bin: string, args: string[]): Promise<string> {
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', path.join(debianPostgresBin!, bin), ...args]]
    : [path.join(debianPostgresBin!, bin), args];
  const { stdout } = await execFile(file, argv, { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

async function ownedDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(dir, 0o755);
  if (asRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim());
    await chown(dir, uid, gid);
  }
  return dir;
}

function handle(dir: string, port: number): DebianCluster {
  return {
    port,
    dir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async stop() {
      await run('pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'immediate', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function start(dir: string, port: number, settings: string[]): Promise<void> {
  const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...settings].join(' ');
  try {
    await run('pg_ctl', [
      '-D',
      path.join(dir, 'data'),
      '-l',
      path.join(dir, 'log'),
      '-w',
      '-o',
      options,
      'start',
    ]);
  } catch (e) {
    const log = await readFile(path.join(dir, 'log'), 'utf8').catch(() => '');
    throw new Error(`PostgreSQL did not start: ${(e as Error).message}\n${log}`, { cause: e });
  }
}

/** A fresh cluster of Debian's PostgreSQL on a free port, trusting local connections. */
export async function startDebianPostgres(settings: string[] = []): Promise<DebianCluster> {
  const dir = await ownedDir('sg-pg15-');
  await run('initdb', [
    '-D',
    path.join(dir, 'data'),
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-locale',
  ]);
  const port = await freePort();
  await start(dir, port, ['-c max_connections=200', '-c wal_level=replica', ...settings]);
  return handle(dir, port);
}

/** A streaming standby of `primary` (pg_basebackup -R), started on its own port. */
export async function startStandby(primary: DebianCluster): Promise<DebianCluster> {
  const dir = await ownedDir('sg-pg15-standby-');
  await run('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    path.join(dir, 'data'),
    '-R',
    '-X',
    'stream',
    // An immediate checkpoint: the default spread one waits for most of checkpoint_timeout.
    '-c',
    'fast',
  ]);
  const port = await freePort();
  await start(dir, port, ['-c max_connections=200', '-c hot_standby=on']);
  return handle(dir, port);
}
