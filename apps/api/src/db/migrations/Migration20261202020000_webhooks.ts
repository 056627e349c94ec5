import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks (modules/webhooks): endpoints an admin registers, one delivery per endpoint and event
 * (unique, so the relay that turns committed outbox rows into deliveries may run again, in any
 * number of processes, and still enqueue each one once), each attempt of a delivery (append-only),
 * and per organization the outbox position the relay has passed for good. Tenant tables: RLS and
 * the application role's grants come from serialgraph_secure_tenant_tables().
 *
 * `serialgraph_webhook_organizations()` is the relay's one look across organizations: it runs as the
 * owner (row-level security does not bind it) and answers only the ids of organizations with an
 * endpoint (enabled or not: a disabled one's events pass by while it is off, never delivered later), nothing of their rows. The job queue's own schema (graphile_worker) is installed
 * after the migrations by modules/webhooks/job-queue-schema.ts.
 */
export class Migration20261202020000_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table webhook_endpoint (
        organization_id uuid not null references organization(id),
        id uuid not null default serialgraph_uuidv7(),
        url text not null,
        description text not null default '',
        events text[] not null,
        enabled boolean not null default true,
        secret text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint webhook_endpoint_pkey primary key (organization_id, id)
      );`);
    this.addSql(`
      create table webhook_delivery (
        organization_id uuid not null references organization(id),
        id uuid not null default serialgraph_uuidv7(),
        endpoint_id uuid not null,
        event_id text not null,
        event_type text not null,
        payload jsonb not null,
        status text not null default 'PENDING' check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
        attempts int not null default 0,
        response_status int,
        response_excerpt text,
        duration_ms int,
        error text,
        last_attempt_at timestamptz,
        next_attempt_at timestamptz,
        -- retries stop retryForMs after this: the first attempt, or the last replay
        retry_window_from timestamptz,
        created_at timestamptz not null default now(),
        constraint webhook_delivery_pkey primary key (organization_id, id),
        constraint webhook_delivery_endpoint_fkey foreign key (organization_id, endpoint_id)
          references webhook_endpoint (organization_id, id),
        constraint webhook_delivery_once_uq unique (organization_id, endpoint_id, event_id)
      );`);
    this.addSql(
      `create index webhook_delivery_list_idx on webhook_delivery (organization_id, endpoint_id, id desc);`,
    );
    this.addSql(`
      create table webhook_delivery_attempt (
        organization_id uuid not null references organization(id),
        id uuid not null default serialgraph_uuidv7(),
        delivery_id uuid not null,
        number int not null,
        at timestamptz not null default now(),
        response_status int,
        response_excerpt text,
        duration_ms int not null,
        error text,
        constraint webhook_delivery_attempt_pkey primary key (organization_id, id),
        constraint webhook_delivery_attempt_delivery_fkey foreign key (organization_id, delivery_id)
          references webhook_delivery (organization_id, id),
        constraint webhook_delivery_attempt_number_uq unique (organization_id, delivery_id, number)
      );`);
    this
      .addSql(`create trigger webhook_delivery_attempt_append_only before update or delete on webhook_delivery_attempt
      for each row execute function refuse_history_rewrite();`);
    this.addSql(`
      create table webhook_outbox_cursor (
        organization_id uuid not null references organization(id),
        tx bigint not null,
        event_id uuid not null,
        constraint webhook_outbox_cursor_pkey primary key (organization_id)
      );`);
    // Relay ids in the payloads are the API's global ids (common/global-id.ts: base64url of `Type:uuid`).
    this.addSql(`
      create function serialgraph_global_id(type text, id uuid) returns text
        language sql immutable parallel safe as
      $$ select case when id is null then null else
           rtrim(translate(encode(convert_to(type || ':' || id::text, 'UTF8'), 'base64'), '+/', '-_'), '=') end $$;`);
    this.addSql(`
      create function serialgraph_webhook_organizations() returns setof uuid
        language sql stable security definer set search_path from current as
      $$ select distinct organization_id from webhook_endpoint $$;`);
    // Executed by the application role only (granted with the queue's privileges, job-queue-schema.ts).
    this.addSql(`revoke all on function serialgraph_webhook_organizations() from public;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists serialgraph_webhook_organizations;`);
    this.addSql(`drop function if exists serialgraph_global_id;`);
    this.addSql(
      `drop table if exists webhook_outbox_cursor, webhook_delivery_attempt, webhook_delivery, webhook_endpoint;`,
    );
  }
}
