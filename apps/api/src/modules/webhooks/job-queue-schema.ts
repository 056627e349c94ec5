import { runMigrations } from 'graphile-worker';
import pg from 'pg';
import { APP_ROLE } from '../../db/roles';
import { quietWorkerLogger } from './worker-logger';

/** Any number, the same in every process: the key of the advisory lock around the grants below. */
const QUEUE_GRANTS_LOCK = 7_316_029_415;

/** graphile-worker's own schema. */
export const QUEUE_SCHEMA = 'graphile_worker';

/**
 * Installs or upgrades the job queue's schema as the owner (after our own migrations, under the
 * same lock), then grants the application role what the worker and `add_job` need on it, and no
 * more: read the schema version; read and write jobs and job queues (a finished job is deleted);
 * register task names; the scheduler's crontab state (row-level security, which graphile-worker turns on for its tables, lets it
 * through by a policy of its own). The application role never creates or alters anything there; at start-up
 * its worker only reads the schema version (up to date, it migrates nothing).
 */
export async function installJobQueue(ownerUrl: string): Promise<void> {
  await runMigrations({ connectionString: ownerUrl, schema: QUEUE_SCHEMA, logger: quietWorkerLogger });
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [APP_ROLE]);
    if (!rowCount) return; // one role for everything: it owns the schema already
    const { rows } = await client.query<{ me: boolean }>('select current_user = $1 as me', [APP_ROLE]);
    if (rows[0]?.me) return;
    // Several servers starting at once: one grants at a time (concurrent GRANTs on one object fail,
    // and "create policy if missing" is no atomic statement).
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1)', [QUEUE_GRANTS_LOCK]);
    await client.query(`
      grant usage on schema ${QUEUE_SCHEMA} to ${APP_ROLE};
      grant select on ${QUEUE_SCHEMA}.migrations to ${APP_ROLE};
      grant select, insert, update, delete on ${QUEUE_SCHEMA}._private_jobs, ${QUEUE_SCHEMA}._private_job_queues to ${APP_ROLE};
      grant select, insert on ${QUEUE_SCHEMA}._private_tasks to ${APP_ROLE};
      -- the runner's scheduler reads and records its (empty) crontab's state at start-up
      grant select, insert, update on ${QUEUE_SCHEMA}._private_known_crontabs to ${APP_ROLE};
      grant usage on all sequences in schema ${QUEUE_SCHEMA} to ${APP_ROLE};
      grant execute on function serialgraph_webhook_organizations() to ${APP_ROLE};`);
    // graphile-worker turns row-level security on for its tables with no policy (only their owner may
    // use them): the application role gets one on exactly the tables it was granted.
    for (const table of ['_private_jobs', '_private_job_queues', '_private_tasks', '_private_known_crontabs'])
      await client.query(`do $$ begin
        if not exists (select from pg_policies where schemaname = '${QUEUE_SCHEMA}' and tablename = '${table}'
                         and policyname = 'serialgraph_app_queue') then
          create policy serialgraph_app_queue on ${QUEUE_SCHEMA}.${table} to ${APP_ROLE} using (true) with check (true);
        end if;
      end $$;`);
    await client.query('commit');
  } finally {
    await client.end();
  }
}
