import { Migration } from '@mikro-orm/migrations';

/**
 * Exact unit counts kept up to date per (organization, product, warehouse, status), so `totalCount`
 * of the serials report answers from a few counter rows instead of counting a million units.
 * Statement-level triggers with transition tables maintain it: one grouped upsert per statement
 * that touches `serial`, whatever the number of units (postings stay set-based), and the counter
 * rows are locked in key order within it.
 */
export class Migration20261129100000_serial_counts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table serial_count (
        organization_id uuid not null references organization(id),
        product_id uuid not null references product(id),
        warehouse_id uuid references warehouse(id), -- null: out of storage
        status text not null,
        n bigint not null,
        constraint serial_count_key unique nulls not distinct (organization_id, product_id, warehouse_id, status)
      );`);
    this.addSql(`
      create function serial_count_apply() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into serial_count as c (organization_id, product_id, warehouse_id, status, n)
          select organization_id, product_id, warehouse_id, status, count(*) from new_rows
           group by 1, 2, 3, 4 order by 1, 2, 3, 4
          on conflict on constraint serial_count_key do update set n = c.n + excluded.n;
        elsif tg_op = 'UPDATE' then
          insert into serial_count as c (organization_id, product_id, warehouse_id, status, n)
          select organization_id, product_id, warehouse_id, status, sum(d)
            from (select organization_id, product_id, warehouse_id, status, -1 as d from old_rows
                  union all
                  select organization_id, product_id, warehouse_id, status, 1 from new_rows) changes
           group by 1, 2, 3, 4 having sum(d) <> 0 order by 1, 2, 3, 4
          on conflict on constraint serial_count_key do update set n = c.n + excluded.n;
        else
          insert into serial_count as c (organization_id, product_id, warehouse_id, status, n)
          select organization_id, product_id, warehouse_id, status, -count(*) from old_rows
           group by 1, 2, 3, 4 order by 1, 2, 3, 4
          on conflict on constraint serial_count_key do update set n = c.n + excluded.n;
        end if;
        return null;
      end $$;`);
    this.addSql(`
      create trigger serial_count_insert after insert on serial referencing new table as new_rows
        for each statement execute function serial_count_apply();
      create trigger serial_count_update after update on serial referencing old table as old_rows new table as new_rows
        for each statement execute function serial_count_apply();
      create trigger serial_count_delete after delete on serial referencing old table as old_rows
        for each statement execute function serial_count_apply();`);
    this.addSql(`
      insert into serial_count (organization_id, product_id, warehouse_id, status, n)
      select organization_id, product_id, warehouse_id, status, count(*) from serial group by 1, 2, 3, 4;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists serial_count_insert on serial;
      drop trigger if exists serial_count_update on serial;
      drop trigger if exists serial_count_delete on serial;
      drop function if exists serial_count_apply;
      drop table if exists serial_count;`);
  }
}
