import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const apiDir = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
}

/** A TypeScript script of the API (path relative to apps/api) in its own Node process, stdout and stderr piped. */
export function tsx(script: string, args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, ['--import', 'tsx', path.join(apiDir, script), ...args], {
    cwd: apiDir,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: path.join(apiDir, 'test/support/tsconfig.processes.json'),
      INIT_CWD: apiDir,
      DATABASE_URL: '',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The real server (`src/main.ts`) on the embedded PostgreSQL in `dataDir` (or `env`'s DATABASE_URL), on a free port. */
export async function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = tsx('src/main.ts', [], {
    SERIALGRAPH_DATA_DIR: dataDir,
    SERIALGRAPH_BOOTSTRAP_KEY: 'ops-key',
    ...env,
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready at (http:\/\/[\d.]+:\d+)\//.exec(out);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited (${code}) before ready:\n${out}`)));
  });
  return {
    child,
    url,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs the server until it exits by itself (it is expected to refuse to start). */
export async function runServerToExit(dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = tsx('src/main.ts', [], { SERIALGRAPH_DATA_DIR: dataDir });
  // A server that starts instead of refusing is stopped, so the test fails instead of hanging.
  const timer = setTimeout(() => child.kill('SIGTERM'), 30_000);
  const result = await collect(child);
  clearTimeout(timer);
  return result;
}

/** Runs the operator CLI (`src/cli.ts`) against the embedded PostgreSQL in `dataDir`. */
export function runCli(dataDir: string, args: string[]) {
  return collect(tsx('src/cli.ts', args, { SERIALGRAPH_DATA_DIR: dataDir }));
}

function collect(child: ChildProcess): Promise<{ code: number | null; stdout: string; output: string }> {
  let stdout = '';
  let output = '';
  child.stdout!.on('data', (c: Buffer) => {
    stdout += c.toString();
    output += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => void (output += c.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, output })));
}

/** Asks the server something that needs its database: health and an authenticated GraphQL query. */
export async function serverAnswers(
  url: string,
  key = 'ops-key',
): Promise<{ health: number; graphql: string }> {
  const health = (await fetch(`${url}/healthz`)).status;
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ warehouses { id } }' }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
  return { health, graphql: body.errors ? `${res.status} ${JSON.stringify(body.errors)}` : `${res.status}` };
}
