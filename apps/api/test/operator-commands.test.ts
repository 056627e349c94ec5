import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runCli,
  runServerToExit,
  serverAnswers,
  startServerProcess,
  type ServerProcess,
} from './support/processes';

// The operator's commands share the data directory of a running server (README: `pnpm cli …`,
// `pnpm db:migrate`); none of them may take the server's database away.
describe('operator commands beside a running server', () => {
  let dataDir: string;
  let server: ServerProcess;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sg-ops-'));
    server = await startServerProcess(dataDir);
  }, 60_000);
  afterAll(async () => {
    const code = await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    expect(code, 'the server stops cleanly at the end').toBe(0);
  }, 60_000);

  it('create-key uses the running database: the key works at once and the server keeps answering', async () => {
    const cli = await runCli(dataDir, [
      'create-key',
      '--org',
      'default',
      '--name',
      'desk',
      '--role',
      'viewer',
    ]);
    expect(cli.code, cli.output).toBe(0);
    const key = cli.stdout.trim();
    expect(key).not.toBe('');
    expect(await serverAnswers(server.url)).toEqual({ health: 200, graphql: '200' });
    expect(await serverAnswers(server.url, key)).toEqual({ health: 200, graphql: '200' });
  }, 60_000);

  it('db:migrate (cli migrate) leaves the running server answering', async () => {
    const cli = await runCli(dataDir, ['migrate']);
    expect(cli.code, cli.output).toBe(0);
    expect(cli.stdout).toContain('database is migrated');
    expect(await serverAnswers(server.url)).toEqual({ health: 200, graphql: '200' });
  }, 60_000);

  it('a second server on the same data directory refuses in one sentence and leaves the first one alone', async () => {
    const second = await runServerToExit(dataDir);
    expect(second.code).toBe(1);
    expect(second.output.trim()).toMatch(
      /^Another serialgraph server \(pid \d+\) is using the embedded database in /,
    );
    expect(second.output).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
    expect(await serverAnswers(server.url)).toEqual({ health: 200, graphql: '200' });
  }, 60_000);
});

describe('operator commands without a server', () => {
  it('start the database for the command alone and stop it again', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sg-ops-alone-'));
    try {
      const cli = await runCli(dataDir, ['create-org', '--name', 'acme']);
      expect(cli.code, cli.output).toBe(0);
      expect(cli.stdout.trim()).toMatch(/^\S+$/);
      expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
      expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')), 'nothing left running').toBe(
        false,
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
