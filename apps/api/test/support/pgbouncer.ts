import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The PgBouncer binary (Debian's `pgbouncer` package), if installed. */
export const hasPgBouncer = spawnSync('pgbouncer', ['--version']).status === 0;

export const shippedIni = fileURLToPath(
  new URL('../../../../docker/pgbouncer/pgbouncer.ini', import.meta.url),
);

export interface PgBouncer {
  /** `databaseUrl` with its host and port replaced by PgBouncer's. */
  url(databaseUrl: string): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A real PgBouncer running the shipped docker/pgbouncer/pgbouncer.ini, with only what ties it to
 * compose rewritten: every database forwarded to `serverUrl`'s host, the listen address, the user
 * list. `edit` may change the configuration further (to show what a setting is for).
 */
export async function startPgBouncer(
  serverUrl: string,
  edit: (ini: string) => string = (i) => i,
): Promise<PgBouncer> {
  const server = new URL(serverUrl);
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sg-pgbouncer-'));
  await chmod(dir, 0o755); // PgBouncer runs as `postgres` when we are root
  let ini = (await readFile(shippedIni, 'utf8'))
    .replace(/^serialgraph = .*$/m, `* = host=${server.hostname} port=${server.port}`)
    .replace(/^listen_addr = .*$/m, 'listen_addr = 127.0.0.1')
    .replace(/^listen_port = .*$/m, `listen_port = ${port}\nunix_socket_dir =`)
    .replace(/^auth_file = .*$/m, `auth_file = ${path.join(dir, 'userlist.txt')}`);
  // CI's Debian PostgreSQL trusts local connections and has no password to pass on.
  if (!server.password) ini = ini.replace(/^auth_type = .*$/m, 'auth_type = trust');
  ini = edit(ini);
  await writeFile(path.join(dir, 'pgbouncer.ini'), ini, { mode: 0o644 });
  const user = decodeURIComponent(server.username);
  const password = decodeURIComponent(server.password);
  await writeFile(path.join(dir, 'userlist.txt'), `"${user}" "${password}"\n`, { mode: 0o644 });
  const asRoot = process.getuid?.() === 0;
  const child = spawn('pgbouncer', [...(asRoot ? ['-u', 'postgres'] : []), path.join(dir, 'pgbouncer.ini')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; ; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(socket.end() && true));
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null || i > 100) throw new Error(`PgBouncer did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url(databaseUrl) {
      const u = new URL(databaseUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
