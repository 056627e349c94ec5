import { Migration } from '@mikro-orm/migrations';

/**
 * Tenancy enforced by PostgreSQL. Every table with an `organization_id` (except `api_key`, read to
 * find the organization in the first place) gets row-level security: a row is visible and writable
 * only inside a transaction whose `serialgraph.organization_id` setting names its organization (see
 * db/tenancy.ts). Without the setting nothing is visible. The policies do not bind the table owner
 * (no FORCE): the owner runs the migrations and the operator commands; the server's application role
 * `serialgraph_app` owns nothing and is not exempt. Its privileges: read and write the tenant tables,
 * but only insert into the append-only history (`movement`, `document_line`); no DELETE anywhere.
 * Roles are cluster-wide and need CREATEROLE: the embedded cluster creates `serialgraph_app` itself,
 * an operator creates it before migrating (README); without it the grants are skipped with a notice.
 * Idempotent, and written per table found in the catalogue, whatever the shape of its keys.
 */
export class Migration20261130010000_roles_rls extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      do $$
      declare
        t text;
        app boolean := exists (select from pg_roles where rolname = 'serialgraph_app');
      begin
        for t in
          select c.relname from pg_class c
            join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
            join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
           where c.relkind in ('r', 'p') and c.relname <> 'api_key'
        loop
          execute format('alter table %I enable row level security', t);
          execute format('drop policy if exists organization_isolation on %I', t);
          execute format($p$create policy organization_isolation on %I
            using (organization_id = nullif(current_setting('serialgraph.organization_id', true), '')::uuid)
            with check (organization_id = nullif(current_setting('serialgraph.organization_id', true), '')::uuid)$p$, t);
          if app then
            execute format('grant select, insert on %I to serialgraph_app', t);
            if t not in ('movement', 'document_line') then
              execute format('grant update on %I to serialgraph_app', t);
            end if;
          end if;
        end loop;
        if app then
          grant usage on schema public to serialgraph_app;
          -- Who is calling is known only from the key: these two carry no organization setting.
          grant select, insert on organization, api_key to serialgraph_app;
          grant usage, select on all sequences in schema public to serialgraph_app;
          -- Not owner, and the privileges above are all it has on the tables.
          revoke update, delete, truncate on movement, document_line from serialgraph_app;
        else
          raise notice 'role serialgraph_app does not exist: create it (README) and run the migrations again';
        end if;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`
      do $$
      declare t text;
      begin
        for t in select tablename from pg_policies where policyname = 'organization_isolation'
                    and schemaname = current_schema()
        loop
          execute format('drop policy organization_isolation on %I', t);
          execute format('alter table %I disable row level security', t);
        end loop;
      end $$;`);
  }
}
