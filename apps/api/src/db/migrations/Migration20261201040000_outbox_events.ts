import { Migration } from '@mikro-orm/migrations';

/**
 * The transactional outbox behind GraphQL subscriptions: one row per posted document, written by
 * the posting's own statement (plan-writer.ts), so a rolled-back document leaves none and a committed
 * one keeps it whatever happens to the process. `tx` is the writing transaction's id: a reader that
 * has delivered everything below its snapshot's xmin can never see an older row appear later
 * (modules/events/outbox-relay.ts). Append-only like the ledger: the application role may insert
 * and read it, nothing else; delivery positions live in each process, never in the table.
 *
 * serialgraph_secure_tenant_tables() is redefined so that UPDATE is withheld from every table the
 * database already refuses to rewrite (a refuse_history_rewrite trigger: movement, document_line,
 * outbox_event), instead of a fixed list; otherwise it is unchanged.
 */
export class Migration20261201040000_outbox_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table outbox_event (
        organization_id uuid not null references organization(id),
        id uuid not null default serialgraph_uuidv7(),
        type text not null check (type in ('DOCUMENT_POSTED')),
        document_id uuid not null,
        tx bigint not null default (pg_current_xact_id()::text::bigint),
        created_at timestamptz not null default now(),
        constraint outbox_event_pkey primary key (organization_id, id),
        constraint outbox_event_document_id_fkey foreign key (organization_id, document_id)
          references document (organization_id, id)
      );`);
    this.addSql(`create index outbox_event_delivery_idx on outbox_event (organization_id, tx, id);`);
    this.addSql(`create trigger outbox_event_append_only before update or delete on outbox_event
      for each row execute function refuse_history_rewrite();`);
    this.addSql(secureTenantTables(APPEND_ONLY_BY_TRIGGER));
  }

  override async down(): Promise<void> {
    this.addSql(secureTenantTables(APPEND_ONLY_FIXED));
    this.addSql(`drop table if exists outbox_event;`);
  }
}

/** The tables refused UPDATE: those whose rows a refuse_history_rewrite trigger guards. */
const APPEND_ONLY_BY_TRIGGER = `exists (select from pg_trigger tg join pg_proc p on p.oid = tg.tgfoid
              where tg.tgrelid = c.oid and p.proname = 'refuse_history_rewrite')`;
/** As Migration20261130010000_roles_rls wrote it. */
const APPEND_ONLY_FIXED = `c.relname in ('movement', 'document_line')`;

function secureTenantTables(appendOnly: string): string {
  return `
      create or replace function serialgraph_secure_tenant_tables() returns void language plpgsql as $fn$
      declare
        t text;
        append_only boolean;
        app boolean := exists (select from pg_roles where rolname = 'serialgraph_app');
        setting constant text := $s$organization_id = nullif(current_setting('serialgraph.organization_id', true), '')::uuid$s$;
      begin
        for t in
          select c.relname from pg_class c
            join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
            join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
           where c.relkind in ('r', 'p') and c.relname <> 'api_key' and not c.relrowsecurity
        loop
          execute format('alter table %I enable row level security', t);
        end loop;
        for t in
          select c.relname from pg_class c
            join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
            join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
           where c.relkind in ('r', 'p') and c.relname <> 'api_key'
             and not exists (select from pg_policies p where p.schemaname = n.nspname and p.tablename = c.relname
                               and p.policyname = 'organization_isolation')
        loop
          execute format('create policy organization_isolation on %I using (%s) with check (%s)', t, setting, setting);
        end loop;
        if not app then
          raise notice 'role serialgraph_app does not exist: create it (README), then start the server or run pnpm db:migrate';
          return;
        end if;
        for t, append_only in
          select c.relname, ${appendOnly} from pg_class c
            join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
            join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
           where c.relkind in ('r', 'p') and c.relname <> 'api_key'
             and not has_table_privilege('serialgraph_app', c.oid, 'SELECT')
        loop
          execute format('grant select, insert on %I to serialgraph_app', t);
          -- History is append-only: no UPDATE on it; DELETE on nothing.
          if not append_only then
            execute format('grant update on %I to serialgraph_app', t);
          end if;
        end loop;
        if not has_table_privilege('serialgraph_app', 'api_key', 'SELECT') then
          -- Who is calling is known only from the key: these two carry no organization setting.
          grant select, insert on organization, api_key to serialgraph_app;
          grant usage on schema public to serialgraph_app;
        end if;
        if exists (select from pg_class c where c.relkind = 'S'
                        -- CASE: the privilege check must not see the other kinds of relation
                        and case when c.relkind = 'S' then not has_sequence_privilege('serialgraph_app', c.oid, 'USAGE') end
                        and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())) then
          execute 'grant usage, select on all sequences in schema ' || quote_ident(current_schema()) || ' to serialgraph_app';
        end if;
      end $fn$;`;
}
