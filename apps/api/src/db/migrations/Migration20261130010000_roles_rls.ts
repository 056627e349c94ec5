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
 * an operator creates it (README); until then the grants are skipped with a notice.
 * Written per table found in the catalogue, whatever the shape of its keys; see up() for re-runs.
 */
export class Migration20261130010000_roles_rls extends Migration {
  override async up(): Promise<void> {
    // A function, not a one-off block: openDatabase calls it after every migration run, so a table
    // added later, or a role created after the first migration, is covered without a new migration.
    // It changes only what is missing (no lock on tables already secured).
    this.addSql(`
      create or replace function serialgraph_secure_tenant_tables() returns void language plpgsql as $fn$
      declare
        t text;
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
        for t in
          select c.relname from pg_class c
            join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
            join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
           where c.relkind in ('r', 'p') and c.relname <> 'api_key'
             and not has_table_privilege('serialgraph_app', c.oid, 'SELECT')
        loop
          execute format('grant select, insert on %I to serialgraph_app', t);
          -- History is append-only: no UPDATE on it; DELETE on nothing.
          if t not in ('movement', 'document_line') then
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
      end $fn$;`);
    this.addSql(`select serialgraph_secure_tenant_tables();`);
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
      end $$;
      drop function if exists serialgraph_secure_tenant_tables;`);
  }
}
