import { Migration } from '@mikro-orm/migrations';

/**
 * Row-level security makes every tenant table a security barrier: a condition may be checked before
 * the policy (and so serve as an index condition) only if its functions are LEAKPROOF. `lower(text)`
 * and `textlike` (LIKE) are not marked so by PostgreSQL, so as the application role every lookup
 * by number (`lower(number) = …`, the unique and lookup indexes), every search (`lower(number) like
 * …`, the trigram index) and every posting's unit lock scanned the organization's whole serial
 * table: 19 ms at 100,000 units, 350 ms at 1,000,000. Neither function can reveal anything about its
 * arguments but its result (lower never fails on valid text; LIKE fails only on a malformed pattern,
 * which is always our own bound parameter), so they are marked LEAKPROOF. That takes a superuser
 * (the embedded cluster's owner is one); otherwise a notice asks the operator to run the same two
 * statements (README, "Database roles").
 */
export class Migration20261201070000_leakproof_lookups extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      do $$
      begin
        if (select rolsuper from pg_roles where rolname = current_user) then
          alter function pg_catalog.lower(text) leakproof;
          alter function pg_catalog.textlike(text, text) leakproof;
        else
          raise notice 'not a superuser: ask one to run "alter function pg_catalog.lower(text) leakproof; alter function pg_catalog.textlike(text, text) leakproof;", or lookups by serial number scan whole tables under row-level security';
        end if;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`
      do $$
      begin
        if (select rolsuper from pg_roles where rolname = current_user) then
          alter function pg_catalog.lower(text) not leakproof;
          alter function pg_catalog.textlike(text, text) not leakproof;
        end if;
      end $$;`);
  }
}
