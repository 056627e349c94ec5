// The API under benchmark, in its own process (forked by the bench with an IPC channel), so that the
// event-loop delay and peak RSS measured here are the server's alone, not the bench client's.
import 'reflect-metadata';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startApp } from '../app';
import { createApiKey, findOrCreateOrganization } from '../modules/auth/auth.service';
import { startPkBaseline, type PkBaseline } from './pk-baseline';
import type { ServerReply, ServerRequest } from './server-protocol';

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('the bench server needs DATABASE_URL');
  const app = await startApp({ port: 0, host: '127.0.0.1', databaseUrl, dataDir: '' });
  // 10 ms sampling resolution: enough to see any stall above the 50 ms budget.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let statementsAtMark = app.db.statementCount();
  let cpuAtMark = process.cpuUsage();
  const baselines: PkBaseline[] = [];

  const answer = async (req: ServerRequest): Promise<ServerReply['result']> => {
    switch (req.cmd) {
      case 'organization': {
        const em = app.db.orm.em.fork();
        const org = await findOrCreateOrganization(em, req.name);
        const { key } = await createApiKey(em, org.id, { name: 'bench', role: 'admin' });
        return { organizationId: org.id, key };
      }
      case 'mark':
        loop.reset();
        statementsAtMark = app.db.statementCount();
        cpuAtMark = process.cpuUsage();
        return {};
      case 'stats':
        return {
          statements: app.db.statementCount() - statementsAtMark,
          loopMaxMs: loop.max / 1e6,
          loopP99Ms: loop.percentile(99) / 1e6,
          cpuMs: cpuMsSince(cpuAtMark),
          peakRssMb: process.resourceUsage().maxRSS / 1024,
        };
      case 'pkBaseline': {
        const baseline = await startPkBaseline(app.db.ownerUrl, req.organizationId);
        baselines.push(baseline);
        return { url: baseline.url };
      }
      case 'close':
        for (const baseline of baselines) await baseline.close();
        await app.close();
        setImmediate(() => process.exit(0));
        return {};
    }
  };
  process.on('message', (req: ServerRequest) => {
    answer(req).then(
      (result) => process.send!({ id: req.id, result } satisfies ServerReply),
      (e: unknown) => process.send!({ id: req.id, error: String(e) } satisfies ServerReply),
    );
  });
  process.send!({ id: 0, result: { url: app.url } } satisfies ServerReply);
}

function cpuMsSince(mark: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(mark);
  return (user + system) / 1000;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
