/** Runs SQL on a database (a test server's `sql`, or a migrated copy's connection). */
export type Sql = (text: string, params?: unknown[]) => Promise<Record<string, any>[]>;

/**
 * Every key of a tenant table (a table with an organization_id column) that does not include
 * organization_id, read from pg_catalog: tables without a key, primary keys, unique indexes (constraints too) and foreign
 * keys, whose organization_id must also be paired with the referenced table's organization_id.
 * An empty list means no row can reference a row of another organization.
 */
export async function keysWithoutOrganization(sql: Sql): Promise<string[]> {
  const rows = await sql(
    `with tenant as (
       select c.oid, c.relname, a.attnum as org
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
         join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
        where c.relkind in ('r', 'p')
     )
     -- a counter table keyed on a nullable column has a unique key (nulls not distinct) instead
     select 'table ' || t.relname || ' has no key' as problem from tenant t
      where not exists (select 1 from pg_index i where i.indrelid = t.oid and i.indisunique)
     union all
     select case when i.indisprimary then 'primary key ' else 'unique index ' end
            || ic.relname || ' on ' || t.relname || ' lacks organization_id'
       from tenant t
       join pg_index i on i.indrelid = t.oid and i.indisunique
       join pg_class ic on ic.oid = i.indexrelid
      where not (t.org = any(i.indkey::int2[]))
     union all
     select 'foreign key ' || k.conname || ' on ' || t.relname || ' lacks organization_id'
       from tenant t
       join pg_constraint k on k.conrelid = t.oid and k.contype = 'f'
       left join pg_attribute ra on ra.attrelid = k.confrelid and ra.attname = 'organization_id'
      where not exists (
        select 1 from generate_subscripts(k.conkey, 1) as p
         where k.conkey[p] = t.org
           -- the referenced side is its organization_id, or the organization itself
           and (k.confkey[p] = ra.attnum or (ra.attnum is null and k.confrelid = 'organization'::regclass))
      )
     order by 1`,
  );
  return rows.map((r) => r.problem as string);
}

/** The tenant tables: every public table with an organization_id column. */
export async function tenantTables(sql: Sql): Promise<string[]> {
  const rows = await sql(
    `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where c.relkind in ('r', 'p') and exists (select 1 from pg_attribute a
              where a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped)
      order by 1`,
  );
  return rows.map((r) => r.relname as string);
}
