import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, lstat, mkdir, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { removeEmbeddedCluster, startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { packagedTree, rootCacheFor } from '../src/db/embedded/postgres-binaries';
import { tsx } from './support/processes';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the embedded PostgreSQL', () => {
  it('starts again after the server was killed hard, stopping the orphan and keeping committed data', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sg-crash-'));
    dirs.push(dataDir);
    const child = tsx('test/support/start-embedded-and-hang.ts', [dataDir]);
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const orphanPid = Number(
      (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    expect(isAlive(orphanPid), 'the killed server left its PostgreSQL running').toBe(true);

    const db = await startEmbeddedPostgres(dataDir);
    try {
      expect(isAlive(orphanPid)).toBe(false);
      const client = new pg.Client({ connectionString: db.adminUrl });
      await client.connect();
      const { rows } = await client.query('select note from survivor');
      await client.end();
      expect(rows).toEqual([{ note: 'committed before the crash' }]);
    } finally {
      await db.stop();
    }
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 60_000);

  it('makes a server wait for a command that started the database for itself, then start', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sg-wait-'));
    dirs.push(dataDir);
    const command = await startEmbeddedPostgres(dataDir, { use: 'command' });
    let serverStarted = false;
    const server = startEmbeddedPostgres(dataDir).then((db) => {
      serverStarted = true;
      return db;
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect(serverStarted, 'the server waits while the command holds the database').toBe(false);
    expect(await query(command.adminUrl, 'select 1 as one')).toEqual([{ one: 1 }]);
    await command.stop();
    const db = await server;
    try {
      expect(await query(db.adminUrl, 'select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await db.stop();
    }
  }, 60_000);

  it('takes over the start-up lock of a process that died while starting', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sg-lock-'));
    dirs.push(dataDir);
    const dead = spawn('true');
    await new Promise((r) => dead.once('exit', r));
    await writeFile(path.join(dataDir, 'postgres.lock'), String(dead.pid));
    const db = await startEmbeddedPostgres(dataDir);
    try {
      expect(await query(db.adminUrl, 'select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await db.stop();
    }
    expect(existsSync(path.join(dataDir, 'postgres.lock'))).toBe(false);
  }, 60_000);

  // Containers and CI run as root, often in a private directory (/root, `mktemp -d`: mode 0700) that
  // the `postgres` user PostgreSQL runs as cannot traverse: neither its binaries nor its data.
  it.runIf(process.getuid?.() === 0)(
    'starts as root when the binaries and the data directory sit under a private (0700) directory',
    async () => {
      const parent = await mkdtemp(path.join(os.tmpdir(), 'sg-private-'));
      dirs.push(parent);
      await chmod(parent, 0o700);
      const packaged = await packagedTree();
      const binaries = path.join(parent, 'pg');
      await mkdir(binaries);
      for (const part of ['bin', 'lib', 'share'])
        await cp(path.join(packaged, part), path.join(binaries, part), {
          recursive: true,
          verbatimSymlinks: true,
        });
      const dataDir = path.join(parent, 'checkout', '.data');
      const cache = await rootCacheFor(binaries);
      dirs.push(cache);

      let db = await startEmbeddedPostgres(dataDir, { binaries });
      try {
        await query(
          db.adminUrl,
          `create table kept (note text); insert into kept values ('across restarts')`,
        );
      } finally {
        await db.stop();
      }
      const pointer = path.join(dataDir, 'postgres');
      expect((await lstat(pointer)).isSymbolicLink(), 'the data dir names where its database lives').toBe(
        true,
      );
      db = await startEmbeddedPostgres(dataDir, { binaries });
      try {
        expect(await query(db.adminUrl, 'select note from kept')).toEqual([{ note: 'across restarts' }]);
      } finally {
        await db.stop();
      }
      const cluster = await readlink(pointer);
      await removeEmbeddedCluster(dataDir);
      expect(existsSync(cluster), 'a reset deletes the relocated database too').toBe(false);
      expect(existsSync(pointer)).toBe(false);
      expect(existsSync(cache), 'the binaries were run from a copy "postgres" can reach').toBe(true);
    },
    60_000,
  );
});

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}
