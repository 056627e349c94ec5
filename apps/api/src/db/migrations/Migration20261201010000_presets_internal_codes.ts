import { Migration } from '@mikro-orm/migrations';

/**
 * Serial format presets on products (a preset or a pattern, never both), the optional internal code
 * (asset tag) of a unit, unique per organization case-insensitively like serials, and the previous
 * internal code on the movement that changes it.
 */
export class Migration20261201010000_presets_internal_codes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table product
        add column serial_preset text
          check (serial_preset in ('IMEI', 'MAC_48', 'GTIN_8', 'GTIN_12', 'GTIN_13', 'GTIN_14')),
        add constraint product_one_serial_rule check (serial_preset is null or serial_format is null);`);
    this.addSql(`
      alter table serial add column internal_code text;
      create unique index serial_internal_code_uq on serial (organization_id, lower(internal_code))
        where internal_code is not null;
      create index serial_internal_code_trgm on serial using gin (lower(internal_code) gin_trgm_ops);`);
    this.addSql(`alter table movement add column previous_internal_code text;`);
  }
}
