import { Migration } from '@mikro-orm/migrations';

/**
 * The public warranty page (/w/<slug>): an organization may publish one under a slug of its own.
 * Both settings live on `organization`, which has no row-level security (it is read to find the
 * organization in the first place) and on which the application role may only select and insert;
 * it now may also update exactly these two columns, nothing else of any organization. The grant is
 * part of serialgraph_secure_tenant_tables() (replaced here, otherwise unchanged), which runs after
 * every migration, so a role created later gets it too.
 */
export class Migration20261201060000_warranty_lookup extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table organization
        add column warranty_slug text
          constraint organization_warranty_slug_format check (warranty_slug ~ '^[a-z0-9-]{3,40}$'),
        add column warranty_published boolean not null default false`);
    this.addSql(`create unique index organization_warranty_slug_uq on organization (warranty_slug)`);
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
        -- The public warranty page's two settings are the only columns of organization it may change.
        if exists (select from pg_attribute where attrelid = 'organization'::regclass and attname = 'warranty_slug'
                      and not attisdropped)
           and not has_column_privilege('serialgraph_app', 'organization', 'warranty_slug', 'UPDATE') then
          grant update (warranty_slug, warranty_published) on organization to serialgraph_app;
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
    // The function checks that the column exists before granting, so it stays valid without it.
    this.addSql(`alter table organization drop column warranty_slug, drop column warranty_published`);
  }
}
